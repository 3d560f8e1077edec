import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { Ollama } from 'ollama';
import { expect, inject, test as base } from 'vitest';
import type { FakeControlClient } from '../fakes/control/control-client.js';
import type { FetchLike } from '../fakes/ollama/fetch-transport.js';
import { controlClients } from '../lifecycle/endpoints.js';
import { MilvusClientPool } from '../lifecycle/scoped-milvus.js';
import { LeakChecks } from '../lifecycle/leak-policy.js';
import { DatabaseSupply, isolatedDatabase } from '../lifecycle/milvus-database.js';
import { Scope } from '../lifecycle/scope.js';
import type { ProvidedFakes } from './provided-context.js';
import './provided-context.js';

/** The fakes of the run, as a test sees them: endpoints plus their control planes. */
export interface FakesFixture extends ProvidedFakes {
  ollamaControl?: FakeControlClient;
  milvusControl?: FakeControlClient;
}

export interface TestFixtures {
  /** Per test; closes when the test ends, and starts closing as soon as the test times out. */
  scope: Scope;
  /** An `Ollama` client owned by the test's scope. */
  ollama: Ollama;
  /**
   * A `fetch` owned by the test's scope (aborted and its sockets closed when the test ends), with the
   * attribution header the fakes read: for the fakes' HTTP APIs (`/v1`, REST v2) from any client.
   */
  fetch: FetchLike;
  /**
   * A connected `MilvusClient` owned by the test's scope, on a database of its own (dropped afterwards),
   * or on `milvusDatabase` when that option is set.
   */
  milvus: MilvusClient;
  /**
   * Option: the Milvus database the `milvus` fixture works on instead of a fresh one, e.g. `'default'`
   * to read the run's seed data (`test.scoped({ milvusDatabase: 'default' })`). Shared by every test that
   * names it, and not dropped. @default '' (a database of the test's own)
   */
  milvusDatabase: string;
  fakes: FakesFixture;
}

export interface FileFixtures {
  fileScope: Scope;
  fileOllama: Ollama;
  /** Shared by the tests of a file, on the file's own database. */
  fileMilvus: MilvusClient;
}

export interface WorkerFixtures {
  workerScope: Scope;
  /** Creates and drops the per-test and per-file databases. */
  milvusAdmin: MilvusClient;
  /** The worker's supply of per-test databases (created ahead, dropped in the background). */
  milvusDatabases: DatabaseSupply;
  /** The worker's pre-connected Milvus clients, leased to one test at a time. */
  milvusClients: MilvusClientPool;
}

/** Closed test scopes wait here for their leak check: with `warn`, one request per fake per file checks them all. */
const leakChecks = new LeakChecks();
const flushLeakChecks = () => leakChecks.flush();
const closeAndCheck = (scope: Scope, batch = false) => leakChecks.closeAndCheck(scope, batch);

function provided(): ProvidedFakes {
  const value = inject('fakecontainers');
  if (!value) {
    throw new Error('fakecontainers: no fakes were provided; add "fakecontainers/vitest/global-setup" to `test.globalSetup` in vitest.config');
  }
  return value;
}

/**
 * vitest's `test`, extended with fixtures that hand out clients bound to the run's fakes and close
 * them, with everything they opened, when the test (file, worker) ends.
 *
 * @example
 * import { test, expect } from 'fakecontainers/vitest';
 * test('answers', async ({ ollama }) => {
 *   const { message } = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
 *   expect(message.content).not.toBe('');
 * });
 */
export const test = base.extend<{ $test: TestFixtures; $file: FileFixtures; $worker: WorkerFixtures }>({
  workerScope: [
    async ({}, use) => {
      const fakes = provided();
      const scope = new Scope(`worker-${process.pid}`, { endpoints: fakes });
      await use(scope);
      await flushLeakChecks();
      await closeAndCheck(scope);
    },
    { scope: 'worker' },
  ],
  milvusAdmin: [async ({ workerScope }, use) => use(await workerScope.milvus()), { scope: 'worker' }],
  milvusClients: [async ({ workerScope }, use) => use(new MilvusClientPool(workerScope, workerScope.endpoints.milvusAddress)), { scope: 'worker' }],
  milvusDatabases: [
    async ({ workerScope, milvusAdmin }, use) => {
      const supply = new DatabaseSupply(milvusAdmin, `${process.pid}-${workerScope.id}`);
      // Before the admin client closes (scopes close in reverse): every background drop is awaited.
      workerScope.defer(() => supply.settle(), { name: 'per-test Milvus databases' });
      await use(supply);
    },
    { scope: 'worker' },
  ],
  fileScope: [
    async ({ workerScope }, use) => {
      const scope = workerScope.child(`file-${fileName()}`);
      await use(scope);
      await flushLeakChecks();
      await closeAndCheck(scope);
    },
    { scope: 'file' },
  ],
  fileOllama: [async ({ fileScope }, use) => use(fileScope.ollama()), { scope: 'file' }],
  fileMilvus: [
    async ({ fileScope, milvusAdmin }, use) => {
      const database = await isolatedDatabase(fileScope, milvusAdmin, `f_${fileName()}`);
      await use(await fileScope.milvus({ database }));
    },
    { scope: 'file' },
  ],
  scope: async ({ fileScope, signal, task }, use) => {
    const scope = fileScope.child(`test-${task.name}`, { signal });
    await use(scope);
    await closeAndCheck(scope, true);
  },
  ollama: async ({ scope }, use) => use(scope.ollama()),
  // Annotated: a fixture whose value is itself a function gets no contextual type from vitest's union.
  fetch: async ({ scope }: { scope: Scope }, use: (value: FetchLike) => Promise<void>) => use(scope.fetch),
  milvusDatabase: '',
  milvus: async ({ scope, milvusDatabases, milvusClients, milvusDatabase }, use) => {
    const database = milvusDatabase !== '' ? milvusDatabase : await milvusDatabases.acquire(scope);
    await use(await milvusClients.lease(scope, database));
  },
  fakes: async ({}, use) => {
    const fakes = provided();
    await use({ ...fakes, ...controlClients(fakes) });
  },
});

function fileName(): string {
  const path = expect.getState().testPath ?? 'file';
  return path.split(/[/\\]/).pop() ?? 'file';
}
