import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const vitestBin = path.join(root, 'node_modules/vitest/vitest.mjs');

export interface ChildRun {
  child: ChildProcess;
  /** Everything the run printed so far. */
  output(): string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; ms: number }>;
}

/** Runs `vitest run` on a fixture project in a child process (with this process's Node). */
export function runVitest(project: string, env: Record<string, string>, args: string[] = []): ChildRun {
  const started = Date.now();
  const child = spawn(process.execPath, [vitestBin, 'run', '--root', path.join(root, 'test/vitest/fixtures', project), ...args], {
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', FAKECONTAINERS_REQUIRE_DOCKER: '', VITEST: '', VITEST_POOL_ID: '', VITEST_WORKER_ID: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; ms: number }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, output, ms: Date.now() - started }));
  });
  return { child, output: () => output, done };
}

/** Messages vitest prints when something keeps a run from ending. */
export const HANG_WARNINGS = /close timed out|something prevents|hanging-process|Tests closed successfully but/i;
