import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { Ollama } from 'ollama';
import type { FetchLike } from '../fakes/ollama/fetch-transport.js';
import type { FakeControls, FakeEndpoints } from '../lifecycle/endpoints.js';
import type { Scope } from '../lifecycle/scope.js';

/**
 * The fakes as a jest test sees them. Every call goes to the scope of the test that is running (the
 * file's scope in `beforeAll` / `afterAll`), which the test environment closes when the test ends.
 */
export interface JestFakes extends FakeControls {
  /** The running test's scope: closes when the test ends and starts closing as soon as it times out. */
  scope(): Scope;
  /** Where the run's fakes are. */
  readonly endpoints: FakeEndpoints;
  /** An `Ollama` client owned by the running test's scope. */
  ollama(): Ollama;
  /**
   * A connected `MilvusClient` owned by the running test's scope, on a database of the test's own
   * (dropped afterwards), or on `database` (e.g. `'default'` for seed data; shared, not dropped).
   */
  milvus(options?: { database?: string }): Promise<MilvusClient>;
  /** `fetch` through the running test's scope (attribution headers, aborted when the test ends). */
  fetch: FetchLike;
}

/** Where the test environment puts the fakes in each test file's global object. */
export const JEST_FAKES_KEY = Symbol.for('fakecontainers.jest.fakes');
