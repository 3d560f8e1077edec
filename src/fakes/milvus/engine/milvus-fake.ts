/**
 * The state of one fake Milvus: the service (catalog and data), and the shared control-plane pieces
 * (journal, faults, connections) with the Milvus routes on top (`POST /_fake/seed`). The gRPC and
 * HTTP transports share one of these.
 */
import type { Clock } from '../../../common/clock.js';
import type { Logger } from '../../../common/log.js';
import { ConnectionTracker } from '../../control/connections.js';
import { ControlInputError, type ControlAccess, type ControlPlane, type ControlRequest, type ControlResponse } from '../../control/control-routes.js';
import { FaultBook, type FaultSpec } from '../../control/faults.js';
import { Journal } from '../../control/journal.js';
import { applySeed, type SeedDescription } from './seed.js';
import { seedSchema } from './seed-schema.js';
import { shapeProblems } from '../../../common/shape.js';
import { MilvusService } from './service.js';
import { MilvusError } from '../errors/status.js';

export interface MilvusFakeConfig {
  readonly version?: string;
  readonly seed?: SeedDescription;
  readonly faults?: readonly FaultSpec[];
  readonly journalSize?: number;
  readonly control?: ControlAccess;
  /** Check credentials on every call, as a server with authorizationEnabled does. @default false */
  readonly auth?: boolean;
}

export class MilvusFake {
  readonly clock: Clock;
  readonly log: Logger;
  readonly journal: Journal;
  readonly faults = new FaultBook();
  readonly connections: ConnectionTracker;
  readonly service: MilvusService;
  /** Whether calls must carry valid credentials. */
  readonly auth: boolean;
  readonly #config: MilvusFakeConfig;
  readonly #closing = new AbortController();

  constructor(config: MilvusFakeConfig, clock: Clock, log: Logger) {
    this.#config = config;
    this.clock = clock;
    this.log = log;
    this.auth = config.auth ?? false;
    this.journal = new Journal(config.journalSize ?? 1000);
    this.connections = new ConnectionTracker(clock);
    this.service = new MilvusService({ clock, ...(config.version ? { version: config.version } : {}) });
    if (config.seed) this.seed(config.seed);
    for (const fault of config.faults ?? []) this.faults.add(fault);
  }

  /** Aborted when the fake shuts down: delayed and hanging calls give up at once. */
  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  shutdown(): void {
    this.#closing.abort();
  }

  /** Creates databases, collections, indexes, aliases and rows from a JSON description (see seed.ts). */
  seed(description: SeedDescription): void {
    applySeed(this.service, description);
  }

  /** Back to the configured state: data (re-seeded), RBAC (root and the default roles only), faults, journal. */
  reset(): void {
    this.service.reset();
    if (this.#config.seed) this.seed(this.#config.seed);
    this.faults.clear();
    for (const fault of this.#config.faults ?? []) this.faults.add(fault);
    this.journal.clear();
  }

  controlPlane(): ControlPlane {
    return {
      fake: 'milvus',
      version: this.service.version,
      journal: this.journal,
      faults: this.faults,
      connections: this.connections,
      access: this.#config.control ?? {},
      reset: () => this.reset(),
      extra: (request) => this.#seedRoute(request),
    };
  }

  #seedRoute(request: ControlRequest): ControlResponse | undefined {
    if (request.path !== '/seed' || request.method !== 'POST') return undefined;
    const problems = shapeProblems(seedSchema, request.body, 'seed');
    if (problems.length > 0) throw new ControlInputError(`seed rejected:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    try {
      this.seed(request.body as SeedDescription);
    } catch (error) {
      if (error instanceof MilvusError) throw new ControlInputError(`seed rejected: ${error.message}`);
      throw error;
    }
    const collections = (request.body as SeedDescription).collections?.map((c) => c.name) ?? [];
    return { status: 201, body: { seeded: true, collections } };
  }
}
