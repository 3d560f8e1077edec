import type { Server } from 'node:http';
import { type Clock, systemClock } from '../../common/clock.js';
import { ollamaOptionsWithEnv } from './env-config.js';
import type { FakeOllamaOptions } from './options.js';
import { FakecontainersError } from '../../common/errors.js';
import { type LogLevel, createLogger } from '../../common/log.js';
import type { ConnectionInfo } from '../control/connections.js';
import { type Fault, type FaultSpec, parseFaultSpec } from '../control/faults.js';
import type { JournalEntry } from '../control/journal.js';
import { closeServer, listenLoopback } from '../control/listen.js';
import { Cassette } from './cassette/cassette.js';
import { type FakeOllamaConfig, resolveOllamaConfig } from './config.js';
import { OllamaFake } from './fake.js';
import { type FetchLike, createOllamaFetch } from './fetch-transport.js';
import { createOllamaHttpServer } from './http-transport.js';
import type { RuleSpec } from './generation/rules.js';

export type { FakeOllamaOptions } from './options.js';

/** In-process control of a fake: the same operations as its `/_fake/*` HTTP routes. */
export interface FakeOllamaControl {
  journal(filter?: { scope?: string; route?: string }): JournalEntry[];
  connections(filter?: { scope?: string }): ConnectionInfo[];
  addRule(rule: RuleSpec): RuleSpec & { id: string };
  addFault(fault: FaultSpec): Fault;
  /** Back to the configured state (catalog, rules, faults, journal). */
  reset(): void;
}

export interface StartedFakeOllama extends FakeOllamaControl, AsyncDisposable {
  /** `http://127.0.0.1:PORT`, for `new Ollama({ host: url })`. */
  readonly url: string;
  readonly port: number;
  /** In-process `fetch` to the same fake (no socket), for `new Ollama({ fetch })`. */
  readonly fetch: FetchLike;
  /** Stops listening and ends every connection; idempotent. */
  close(): Promise<void>;
}

const CLOSE_BUDGET_MS = 3_000;
/** Options of the server itself rather than of the fake's configuration. */
const SERVER_OPTION_KEYS = ['port', 'host', 'clock', 'logLevel', 'record', 'replay', 'env'] as const;
/** How long close() lets recordings in progress finish before it cuts them off. */
const RECORD_SETTLE_MS = 1_000;

/**
 * Starts a fake Ollama HTTP server.
 *
 * @example
 * import { Ollama } from 'ollama';
 * import { startFakeOllama } from 'fakecontainers';
 *
 * await using fake = await startFakeOllama();
 * const ollama = new Ollama({ host: fake.url });
 * const { message } = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] });
 */
export async function startFakeOllama(given: FakeOllamaOptions = {}): Promise<StartedFakeOllama> {
  const options = ollamaOptionsWithEnv(given);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FakecontainersError('INVALID_OPTION', `port must be an integer from 0 to 65535; got ${String(options.port)}`);
  }
  const fake = await buildFake(options);
  const httpServers: Server[] = [];
  const { port: bound, servers } = await listenLoopback(
    () => {
      const server = createOllamaHttpServer(fake);
      httpServers.push(server);
      return server;
    },
    port,
    options.host,
  );
  const hostForUrl = options.host === undefined || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const url = `http://${hostForUrl.includes(':') ? `[${hostForUrl}]` : hostForUrl}:${bound}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await fake.cassette?.settled(RECORD_SETTLE_MS);
      fake.shutdown();
      const closed = Promise.all(
        servers.map((server) => {
          const done = closeServer(server);
          (server as Server).closeAllConnections?.();
          return done;
        }),
      );
      fake.connections.destroyAll();
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, CLOSE_BUDGET_MS, 'timeout').unref());
      if ((await Promise.race([closed.then(() => 'closed' as const), timeout])) === 'timeout') {
        throw new FakecontainersError('TEARDOWN_TIMEOUT', `fake Ollama on ${url} did not close within ${CLOSE_BUDGET_MS} ms`);
      }
    })();
    return closing;
  };
  return {
    url,
    port: bound,
    fetch: createOllamaFetch(fake),
    close,
    [Symbol.asyncDispose]: close,
    ...controlOf(fake),
  };
}

/** A fake Ollama reachable only through its `fetch` function: no socket, no port. */
export interface FakeOllamaFetch extends FakeOllamaControl, AsyncDisposable {
  readonly fetch: FetchLike;
  close(): Promise<void>;
}

/**
 * Creates a socket-free fake Ollama: hand its `fetch` to `new Ollama({ fetch })`, `new OpenAI({ fetch })`
 * or LangChain's `fetch` option.
 *
 * @example
 * await using fake = createFakeOllamaFetch();
 * const ollama = new Ollama({ host: 'http://fake.invalid:11434', fetch: fake.fetch });
 */
export function createFakeOllamaFetch(given: Omit<FakeOllamaOptions, 'port' | 'host' | 'record' | 'replay'> = {}): FakeOllamaFetch {
  const { record: _r, replay: _p, ...options } = ollamaOptionsWithEnv(given);
  const fake = new OllamaFake(resolveOllamaConfig(options, SERVER_OPTION_KEYS), options.clock ?? systemClock, createLogger('fake-ollama', options.logLevel));
  const close = async () => fake.shutdown();
  return { fetch: createOllamaFetch(fake), close, [Symbol.asyncDispose]: close, ...controlOf(fake) };
}

async function buildFake(options: FakeOllamaOptions): Promise<OllamaFake> {
  if (options.record && options.replay) {
    throw new FakecontainersError('INVALID_OPTION', 'record and replay cannot be combined; choose one');
  }
  const cassette = options.record
    ? await Cassette.record(options.record.cassette, options.record.upstream)
    : options.replay
      ? await Cassette.replay(options.replay.cassette)
      : undefined;
  return new OllamaFake(resolveOllamaConfig(options, SERVER_OPTION_KEYS), options.clock ?? systemClock, createLogger('fake-ollama', options.logLevel), cassette);
}

function controlOf(fake: OllamaFake): FakeOllamaControl {
  return {
    journal: (filter) => fake.journal.list(filter),
    connections: (filter) => fake.connections.list(filter),
    addRule: (rule) => fake.rules.add(rule),
    addFault: (fault) => fake.faults.add(parseFaultSpec(fault)),
    reset: () => fake.reset(),
  };
}
