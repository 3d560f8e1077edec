/**
 * fakecontainers/jest/global-setup: starts the fakes once for the whole jest run, in the mode vitest's
 * global setup would pick (FAKECONTAINERS_MODE: container, process or attach), and exports their
 * endpoints (OLLAMA_HOST, MILVUS_ADDRESS, FAKECONTAINERS_*) to the test files and the code under test.
 * jest starts its workers after the global setup, so they inherit them. Pair it with
 * `fakecontainers/jest/global-teardown`.
 */
import { endpointEnvironment } from '../lifecycle/environment.js';
import { type RunOptions, type StartedRun, startRun } from '../lifecycle/run.js';

export type GlobalSetupOptions = RunOptions;

/** jest runs the global setup and teardown in one process and one global object: the run waits here. */
const RUN_KEY = Symbol.for('fakecontainers.jest.run');

interface HeldRun {
  run: StartedRun;
  /** The variables the setup set, with what they were before, so the teardown can put them back. */
  previous: Record<string, string | undefined>;
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
    const variables = endpointEnvironment(run.endpoints);
    const previous: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(variables)) {
      previous[name] = process.env[name];
      process.env[name] = value;
    }
    holder[RUN_KEY] = { run, previous };
  };
}

/** Closes the run the global setup started (bounded; errors are thrown, not swallowed). Idempotent. */
export async function stopJestRun(): Promise<void> {
  const holder = globalThis as unknown as Holder;
  const held = holder[RUN_KEY];
  if (!held) return;
  holder[RUN_KEY] = undefined;
  for (const [name, value] of Object.entries(held.previous)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await held.run.close();
}

export default fakecontainersGlobalSetup();
