import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';
import { ensureFreshBuild } from '../support/docker.js';
import { HANG_WARNINGS, runVitest } from '../support/vitest-child.js';

let fake: StartedFakeOllama;
const dir = mkdtempSync(path.join(os.tmpdir(), 'fc-vitest-runs-'));

beforeAll(async () => {
  ensureFreshBuild();
  fake = await startFakeOllama();
}, 120_000);
afterAll(() => fake.close());

describe('a vitest run attached to a running fake', () => {
  test('a timed-out stream and a body that outlives its test leave no connection behind', async () => {
    const marker = path.join(dir, 'late-client');
    const run = runVitest('timeouts', { FAKECONTAINERS_OLLAMA_URL: fake.url, MARKER_FILE: marker });
    const result = await run.done;
    console.log(`timeouts fixture: exited ${result.code} in ${result.ms} ms`);
    // The first two tests fail by design (timeouts); the third passes; the run ends on its own.
    expect(result.output).toMatch(/Test timed out in 400ms/);
    expect(result.output).toMatch(/Test timed out in 200ms/);
    expect(result.output).toMatch(/1 passed/);
    expect(result.output).not.toMatch(HANG_WARNINGS);
    expect(result.code).toBe(1);
    expect(readFileSync(marker, 'utf8')).toBe('ScopeClosedError');
    const stream = fake.journal({ route: 'chat' }).at(-1);
    expect(stream?.aborted).toBe(true);
    await expect.poll(() => fake.connections(), { timeout: 2_000 }).toEqual([]);
  }, 60_000);
});
