import { randomBytes } from 'node:crypto';
import { FakecontainersError } from '../common/errors.js';
import { FakeControlClient } from '../fakes/control/control-client.js';
import type { FakeEndpoints } from './endpoints.js';
import { installExitHook } from './exit-hooks.js';
import { type FakeConfigs, type FakeKind, type FakeLauncher, launchers } from './launchers.js';
import { chooseMode, type FakesMode } from './mode.js';
import { Scope } from './scope.js';

export interface RunOptions extends FakeConfigs {
  /** Default: FAKECONTAINERS_MODE, else attach / container / process (see resolveMode). */
  mode?: FakesMode;
  /** Which fakes to provide. @default every fake this build includes */
  fakes?: readonly FakeKind[];
  /** Budget for tearing the whole run down, in ms. @default 20000 */
  teardownBudgetMs?: number;
  /** Where warnings go. @default stderr */
  warn?: (message: string) => void;
  /** Where the mode line and start-up progress go. @default stderr */
  progress?: (message: string) => void;
}

export interface StartedRun extends AsyncDisposable {
  readonly runId: string;
  readonly mode: FakesMode;
  /** Why this mode, in a sentence. */
  readonly why: string;
  readonly endpoints: FakeEndpoints;
  /** The root scope: fakes, containers and the reaper link live here; worker/file/test scopes hang below. */
  readonly scope: Scope;
  close(): Promise<void>;
}

const HEALTH_BUDGET_MS = 10_000;

/**
 * Starts the fakes of a test run and everything that guarantees their teardown: a run id on every
 * container, a synchronous exit hook (SIGINT/SIGTERM/uncaught errors), a reaper connection (SIGKILL)
 * and removal of dead runs' leftovers.
 *
 * @example
 * await using run = await startRun({ mode: 'process' });
 * const ollama = run.scope.ollama();
 */
export async function startRun(options: RunOptions = {}): Promise<StartedRun> {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`fakecontainers: ${message}\n`));
  const runId = process.env.FAKECONTAINERS_RUN_ID || randomBytes(6).toString('hex');
  process.env.FAKECONTAINERS_RUN_ID = runId;
  const progress = options.progress ?? ((message: string) => process.stderr.write(`fakecontainers: ${message}\n`));
  const { mode, why } = chooseMode(options.mode);
  progress(`${mode} mode (${why})`);
  const wanted = launchers().filter((l) => !options.fakes || options.fakes.includes(l.kind));
  const scope = new Scope('run', { deadlineMs: options.teardownBudgetMs ?? 20_000, disposeTimeoutMs: 10_000 });
  let endpoints: FakeEndpoints = {};
  try {
    if (mode === 'container') {
      // One control token for the run's containers; every client the run hands out sends it.
      process.env.FAKECONTAINERS_CONTROL_TOKEN ||= randomBytes(16).toString('hex');
      const hook = installExitHook(runId);
      scope.defer(() => hook.disarm(), { name: 'exit hook' });
      const { removeDeadRunLeftovers } = await import('./janitor.js');
      const removed = await removeDeadRunLeftovers(runId);
      if (removed.length > 0) warn(`removed ${removed.length} container(s) left by dead runs: ${removed.join(', ')}`);
      await guardAgainstKill(runId, scope, warn);
    }
    for (const launcher of wanted) {
      const started = performance.now();
      // Containers take seconds (an image build on first use); say what is happening meanwhile.
      if (mode === 'container') progress(`starting the fake ${launcher.kind} container...`);
      const provided = await provide(launcher, mode, options, scope);
      if (mode === 'container') {
        const where = provided.ollamaUrl ?? provided.milvusAddress ?? '';
        progress(`fake ${launcher.kind} ready at ${where} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      }
      endpoints = { ...endpoints, ...provided };
    }
  } catch (error) {
    await scope.close().catch((closeError: unknown) => warn(`cleanup after a failed start: ${(closeError as Error).message}`));
    throw error;
  }
  const run = new Scope('fakes', { parent: scope, endpoints });
  return {
    runId,
    mode,
    why,
    endpoints,
    scope: run,
    close: () => scope.close(),
    [Symbol.asyncDispose]: () => scope.close(),
  };
}

async function provide(launcher: FakeLauncher, mode: FakesMode, configs: FakeConfigs, scope: Scope): Promise<FakeEndpoints> {
  if (mode === 'attach') {
    const endpoint = process.env[launcher.attachVariable];
    if (!endpoint) return {};
    const token = process.env.FAKECONTAINERS_CONTROL_TOKEN || undefined;
    checkAttachEndpoint(launcher, endpoint);
    const control = new FakeControlClient(launcher.controlUrl(endpoint), token);
    try {
      await control.waitHealthy(HEALTH_BUDGET_MS, launcher.kind);
    } catch (error) {
      throw new FakecontainersError('HEALTH_CHECK_FAILED', `attach mode: ${launcher.attachVariable}=${endpoint}: ${(error as Error).message}`, { cause: error });
    }
    await control.reset();
    return { ...launcher.endpoints(endpoint), ...(token ? { controlToken: token } : {}) };
  }
  const starting = mode === 'container' ? launcher.container(configs) : launcher.inProcess(configs);
  const fake = await scope.adopt(starting, (f) => f.stop(), {
    name: `fake ${launcher.kind} (${mode})`,
    concurrent: true,
    escalate: async () => (await starting).kill?.(),
  });
  return { ...launcher.endpoints(fake.endpoint), ...(fake.controlToken ? { controlToken: fake.controlToken } : {}) };
}

/** A typo in an attach variable is an error at once, not a health wait that ends in "fetch failed". */
function checkAttachEndpoint(launcher: FakeLauncher, endpoint: string): void {
  const example = launcher.kind === 'ollama' ? 'http://127.0.0.1:11434' : '127.0.0.1:19530';
  let ok: boolean;
  try {
    const url = new URL(launcher.kind === 'ollama' ? endpoint : `http://${endpoint}`);
    ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && (launcher.kind === 'ollama' || (url.port !== '' && url.pathname === '/'));
  } catch {
    ok = false;
  }
  if (!ok) throw new FakecontainersError('INVALID_OPTION', `attach mode: ${launcher.attachVariable}=${JSON.stringify(endpoint)} is not an address like ${example}`);
}

/** Starts the run's own reaper (unless FAKECONTAINERS_REAPER=off) and holds its connection for the run. */
async function guardAgainstKill(runId: string, scope: Scope, warn: (message: string) => void): Promise<void> {
  const { reaperMode } = await import('../containers/reaper-env.js');
  if (reaperMode() === 'off') {
    warn('FAKECONTAINERS_REAPER=off: containers are removed at teardown and on SIGINT/SIGTERM, but a SIGKILLed run leaves them until the next run starts');
    return;
  }
  const { startRunReaper } = await import('./run-reaper.js');
  const timeout = process.env.FAKECONTAINERS_REAPER_TIMEOUT || '10s';
  try {
    const reaper = await startRunReaper(runId, timeout, warn);
    scope.defer(() => reaper.close(), { name: "the run's reaper connection" });
  } catch (error) {
    warn(`could not start this run's reaper (${(error as Error).message}); a SIGKILLed run will leave its containers until the next run`);
  }
}
