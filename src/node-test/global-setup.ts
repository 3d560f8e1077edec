/**
 * fakecontainers/node-test/global-setup: starts the fakes once for a whole `node --test` run (Node 24+:
 * `node --test --test-global-setup=fakecontainers/node-test/global-setup`), in the mode vitest's global
 * setup would pick (FAKECONTAINERS_MODE: container, process or attach). Node starts each test file's
 * process after the setup, so `useFakes()` in every file attaches to these fakes instead of starting
 * its own. On Node 20 and 22, `fakecontainers run -- node --test` does the same.
 */
import { endpointEnvironment, exportEnvironment } from '../lifecycle/environment.js';
import { type RunOptions, type StartedRun, startRun } from '../lifecycle/run.js';

let held: { run: StartedRun; restoreEnvironment: () => void } | undefined;

/** Node's `globalSetup` hook. Options: FAKECONTAINERS_* variables, or {@link startNodeTestRun} from a module of your own. */
export async function globalSetup(): Promise<void> {
  await startNodeTestRun();
}

/** Node's `globalTeardown` hook: stops what `globalSetup` started (bounded; errors are thrown). */
export async function globalTeardown(): Promise<void> {
  const current = held;
  held = undefined;
  if (!current) return;
  current.restoreEnvironment();
  await current.run.close();
}

/**
 * Starts the run with options, for a global setup module of your own.
 *
 * @example
 * // fakes.setup.mjs: node --test --test-global-setup=./fakes.setup.mjs
 * import { startNodeTestRun } from 'fakecontainers/node-test/global-setup';
 * export { globalTeardown } from 'fakecontainers/node-test/global-setup';
 * export const globalSetup = () => startNodeTestRun({ fakes: ['ollama'] });
 */
export async function startNodeTestRun(options: RunOptions = {}): Promise<void> {
  await globalTeardown();
  const run = await startRun(options);
  held = { run, restoreEnvironment: exportEnvironment(endpointEnvironment(run.endpoints)) };
}
