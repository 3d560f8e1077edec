/**
 * `startFakeMilvus()`: a fake Milvus standalone in this process that the official
 * `@zilliz/milvus2-sdk-node` client (gRPC) talks to unchanged.
 */
import { systemClock, type Clock } from '../../common/clock.js';
import { assertOption } from '../../common/errors.js';
import { createLogger, type LogLevel } from '../../common/log.js';
import { assertShape } from '../../common/shape.js';
import { milvusOptionsWithEnv } from './env-config.js';
import type { FakeMilvusOptions } from './options.js';
import { MILVUS_SERVER_OPTION_KEYS, milvusConfigSchema } from './config-schema.js';
import type { ConnectionInfo } from '../control/connections.js';
import type { ControlAccess } from '../control/control-routes.js';
import { parseFaultSpec, type Fault, type FaultSpec } from '../control/faults.js';
import type { JournalEntry } from '../control/journal.js';
import { MilvusFake } from './engine/milvus-fake.js';
import type { SeedDescription } from './engine/seed.js';
import { createRestHandler } from './rest/transport.js';
import { privilegeCheckOf } from './grpc/privileges.js';
import { FakeMilvusServer, type HttpHandler } from './server.js';
import type { MilvusService } from './engine/service.js';

export type { FakeMilvusOptions } from './options.js';

/** In-process control of the fake: the same operations as its `/_fake/*` HTTP routes. */
export interface FakeMilvusControl {
  /** One entry per RPC: `route` is the method (`Search`), `model` the collection, `status` the Milvus code. */
  journal(filter?: { scope?: string; route?: string }): JournalEntry[];
  connections(filter?: { scope?: string }): ConnectionInfo[];
  addFault(fault: FaultSpec): Fault;
  seed(description: SeedDescription): void;
  /** Back to the configured state: seeded data only, configured faults, empty journal. */
  reset(): void;
}

export interface StartedFakeMilvus extends FakeMilvusControl, AsyncDisposable {
  /** `host:port`, what `new MilvusClient({ address })` takes. */
  readonly address: string;
  /** `http://host:port` (REST v2 and the control plane). */
  readonly url: string;
  readonly port: number;
  readonly healthPort?: number;
  /** The transport-neutral service, for REST and for tests that inspect state directly. */
  readonly service: MilvusService;
  /** Attach an HTTP/1.1 handler (REST v2) on the same port. */
  useHttp(handler: HttpHandler): void;
  /** Stops listening and ends every call and connection; idempotent and bounded. */
  close(): Promise<void>;
}

/**
 * @example
 * import { MilvusClient } from '@zilliz/milvus2-sdk-node';
 * await using milvus = await startFakeMilvus();
 * const client = new MilvusClient({ address: milvus.address });
 * await client.connectPromise;
 */
export async function startFakeMilvus(given: FakeMilvusOptions = {}): Promise<StartedFakeMilvus> {
  const options = milvusOptionsWithEnv(given);
  const port = options.port ?? 0;
  assertOption(Number.isInteger(port) && port >= 0 && port <= 65535, `port must be an integer from 0 to 65535; got ${String(options.port)}`);
  const own = Object.fromEntries(Object.entries(options).filter(([key]) => !MILVUS_SERVER_OPTION_KEYS.includes(key)));
  assertShape(milvusConfigSchema, own, 'fake Milvus config');
  const fake = new MilvusFake(
    {
      ...(options.version ? { version: options.version } : {}),
      ...(options.seed ? { seed: options.seed } : {}),
      ...(options.faults ? { faults: options.faults.map(parseFaultSpec) } : {}),
      ...(options.journalSize ? { journalSize: options.journalSize } : {}),
      ...(options.control ? { control: options.control } : {}),
      ...(options.auth ? { auth: true } : {}),
    },
    options.clock ?? systemClock,
    createLogger('fake-milvus', options.logLevel),
  );
  const server = new FakeMilvusServer({
    fake,
    port,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.healthPort !== undefined ? { healthPort: options.healthPort } : {}),
  });
  server.useHttp(createRestHandler(fake, { privilegeCheck: privilegeCheckOf }));
  await server.start();
  const host = options.host === undefined || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const address = `${host.includes(':') ? `[${host}]` : host}:${server.port}`;
  const close = () => server.close();
  return {
    address,
    url: `http://${address}`,
    port: server.port,
    ...(server.healthPort !== undefined ? { healthPort: server.healthPort } : {}),
    service: fake.service,
    useHttp: (handler) => server.useHttp(handler),
    journal: (filter) => fake.journal.list(filter),
    connections: (filter) => fake.connections.list(filter),
    addFault: (fault) => fake.faults.add(parseFaultSpec(fault)),
    seed: (description) => fake.seed(description),
    reset: () => fake.reset(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

export { MilvusService } from './engine/service.js';
export type { SeedDescription } from './engine/seed.js';
export type { HttpHandler } from './server.js';
