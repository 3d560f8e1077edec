import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StartedFakeMilvus, startFakeMilvus } from '../../src/fakes/milvus/index.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';
import { ensureFreshBuild } from '../support/docker.js';
import { JEST_HANG, fixtureProject, runNode } from '../support/runner-child.js';

/**
 * jest (the devDependency, 30) runs a fixture project that uses fakecontainers/jest as a user would:
 * ESM and CommonJS test files, in band and on workers. jest 29 is covered by .ci/consumer/runners.sh.
 */
const jestBin = path.resolve(import.meta.dirname, '../../node_modules/jest/bin/jest.js');
let project: string;
let fake: StartedFakeOllama;
let milvus: StartedFakeMilvus;

beforeAll(async () => {
  ensureFreshBuild();
  project = fixtureProject('test/jest/fixtures/project');
  fake = await startFakeOllama();
  milvus = await startFakeMilvus();
}, 120_000);
afterAll(() => Promise.all([fake?.close(), milvus?.close()]));

const jest = (args: string[], env: Record<string, string>) => runNode(project, ['--experimental-vm-modules', jestBin, ...args], env);

describe('jest with fakecontainers/jest', () => {
  test('process mode, in band: ESM and CommonJS test files get clients bound to their tests, and jest exits', async () => {
    const run = await jest(['--runInBand', 'esm\\.test', 'cjs\\.test'], { FAKECONTAINERS_MODE: 'process', FAKECONTAINERS_LEAKS: 'fail' });
    expect(run.output).toMatch(/process mode/);
    expect(run.output).toMatch(/Tests: +5 passed, 5 total/);
    expect(run.output).not.toMatch(JEST_HANG);
    expect(run.code).toBe(0);
  }, 120_000);

  test('workers, attached: a leak fails its test with the line that made the client; timed-out tests get their scopes closed', async () => {
    const marker = path.join(project, 'late-client');
    const run = await jest(['--maxWorkers=2'], {
      FAKECONTAINERS_OLLAMA_URL: fake.url,
      FAKECONTAINERS_MILVUS_ADDRESS: milvus.address,
      FAKECONTAINERS_LEAKS: 'fail',
      MARKER_FILE: marker,
    });
    console.log(`jest on workers: exited ${run.code} in ${run.ms} ms`);
    expect(run.output).toMatch(/attach mode/);
    // Four failures by design: the leak and three timeouts; every other test passes.
    expect(run.output).toMatch(/Tests: +4 failed, 7 passed, 11 total/);
    expect(run.output).toMatch(/LeakError: scope "file-leak\.test\.cjs\/test-leaks a connection" left 1 connection\(s\) open[\s\S]*created at .*leak\.test\.cjs:6:\d+/);
    expect(run.output).toMatch(/Exceeded timeout of 400 ms/);
    expect(run.output).toMatch(/Exceeded timeout of 6000 ms/);
    expect(run.output).not.toMatch(/the next test is not blamed[\s\S]*LeakError/);
    expect(run.output).not.toMatch(JEST_HANG);
    expect(run.code).toBe(1);
    // The body that outlived its 200 ms timeout asked for a client and was refused.
    expect(readFileSync(marker, 'utf8')).toBe('ScopeClosedError');
    expect(fake.journal({ route: 'chat' }).at(-1)?.aborted).toBe(true);
    const hung = milvus.journal({ route: 'ListDatabases' }).find((entry) => entry.fault === 'hang');
    expect(hung).toMatchObject({ aborted: true });
    await expect.poll(() => milvus.connections(), { timeout: 5_000 }).toEqual([]);
    // Only the leak's own connection (the fixture broke its client's close) may still be open.
    await expect.poll(() => fake.connections().length, { timeout: 5_000 }).toBeLessThanOrEqual(1);
  }, 180_000);

  test('under the default leak policy (warn) the leak is printed with the test and the line, and the test passes', async () => {
    const run = await jest(['--runInBand', 'leak\\.test'], { FAKECONTAINERS_OLLAMA_URL: fake.url });
    expect(run.output).toMatch(/scope "file-leak\.test\.cjs\/test-leaks a connection" left 1 connection\(s\) open[\s\S]*leak\.test\.cjs:6:\d+/);
    expect(run.output).toMatch(/Tests: +2 passed, 2 total/);
    expect(run.code).toBe(0);
  }, 120_000);
});
