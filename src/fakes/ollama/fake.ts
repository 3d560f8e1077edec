import type { Clock } from '../../common/clock.js';
import type { Logger } from '../../common/log.js';
import { ConnectionTracker } from '../control/connections.js';
import { type ControlPlane, type ControlRequest, type ControlResponse, ControlInputError } from '../control/control-routes.js';
import { FaultBook } from '../control/faults.js';
import { Journal } from '../control/journal.js';
import type { Cassette } from './cassette/cassette.js';
import { Catalog } from './catalog/catalog.js';
import type { ResolvedOllamaConfig } from './config.js';
import { type HandlerContext, embedderCache } from './api/context.js';
import { type SpecLookup, specLookup } from './native/models.js';
import { RuleBook, RuleSpecError } from './generation/rules.js';

/**
 * The state of one fake Ollama: catalog, rules, faults, journal, connections, and the control plane
 * over them. Transports (HTTP server, in-process fetch) share one of these.
 */
export class OllamaFake {
  readonly config: ResolvedOllamaConfig;
  readonly clock: Clock;
  readonly log: Logger;
  readonly journal: Journal;
  readonly faults = new FaultBook();
  readonly connections: ConnectionTracker;
  readonly rules: RuleBook;
  readonly known: SpecLookup;
  readonly cassette?: Cassette;
  #catalog: Catalog;
  #context: HandlerContext;
  readonly #closing = new AbortController();
  readonly #inflight = new Set<AbortController>();

  constructor(config: ResolvedOllamaConfig, clock: Clock, log: Logger, cassette?: Cassette) {
    this.config = config;
    this.clock = clock;
    this.log = log;
    this.cassette = cassette;
    this.journal = new Journal(config.journalSize);
    this.connections = new ConnectionTracker(clock);
    this.rules = new RuleBook(config.rules);
    this.known = specLookup(config.models);
    this.#catalog = new Catalog(config.models, clock);
    this.#context = this.#makeContext();
    for (const fault of config.faults) this.faults.add(fault);
  }

  get context(): HandlerContext {
    return this.#context;
  }

  /**
   * Aborted when the fake shuts down. For the few long-lived waits that must notice it (a recording
   * in progress); ordinary requests register through trackRequest instead.
   */
  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  /**
   * Registers an in-flight request, so shutdown can abort it (hanging and delayed requests give up at
   * once). Returns the function to call when the request ends. Per-request registration, rather than
   * every request listening on one long-lived signal, keeps listeners from piling up.
   */
  trackRequest(abort: AbortController): () => void {
    if (this.#closing.signal.aborted) abort.abort();
    this.#inflight.add(abort);
    return () => this.#inflight.delete(abort);
  }

  shutdown(): void {
    this.#closing.abort();
    for (const request of this.#inflight) request.abort();
    this.#inflight.clear();
  }

  /** Back to the configured state: catalog, loaded models, rules, faults, journal. */
  reset(): void {
    this.#catalog = new Catalog(this.config.models, this.clock);
    this.#context = this.#makeContext();
    this.rules.reset();
    this.faults.clear();
    for (const fault of this.config.faults) this.faults.add(fault);
    this.journal.clear();
  }

  controlPlane(): ControlPlane {
    return {
      fake: 'ollama',
      version: this.config.version,
      journal: this.journal,
      faults: this.faults,
      connections: this.connections,
      access: this.config.control,
      reset: () => this.reset(),
      extra: (request) => this.#rulesRoute(request),
    };
  }

  #rulesRoute(request: ControlRequest): ControlResponse | undefined {
    const { method, path } = request;
    if (path === '/rules' && method === 'GET') return { status: 200, body: { rules: this.rules.list() } };
    if (path === '/rules' && method === 'DELETE') {
      this.rules.clearRuntime();
      return { status: 200, body: { cleared: true } };
    }
    if (path === '/rules' && method === 'POST') {
      const specs = Array.isArray(request.body) ? request.body : [request.body];
      try {
        return { status: 201, body: { rules: specs.map((spec) => this.rules.add(spec)) } };
      } catch (error) {
        if (error instanceof RuleSpecError) throw new ControlInputError(error.message);
        throw error;
      }
    }
    const id = /^\/rules\/([^/]+)$/.exec(path)?.[1];
    if (id !== undefined && method === 'DELETE') {
      return this.rules.remove(id) ? { status: 200, body: { removed: id } } : { status: 404, body: { error: `no rule with id ${id}` } };
    }
    return undefined;
  }

  #makeContext(): HandlerContext {
    return {
      clock: this.clock,
      catalog: this.#catalog,
      rules: this.rules,
      timing: this.config.timing,
      version: this.config.version,
      seed: this.config.seed,
      errorProfile: this.config.errorProfile,
      embedder: embedderCache(),
    };
  }
}
