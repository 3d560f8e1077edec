/**
 * One TCP port for everything, as real Milvus serves gRPC and REST on 19530: the first bytes of each
 * connection decide. The HTTP/2 client preface ("PRI * HTTP/2.0") goes to grpc-js through a connection
 * injector; anything else goes to an HTTP/1.1 server whose handlers are pluggable (REST v2 and the
 * `/_fake/` control plane attach with `useHttp`). `/healthz` answers `OK`, also on the optional health
 * port. Closing force-shuts gRPC, destroys every socket and is bounded in time.
 */
import http from 'node:http';
import { CLIENT_HEADER, SCOPE_HEADER } from '../control/connections.js';
import type net from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { CONTROL_PREFIX, handleControl } from '../control/control-routes.js';
import { closeServer, listenLoopback } from '../control/listen.js';
import type { MilvusFake } from './engine/milvus-fake.js';
import { createGrpcTransport, type GrpcTransport } from './grpc/transport.js';

/** Returns true when it answered the request; unanswered requests fall through to the next handler. */
export type HttpHandler = (request: http.IncomingMessage, response: http.ServerResponse) => boolean | Promise<boolean>;

export interface ServerOptions {
  readonly fake: MilvusFake;
  /** Undefined: loopback, both 127.0.0.1 and ::1. */
  readonly host?: string;
  readonly port: number;
  /** Separate `/healthz` port (9091 in containers); undefined = none. */
  readonly healthPort?: number;
}

const PREFACE = Buffer.from('PRI * HTTP/2.0');
const CLOSE_TIMEOUT_MS = 2000;
const MAX_CONTROL_BODY = 64 * 1024 * 1024;

function healthz(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if (request.url?.split('?')[0] !== '/healthz') return false;
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('OK');
  return true;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CONTROL_BODY) request.destroy(new Error('control request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Resolves when the request's body has been read to its end (and dropped), or the request failed. */
function drained(request: http.IncomingMessage): Promise<void> {
  if (request.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    request.once('end', resolve);
    request.once('error', () => resolve());
    request.once('close', resolve);
    request.resume();
  });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

export class FakeMilvusServer {
  readonly #options: ServerOptions;
  readonly #fake: MilvusFake;
  readonly #handlers: HttpHandler[] = [healthz];
  readonly #sockets = new Map<string, net.Socket>();
  #servers: net.Server[] = [];
  readonly #http: http.Server;
  readonly #healthServers: http.Server[] = [];
  #healthPort?: number;
  #grpc?: GrpcTransport;
  #closing?: Promise<void>;
  #port = 0;

  constructor(options: ServerOptions) {
    this.#options = options;
    this.#fake = options.fake;
    this.#http = http.createServer((req, res) => void this.#dispatch(req, res));
    this.#http.keepAliveTimeout = 5000;
    this.#handlers.push((req, res) => this.#control(req, res));
  }

  get port(): number {
    return this.#port;
  }

  /** The bound `/healthz` port, when one was asked for. */
  get healthPort(): number | undefined {
    return this.#healthPort;
  }

  /** Adds an HTTP/1.1 handler (REST v2); handlers run in the order they were added. */
  useHttp(handler: HttpHandler): void {
    this.#handlers.push(handler);
  }

  async start(): Promise<void> {
    this.#grpc = createGrpcTransport({ fake: this.#fake, dropPeer: (peer) => this.#sockets.get(peer)?.destroy() });
    const { port, servers } = await listenLoopback(() => createNetServer((socket) => this.#accept(socket)), this.#options.port, this.#options.host);
    this.#port = port;
    this.#servers = servers;
    if (this.#options.healthPort !== undefined) {
      const create = () => {
        const server = http.createServer((req, res) => {
          if (!healthz(req, res)) {
            res.writeHead(404, { 'content-type': 'text/plain' });
            res.end('404 page not found');
          }
        });
        this.#healthServers.push(server);
        return server;
      };
      const health = await listenLoopback(create, this.#options.healthPort, this.#options.host);
      this.#healthPort = health.port;
    }
  }

  #accept(socket: net.Socket): void {
    if (this.#closing) {
      socket.destroy();
      return;
    }
    const info = this.#fake.connections.add(socket);
    const peer = `${info.remoteAddress}:${info.remotePort}`;
    this.#sockets.set(peer, socket);
    socket.once('close', () => this.#sockets.delete(peer));
    socket.on('error', (error) => this.#fake.log.debug(`connection ${info.id} error`, error));
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const decided = seen.length >= PREFACE.length || !PREFACE.subarray(0, seen.length).equals(seen);
      if (!decided) return;
      socket.off('data', onData);
      socket.pause();
      socket.unshift(seen);
      if (seen.subarray(0, PREFACE.length).equals(PREFACE)) {
        // Node's Http2Session replays bytes already buffered on the socket (nodejs#35475); resuming
        // here would flush them to nobody, so the session reads them itself.
        this.#grpc?.injector.injectConnection(socket);
      } else {
        this.#http.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  }

  async #control(request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    if (url.pathname !== CONTROL_PREFIX && !url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return false;
    const raw = await readBody(request);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as unknown;
      } catch (error) {
        sendJson(response, 400, { error: `invalid JSON body: ${(error as Error).message}` });
        return true;
      }
    }
    const reply = await handleControl(this.#fake.controlPlane(), {
      method: request.method ?? 'GET',
      path: url.pathname.slice(CONTROL_PREFIX.length) || '/',
      query: url.searchParams,
      body,
      remoteAddress: request.socket.remoteAddress ?? '',
      connectionId: this.#fake.connections.get(request.socket)?.id,
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    });
    sendJson(response, reply.status, reply.body ?? {});
    return true;
  }

  async #dispatch(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // HTTP requests (REST v2, control plane) name their scope in headers, as gRPC calls do in metadata.
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const end = this.#fake.connections.beginRequest(
      this.#fake.connections.get(request.socket),
      header(SCOPE_HEADER),
      header(CLIENT_HEADER),
    );
    response.once('close', end);
    try {
      for (const handler of this.#handlers) {
        if (await handler(request, response)) return;
      }
      // Read (and drop) the body first, as Go's server does before it reuses a connection: answering
      // while a client still sends a large body resets the connection before the client reads the 404.
      await drained(request);
      // gin's serveError for an unregistered path: its default404Body with `Content-Type: text/plain`
      // (no charset), the proxy's engine having no NoRoute handler (distributed/proxy/service.go).
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('404 page not found');
    } catch (error) {
      this.#fake.log.error(`HTTP ${request.method ?? ''} ${request.url ?? ''} failed`, error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 65535, message: 'fake milvus internal error' }));
    }
  }

  /** Idempotent; ends every stream and connection, bounded in time. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#fake.shutdown();
    const closed = Promise.all([...this.#servers, ...this.#healthServers].map((s) => closeServer(s)));
    this.#grpc?.server.forceShutdown();
    this.#grpc?.injector.destroy();
    this.#http.closeAllConnections();
    for (const server of this.#healthServers) server.closeAllConnections();
    this.#fake.connections.destroyAll();
    for (const socket of this.#sockets.values()) socket.destroy();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      timer.unref();
    });
    await Promise.race([closed, timeout]);
    if (timer) clearTimeout(timer);
  }
}
