import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { Ollama } from 'ollama';
import type { FetchLike } from '../fakes/ollama/fetch-transport.js';
import { type FakeControls, type FakeEndpoints, controlClients } from './endpoints.js';
import { LeakChecks } from './leak-policy.js';
import { DatabaseSupply } from './milvus-database.js';
import { MilvusClientPool } from './scoped-milvus.js';
import { Scope } from './scope.js';

/**
 * The fakes as one test (or a file's hooks) sees them, for runners without fixtures (jest, node:test):
 * clients owned by the test's scope, the endpoints and the control planes.
 */
export interface TestFakes extends FakeControls {
  /** Closes when the test ends; starts closing as soon as the test times out. */
  readonly scope: Scope;
  readonly endpoints: FakeEndpoints;
  /** An `Ollama` client owned by the scope. */
  ollama(): Ollama;
  /**
   * A connected `MilvusClient` owned by the scope, on a database of the scope's own (dropped
   * afterwards), or on `database` when given (e.g. `'default'` for the run's seed data; not dropped).
   */
  milvus(options?: { database?: string }): Promise<MilvusClient>;
  /** A `fetch` owned by the scope, with the attribution headers (for `/v1`, REST v2, ...). */
  readonly fetch: FetchLike;
}

/**
 * One test file's share of the run's fakes, for runners without fixtures: a file scope, a scope per
 * test below it, and the Milvus clients and per-test databases the file's tests lease. `endTest` closes
 * a test's scope and applies the leak policy (FAKECONTAINERS_LEAKS); `close` does the same for the file.
 */
export class FileFakes implements AsyncDisposable {
  readonly scope: Scope;
  readonly #leaks: LeakChecks;
  readonly #controls: FakeControls;
  #milvus?: Promise<{ pool: MilvusClientPool; supply: DatabaseSupply }>;
  #closing?: Promise<void>;

  /** `warn` receives leak reports under the `warn` policy. @default process.emitWarning */
  constructor(name: string, endpoints: FakeEndpoints, warn?: (message: string) => void) {
    this.scope = new Scope(name, { endpoints });
    this.#leaks = new LeakChecks(warn);
    this.#controls = controlClients(endpoints);
  }

  /** A scope for one test, below the file's; closing starts when `signal` aborts (the test timed out). */
  testScope(name: string, signal?: AbortSignal): Scope {
    return this.scope.child(`test-${name}`, signal ? { signal } : {});
  }

  /** What a test sees through `scope` (the file's own scope in hooks that run outside a test). */
  fakesOf(scope: Scope): TestFakes {
    return {
      scope,
      endpoints: scope.endpoints,
      ...this.#controls,
      ollama: () => scope.ollama(),
      milvus: (options = {}) => this.#leaseMilvus(scope, options.database),
      get fetch() {
        return scope.fetch;
      },
    };
  }

  /** Closes a test's scope and checks it for leaks: throws a LeakError under `fail`, warns under `warn`. */
  endTest(scope: Scope): Promise<void> {
    return this.#leaks.closeAndCheck(scope);
  }

  /** Closes the file's scope (every test scope still open first) and checks it. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#leaks.closeAndCheck(this.scope);
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #leaseMilvus(scope: Scope, database: string | undefined): Promise<MilvusClient> {
    const { pool, supply } = await (this.#milvus ??= this.#startMilvus());
    return pool.lease(scope, database ?? (await supply.acquire(scope)));
  }

  async #startMilvus(): Promise<{ pool: MilvusClientPool; supply: DatabaseSupply }> {
    const admin = await this.scope.milvus();
    const supply = new DatabaseSupply(admin, `${process.pid}-${this.scope.id}`);
    // Before the admin client closes (scopes close in reverse): every background drop is awaited.
    this.scope.defer(() => supply.settle(), { name: 'per-test Milvus databases' });
    return { pool: new MilvusClientPool(this.scope, this.scope.endpoints.milvusAddress), supply };
  }
}
