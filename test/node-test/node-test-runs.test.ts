import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StartedFakeMilvus, startFakeMilvus } from '../../src/fakes/milvus/index.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';
import { ensureFreshBuild } from '../support/docker.js';
import { fixtureProject, runNode } from '../support/runner-child.js';

/** `node --test` (this process's Node) runs a fixture project that uses fakecontainers/node-test as a user would. */
let project: string;
let fake: StartedFakeOllama;
let milvus: StartedFakeMilvus;
const nodeMajor = Number(process.versions.node.split('.')[0]);

beforeAll(async () => {
  ensureFreshBuild();
  project = fixtureProject('test/node-test/fixtures/project');
  fake = await startFakeOllama();
  milvus = await startFakeMilvus();
}, 120_000);
afterAll(() => Promise.all([fake?.close(), milvus?.close()]));

const nodeTest = (args: string[], env: Record<string, string>) => runNode(project, ['--test', '--test-reporter=spec', ...args], env);

describe('node:test with fakecontainers/node-test', () => {
  test('each file starts its own fakes (process mode): ESM and CommonJS files get clients bound to their tests', async () => {
    const run = await nodeTest(['esm.test.mjs', 'cjs.test.cjs'], { FAKECONTAINERS_LEAKS: 'fail' });
    expect(run.output.match(/fakecontainers: process mode/g)).toHaveLength(2);
    expect(run.output).toMatch(/ℹ pass 5\n/);
    expect(run.output).toMatch(/ℹ fail 0\n/);
    expect(run.code).toBe(0);
  }, 120_000);

  test('attached: a leak fails its test with the line that made the client; timed-out tests get their scopes closed', async () => {
    const marker = path.join(project, 'late-client');
    const run = await nodeTest(['leak.test.mjs', 'timeout.test.mjs'], {
      FAKECONTAINERS_OLLAMA_URL: fake.url,
      FAKECONTAINERS_MILVUS_ADDRESS: milvus.address,
      FAKECONTAINERS_LEAKS: 'fail',
      MARKER_FILE: marker,
    });
    console.log(`node --test attached: exited ${run.code} in ${run.ms} ms`);
    // Attached: no file starts fakes of its own.
    expect(run.output).not.toMatch(/process mode/);
    expect(run.output).toMatch(/LeakError\]?: scope "file-leak\.test\.mjs\/test-leaks a connection" left 1 connection\(s\) open[\s\S]*created at .*leak\.test\.mjs:10:\d+/);
    expect(run.output).toMatch(/ℹ pass 2\n/);
    expect(run.output).toMatch(/ℹ fail 1\n/);
    expect(run.output).toMatch(/ℹ cancelled 3\n/);
    expect(run.code).toBe(1);
    expect(readFileSync(marker, 'utf8')).toBe('ScopeClosedError');
    expect(fake.journal({ route: 'chat' }).at(-1)?.aborted).toBe(true);
    expect(milvus.journal({ route: 'ListDatabases' }).find((entry) => entry.fault === 'hang')).toMatchObject({ aborted: true });
    await expect.poll(() => milvus.connections(), { timeout: 5_000 }).toEqual([]);
    // Only the leak's own connection (the fixture broke its client's close) may still be open.
    await expect.poll(() => fake.connections().length, { timeout: 5_000 }).toBeLessThanOrEqual(1);
  }, 180_000);

  test('under the default leak policy (warn) the leak is printed with the test and the line, and the test passes', async () => {
    const run = await nodeTest(['leak.test.mjs'], { FAKECONTAINERS_OLLAMA_URL: fake.url });
    expect(run.output).toMatch(/FAKECONTAINERS_LEAK[\s\S]*scope "file-leak\.test\.mjs\/test-leaks a connection" left 1 connection\(s\) open[\s\S]*leak\.test\.mjs:10:\d+/);
    expect(run.output).toMatch(/ℹ pass 2\n/);
    expect(run.code).toBe(0);
  }, 120_000);

  test.skipIf(nodeMajor < 24)('Node 24+: the global setup starts one run for every file', async () => {
    const run = await nodeTest(['--test-global-setup=./fakes.setup.mjs', 'esm.test.mjs', 'cjs.test.cjs'], { FAKECONTAINERS_MODE: 'process', FAKECONTAINERS_LEAKS: 'fail' });
    expect(run.output.match(/fakecontainers: process mode/g)).toHaveLength(1);
    expect(run.output).toMatch(/ℹ pass 5\n/);
    expect(run.code).toBe(0);
  }, 120_000);
});
