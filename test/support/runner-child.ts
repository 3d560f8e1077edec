import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface RunnerResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
}

/**
 * A copy of a fixture project in a temporary folder whose `node_modules/fakecontainers` is this
 * repository (built), so test files import the package by name as a user's would, under any runner.
 */
export function fixtureProject(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `fc-${path.basename(fixture)}-`));
  cpSync(path.join(root, fixture), dir, { recursive: true });
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(root, path.join(dir, 'node_modules/fakecontainers'), 'dir');
  return dir;
}

/** Runs `node <args>` in `cwd` with a clean fakecontainers environment plus `env`; resolves when it exits. */
export function runNode(cwd: string, args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<RunnerResult> {
  const started = Date.now();
  const clean: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', FAKECONTAINERS_REQUIRE_DOCKER: '' };
  // A vitest worker's own variables would tell the child it runs inside vitest, or attach it to other fakes.
  for (const name of Object.keys(clean)) {
    if (/^(VITEST|FAKECONTAINERS_|OLLAMA_|MILVUS_|NODE_OPTIONS$|NODE_TEST_CONTEXT$|JEST_WORKER_ID$)/.test(name)) delete clean[name];
  }
  const child = spawn(process.execPath, args, { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, output, ms: Date.now() - started })));
}

/** What jest prints when something keeps its process alive after the run. */
export const JEST_HANG = /did not exit one second after|open handle/i;
