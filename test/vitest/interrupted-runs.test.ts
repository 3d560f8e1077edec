import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { FakeOllamaContainer } from '../../src/containers/index.js';
import { dockerAvailable, ensureFreshBuild } from '../support/docker.js';
import { type ChildRun, runVitest } from '../support/vitest-child.js';

const docker = dockerAvailable();
const dir = mkdtempSync(path.join(os.tmpdir(), 'fc-interrupted-'));

function runContainers(runId: string): string[] {
  const out = execFileSync('docker', ['ps', '-aq', '--filter', `label=fakecontainers.run-id=${runId}`], { encoding: 'utf8' });
  return out.split('\n').filter((id) => id !== '');
}

async function startLongRun(name: string): Promise<{ run: ChildRun; runId: string }> {
  const runId = `t${randomBytes(5).toString('hex')}`;
  const marker = path.join(dir, name);
  const run = runVitest('long-running', { FAKECONTAINERS_MODE: 'container', FAKECONTAINERS_RUN_ID: runId, MARKER_FILE: marker });
  await expect.poll(() => existsSync(marker) || run.child.exitCode !== null, { timeout: 90_000, interval: 200 }).toBe(true);
  expect(existsSync(marker), `the run did not start its test:\n${run.output()}`).toBe(true);
  expect(runContainers(runId)).toHaveLength(2); // the fake Ollama and the fake Milvus
  return { run, runId };
}

async function secondsUntilGone(runId: string, budgetMs: number): Promise<number> {
  const started = Date.now();
  await expect.poll(() => runContainers(runId), { timeout: budgetMs, interval: 250 }).toEqual([]);
  return (Date.now() - started) / 1000;
}

describe.skipIf(!docker)('a containerised vitest run that is interrupted', () => {
  beforeAll(() => ensureFreshBuild(), 120_000);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} to the runner removes every container of the run`, async () => {
      const { run, runId } = await startLongRun(signal);
      run.child.kill(signal);
      const result = await run.done;
      // vitest skips every teardown hook on these signals; the synchronous exit hook cleans up.
      const seconds = await secondsUntilGone(runId, 5_000);
      console.log(`${signal}: runner exited ${result.code ?? result.signal}; containers gone ${seconds}s after exit`);
      expect(result.code ?? 0).not.toBe(0);
    }, 120_000);
  }

  test('SIGKILL of the runner: its own reaper removes every container of the run within 15 s', async () => {
    // Another suite on the machine keeps testcontainers' shared reaper alive meanwhile; the run's
    // containers must not wait for it.
    await using other = await new FakeOllamaContainer().start();
    const { run, runId } = await startLongRun('SIGKILL');
    run.child.kill('SIGKILL');
    await run.done;
    const seconds = await secondsUntilGone(runId, 15_000);
    console.log(`SIGKILL: containers gone ${seconds}s after the kill`);
    expect(other.getId()).not.toBe('');
  }, 120_000);
});
