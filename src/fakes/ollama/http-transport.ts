import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { CLIENT_HEADER, SCOPE_HEADER } from '../control/connections.js';
import type { OllamaFake } from './fake.js';
import type { IncomingCall, ResponseSink } from './api/call.js';
import { needsBody, serveRequest, writeBodyTooLarge } from './pipeline.js';
import { matchRoute } from './router.js';

/** The thin node:http transport: body limit, connection tracking, and a ResponseSink over the socket. */
export function createOllamaHttpServer(fake: OllamaFake): Server {
  const server = createServer({ keepAliveTimeout: 5_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    handleHttp(fake, req, res).catch((error: unknown) => {
      // serveRequest never rejects; this guards the transport's own steps, so that nothing a peer sends
      // can end the process with an unhandled rejection.
      fake.log.error(`${req.method ?? '?'} ${(req.url ?? '').slice(0, 200)} failed in the transport`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: `fake server error: ${(error as Error).message}` }));
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    fake.connections.add(socket);
  });
  // node:http hands CONNECT to a 'connect' listener and drops the socket without one; gin answers it
  // like any other method its routes do not take.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const match = matchRoute(req.method ?? 'CONNECT', (req.url ?? '').split('?')[0] as string);
    const text = match.kind === 'not-found' ? '404 page not found' : '405 method not allowed';
    const status = match.kind === 'not-found' ? '404 Not Found' : '405 Method Not Allowed';
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\ncontent-length: ${text.length}\r\nconnection: close\r\n\r\n${text}`);
  });
  server.on('clientError', (error, socket) => {
    fake.log.debug('client error', error);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
  return server;
}

async function handleHttp(fake: OllamaFake, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const scope = headerValue(req.headers[SCOPE_HEADER]);
  const client = headerValue(req.headers[CLIENT_HEADER]);
  const endRequest = fake.connections.beginRequest(fake.connections.get(req.socket), scope, client);
  const gone = new AbortController();
  res.once('close', () => {
    endRequest();
    if (!res.writableFinished) gone.abort();
  });
  const body = needsBody(req.method ?? 'GET', req.url ?? '/') ? await readBody(req, fake.config.maxBodyBytes) : new Uint8Array(0);
  if (body === 'too-large') return writeBodyTooLarge(fake, nodeSink(res, gone));
  if (body === 'aborted') return;
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) headers[key] = headerValue(value);
  const call: IncomingCall = {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers,
    remoteAddress: req.socket.remoteAddress ?? '',
    connectionId: fake.connections.get(req.socket)?.id,
    body,
  };
  await serveRequest(fake, call, nodeSink(res, gone));
}

function nodeSink(res: ServerResponse, gone: AbortController): ResponseSink {
  return {
    gone,
    writeHead(status, headers, streaming) {
      res.writeHead(status, headers);
      // Streams show their headers at once; whole bodies go out with them in a single write.
      if (streaming) res.flushHeaders();
    },
    async write(chunk) {
      if (res.destroyed) return;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
      }
    },
    end(last) {
      if (!res.destroyed) res.end(last);
    },
    destroy() {
      res.destroy();
      res.socket?.destroy();
    },
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Uint8Array | 'too-large' | 'aborted') => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        // Stop buffering; the reply asks to close the connection so the rest is never read.
        req.removeAllListeners('data');
        req.pause();
        settle('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => settle(Buffer.concat(chunks)));
    req.once('error', () => settle('aborted'));
    req.once('close', () => {
      if (!req.complete) settle('aborted');
    });
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
