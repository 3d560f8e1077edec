/**
 * fakecontainers/vitest/global-setup: starts the fakes once for the whole vitest run.
 *
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['fakecontainers/vitest/global-setup'] } });
 * ```
 * Options go through a file of your own: `export default fakecontainersGlobalSetup({ fakes: ['ollama'] })`.
 */
import type { TestProject } from 'vitest/node';
import { endpointEnvironment } from '../lifecycle/environment.js';
import { type RunOptions, startRun } from '../lifecycle/run.js';
import type { ProvidedFakes } from './provided-context.js';
import './provided-context.js';

export type GlobalSetupOptions = RunOptions;

/**
 * A globalSetup function with options (which fakes, mode, their configuration).
 *
 * @example
 * // test/fakes.setup.ts, listed in vitest.config.ts `globalSetup`
 * import { fakecontainersGlobalSetup } from 'fakecontainers/vitest/global-setup';
 * export default fakecontainersGlobalSetup({ fakes: ['ollama'], ollama: { models: [{ name: 'llama3.2' }] } });
 */
export function fakecontainersGlobalSetup(options: GlobalSetupOptions = {}) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const run = await startRun(options);
    const provided: ProvidedFakes = { ...run.endpoints, mode: run.mode, runId: run.runId };
    project.provide('fakecontainers', provided);
    // Code under test reads these; vitest's workers start after this and inherit them.
    Object.assign(process.env, endpointEnvironment(run.endpoints));
    return () => run.close();
  };
}

export default fakecontainersGlobalSetup();
export { fakecontainersGlobalSetup as setupFakecontainers };
