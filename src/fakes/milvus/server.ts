/**
 * One TCP port for everything, as real Milvus serves gRPC and REST on 19530: the first bytes of each
 * connection decide. The HTTP/2 client preface ("PRI * HTTP/2.0") goes to grpc-js through a connection
 * injector; anything else goes to an HTTP/1.1 server whose handlers are pluggable (REST v2 and the
 * `/_fake/` control plane attach with `useHttp`). `/healthz` answers `OK`, also on the optional health
 * port. Closing force-shuts gRPC, destroys every socket and is bounded in time.
 */
import http from 'node:http';
import net from 'node:net';
import type { Clock } from '../../common/clock.js';
import { FakecontainersError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import { createGrpcTransport, type GrpcTransport } from './grpc-transport.js';
import type { ConnectionTracker, RpcJournal } from './observability.js';
import type { MilvusService } from './service.js';

/** Returns true when it answered the request; unanswered requests fall through to the next handler. */
export type HttpHandler = (request: http.IncomingMessage, response: http.ServerResponse) => boolean | Promise<boolean>;

export interface ServerOptions {
  readonly service: MilvusService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly journal: RpcJournal;
  readonly connections: ConnectionTracker;
  readonly host: string;
  readonly port: number;
  /** Separate `/healthz` port (9091 in containers); undefined = none. */
  readonly healthPort?: number;
}

const PREFACE = Buffer.from('PRI * HTTP/2.0');
const CLOSE_TIMEOUT_MS = 2000;

function healthz(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if (request.url?.split('?')[0] !== '/healthz') return false;
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('OK');
  return true;
}

export class FakeMilvusServer {
  readonly #options: ServerOptions;
  readonly #handlers: HttpHandler[] = [healthz];
  readonly #sockets = new Set<net.Socket>();
  readonly #net: net.Server;
  readonly #http: http.Server;
  #health?: http.Server;
  #grpc?: GrpcTransport;
  #closing?: Promise<void>;
  #port = 0;

  constructor(options: ServerOptions) {
    this.#options = options;
    this.#http = http.createServer((req, res) => void this.#dispatch(req, res));
    this.#http.keepAliveTimeout = 5000;
    this.#net = net.createServer((socket) => this.#accept(socket));
  }

  get port(): number {
    return this.#port;
  }

  /** Adds an HTTP/1.1 handler (REST v2, control plane); handlers run in the order they were added. */
  useHttp(handler: HttpHandler): void {
    this.#handlers.push(handler);
  }

  async start(): Promise<void> {
    this.#grpc = createGrpcTransport(this.#options);
    this.#port = await listen(this.#net, this.#options.port, this.#options.host);
    if (this.#options.healthPort !== undefined) {
      this.#health = http.createServer((req, res) => {
        if (!healthz(req, res)) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('404 page not found');
        }
      });
      this.#health.on('connection', (socket: net.Socket) => this.#track(socket));
      await listen(this.#health, this.#options.healthPort, this.#options.host);
    }
  }

  #track(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  #accept(socket: net.Socket): void {
    if (this.#closing) {
      socket.destroy();
      return;
    }
    this.#track(socket);
    const record = this.#options.connections.opened(socket.remoteAddress ?? '', socket.remotePort ?? 0, this.#options.clock.now());
    socket.once('close', () => this.#options.connections.closed(record.id, this.#options.clock.now()));
    socket.on('error', (error) => this.#options.logger.debug(`socket ${record.id} error`, error));
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
        record.protocol = 'grpc';
        this.#grpc?.injector.injectConnection(socket);
      } else {
        record.protocol = 'http';
        this.#http.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  }

  async #dispatch(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    try {
      for (const handler of this.#handlers) {
        if (await handler(request, response)) return;
      }
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('404 page not found');
    } catch (error) {
      this.#options.logger.error(`HTTP ${request.method ?? ''} ${request.url ?? ''} failed`, error);
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
    const closed = Promise.all([
      new Promise<void>((resolve) => this.#net.close(() => resolve())),
      this.#health ? new Promise<void>((resolve) => this.#health?.close(() => resolve())) : Promise.resolve(),
    ]);
    this.#grpc?.server.forceShutdown();
    this.#grpc?.injector.destroy();
    this.#http.closeAllConnections();
    this.#health?.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      timer.unref();
    });
    await Promise.race([closed, timeout]);
    if (timer) clearTimeout(timer);
  }
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(new FakecontainersError('PORT_IN_USE', `port ${port} on ${host} is already in use; pass another port or 0 for a free one`, { cause: error }));
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
