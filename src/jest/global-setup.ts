/**
 * fakecontainers/jest/global-setup: starts the fakes once for the whole jest run, in the mode vitest's
 * global setup would pick (FAKECONTAINERS_MODE: container, process or attach), and exports their
 * endpoints (OLLAMA_HOST, MILVUS_ADDRESS, FAKECONTAINERS_*) to the test files and the code under test.
 * jest starts its workers after the global setup, so they inherit them. Pair it with
 * `fakecontainers/jest/global-teardown`.
 */
import { endpointEnvironment, exportEnvironment } from '../lifecycle/environment.js';
import { type RunOptions, type StartedRun, startRun } from '../lifecycle/run.js';

export type GlobalSetupOptions = RunOptions;

/** jest runs the global setup and teardown in one process and one global object: the run waits here. */
const RUN_KEY = Symbol.for('fakecontainers.jest.run');

interface HeldRun {
  run: StartedRun;
  /** Puts back the variables the setup set. */
  restoreEnvironment: () => void;
}

type Holder = Record<symbol, HeldRun | undefined>;

/**
 * A jest `globalSetup` function with options (which fakes, mode, their configuration).
 *
 * @example
 * // fakes.setup.js, named by `globalSetup` in jest.config.js
 * import { fakecontainersGlobalSetup } from 'fakecontainers/jest/global-setup';
 * export default fakecontainersGlobalSetup({ fakes: ['ollama'], ollama: { models: [{ name: 'llama3.2' }] } });
 */
export function fakecontainersGlobalSetup(options: GlobalSetupOptions = {}): () => Promise<void> {
  return async function globalSetup(): Promise<void> {
    const holder = globalThis as unknown as Holder;
    // `jest --watch` runs the setup again for each run; the previous run must be gone first.
    await stopJestRun();
    const run = await startRun(options);
    holder[RUN_KEY] = { run, restoreEnvironment: exportEnvironment(endpointEnvironment(run.endpoints)) };
  };
}

/** Closes the run the global setup started (bounded; errors are thrown, not swallowed). Idempotent. */
export async function stopJestRun(): Promise<void> {
  const holder = globalThis as unknown as Holder;
  const held = holder[RUN_KEY];
  if (!held) return;
  holder[RUN_KEY] = undefined;
  held.restoreEnvironment();
  await held.run.close();
}

export default fakecontainersGlobalSetup();
