/**
 * `startFakeMilvus()`: a fake Milvus standalone in this process that the official
 * `@zilliz/milvus2-sdk-node` client (gRPC) talks to unchanged.
 */
import { systemClock, type Clock } from '../../common/clock.js';
import { assertOption } from '../../common/errors.js';
import { createLogger, type LogLevel } from '../../common/log.js';
import { MemoryConnections, MemoryJournal, type ConnectionTracker, type RpcJournal } from './observability.js';
import type { SeedDescription } from './seed.js';
import { FakeMilvusServer, type HttpHandler } from './server.js';
import { MilvusService } from './service.js';

export interface FakeMilvusOptions {
  /** TCP port for gRPC and HTTP (0 = any free port). */
  port?: number;
  host?: string;
  clock?: Clock;
  /** Collections, indexes and rows to create before the first client connects. */
  seed?: SeedDescription;
  logLevel?: LogLevel;
  /** Extra `/healthz` port (9091 in containers); off when undefined. */
  healthPort?: number;
  /** Version string GetVersion reports. */
  version?: string;
}

export interface FakeMilvus extends AsyncDisposable {
  /** `host:port`, what `new MilvusClient({ address })` takes. */
  readonly address: string;
  readonly url: string;
  readonly port: number;
  readonly service: MilvusService;
  readonly journal: RpcJournal;
  readonly connections: ConnectionTracker;
  /** Attach an HTTP/1.1 handler (REST v2, control plane) on the same port. */
  useHttp(handler: HttpHandler): void;
  close(): Promise<void>;
}

/**
 * @example
 * await using milvus = await startFakeMilvus();
 * const client = new MilvusClient({ address: milvus.address });
 * await client.connectPromise;
 */
export async function startFakeMilvus(options: FakeMilvusOptions = {}): Promise<FakeMilvus> {
  const port = options.port ?? 0;
  assertOption(Number.isInteger(port) && port >= 0 && port <= 65535, `port must be an integer 0..65535, got ${String(options.port)}`);
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const logger = createLogger('fake-milvus', options.logLevel);
  const service = new MilvusService({ clock, ...(options.version ? { version: options.version } : {}) });
  if (options.seed) service.seed(options.seed);
  const journal = new MemoryJournal();
  const connections = new MemoryConnections();
  const server = new FakeMilvusServer({
    service,
    clock,
    logger,
    journal,
    connections,
    host,
    port,
    ...(options.healthPort !== undefined ? { healthPort: options.healthPort } : {}),
  });
  await server.start();
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const address = `${shown}:${server.port}`;
  return {
    address,
    url: `http://${address}`,
    port: server.port,
    service,
    journal,
    connections,
    useHttp: (handler) => server.useHttp(handler),
    close: () => server.close(),
    [Symbol.asyncDispose]: () => server.close(),
  };
}

export { MilvusService } from './service.js';
export type { SeedDescription } from './seed.js';
export type { HttpHandler } from './server.js';
export type { RpcJournal, RpcRecord, ConnectionTracker, ConnectionRecord } from './observability.js';
