import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StartedFakeMilvus, startFakeMilvus } from '../../src/fakes/milvus/index.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';
import { ensureFreshBuild } from '../support/docker.js';
import { saturate } from '../support/saturate.js';
import { HANG_WARNINGS, runVitest } from '../support/vitest-child.js';

let fake: StartedFakeOllama;
let milvus: StartedFakeMilvus;
const dir = mkdtempSync(path.join(os.tmpdir(), 'fc-vitest-runs-'));

beforeAll(async () => {
  ensureFreshBuild();
  fake = await startFakeOllama();
  milvus = await startFakeMilvus();
}, 120_000);
afterAll(() => Promise.all([fake.close(), milvus.close()]));

describe('a vitest run attached to a running fake', () => {
  test('a timed-out stream, a hung Milvus call and a body that outlives its test leave no connection behind', async () => {
    const marker = path.join(dir, 'late-client');
    const run = runVitest('timeouts', { FAKECONTAINERS_OLLAMA_URL: fake.url, FAKECONTAINERS_MILVUS_ADDRESS: milvus.address, MARKER_FILE: marker });
    const result = await run.done;
    console.log(`timeouts fixture: exited ${result.code} in ${result.ms} ms`);
    // Three tests fail by design (timeouts); one passes; the run ends on its own; no scope reported a
    // leak (the fixture project sets FAKECONTAINERS_LEAKS=fail).
    expect(result.output).toMatch(/Test timed out in 400ms/);
    expect(result.output).toMatch(/Test timed out in 200ms/);
    expect(result.output).toMatch(/Test timed out in 6000ms/);
    expect(result.output).toMatch(/3 failed \| 1 passed/);
    expect(result.output).not.toMatch(/LeakError|LEAK_DETECTED/);
    expect(result.output).not.toMatch(HANG_WARNINGS);
    expect(result.code).toBe(1);
    expect(readFileSync(marker, 'utf8')).toBe('ScopeClosedError');
    const stream = fake.journal({ route: 'chat' }).at(-1);
    expect(stream?.aborted).toBe(true);
    await expect.poll(() => fake.connections(), { timeout: 2_000 }).toEqual([]);
    await expect.poll(() => milvus.connections(), { timeout: 2_000 }).toEqual([]);
    const hung = milvus.journal({ route: 'ListDatabases' }).find((entry) => entry.fault === 'hang');
    expect(hung).toMatchObject({ aborted: true });
  }, 60_000);

  test("seed data from the global setup's options is reached through the milvusDatabase fixture option", async () => {
    const run = await runVitest('seeded', {}).done;
    expect(run.output).toMatch(/2 passed/);
    expect(run.code).toBe(0);
  }, 60_000);

  test('a 200-test user suite using every fixture passes while four CPU-bound processes saturate two cores', async () => {
    const load = saturate(4);
    try {
      const run = await runVitest('stress', { FAKECONTAINERS_OLLAMA_URL: fake.url, FAKECONTAINERS_MILVUS_ADDRESS: milvus.address }).done;
      console.log(`stress fixture under load: exited ${run.code} in ${run.ms} ms`);
      expect(run.output).toMatch(/200 passed/);
      expect(run.output).not.toMatch(/LeakError|LEAK_DETECTED|timed out/);
      expect(run.code).toBe(0);
    } finally {
      load.stop();
    }
  }, 240_000);

  test.each(['forks', 'threads'])('the fixtures work on the %s pool', async (pool) => {
    const run = await runVitest('basic', { FAKECONTAINERS_OLLAMA_URL: fake.url, FAKECONTAINERS_MILVUS_ADDRESS: milvus.address }, ['--pool', pool]).done;
    expect(run.output).toMatch(/5 passed/);
    expect(run.output).not.toMatch(HANG_WARNINGS);
    expect(run.code).toBe(0);
  }, 60_000);
});
