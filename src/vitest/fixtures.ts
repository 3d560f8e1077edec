import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { Ollama } from 'ollama';
import { expect, inject, test as base } from 'vitest';
import { FakeControlClient } from '../fakes/control/control-client.js';
import { milvusHttpUrl } from '../lifecycle/endpoints.js';
import { LeakError } from '../lifecycle/leaks.js';
import { clientRecords } from '../lifecycle/tracked-clients.js';
import { Scope } from '../lifecycle/scope.js';
import { isolatedDatabase } from './milvus-database.js';
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
}

/** Turns open connections after a scope closed into a test failure (FAKECONTAINERS_LEAKS=fail) or a warning. */
async function closeAndCheck(scope: Scope): Promise<void> {
  await scope.close();
  const policy = process.env.FAKECONTAINERS_LEAKS ?? 'warn';
  // A scope that handed out no client has no connection of its own to look for.
  if (policy === 'off' || clientRecords(scope).length === 0) return;
  const report = await scope.checkLeaks();
  if (report.leaks.length === 0) return;
  if (policy === 'fail') throw new LeakError(report);
  process.emitWarning(new LeakError(report).message, { code: 'FAKECONTAINERS_LEAK' });
}

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
      await closeAndCheck(scope);
    },
    { scope: 'worker' },
  ],
  milvusAdmin: [async ({ workerScope }, use) => use(await workerScope.milvus()), { scope: 'worker' }],
  fileScope: [
    async ({ workerScope }, use) => {
      const scope = workerScope.child(`file-${fileName()}`);
      await use(scope);
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
    await closeAndCheck(scope);
  },
  ollama: async ({ scope }, use) => use(scope.ollama()),
  milvusDatabase: '',
  milvus: async ({ scope, task, milvusAdmin, milvusDatabase }, use) => {
    const database = milvusDatabase !== '' ? milvusDatabase : await isolatedDatabase(scope, milvusAdmin, `t_${task.name}`);
    await use(await scope.milvus({ database }));
  },
  fakes: async ({}, use) => {
    const fakes = provided();
    await use({
      ...fakes,
      ollamaControl: fakes.ollamaUrl ? new FakeControlClient(fakes.ollamaUrl, fakes.controlToken) : undefined,
      milvusControl: fakes.milvusAddress ? new FakeControlClient(milvusHttpUrl(fakes.milvusAddress), fakes.controlToken) : undefined,
    });
  },
});

function fileName(): string {
  const path = expect.getState().testPath ?? 'file';
  return path.split(/[/\\]/).pop() ?? 'file';
}
