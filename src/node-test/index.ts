/**
 * fakecontainers/node-test: the fakes for `node:test`, with the guarantees of the vitest fixtures. A
 * test's clients belong to a scope that starts closing when the test's `t.signal` aborts (a timeout)
 * and closes when the test ends (`t.after`); a connection still open then fails the test
 * (FAKECONTAINERS_LEAKS=fail) or is reported with the line that created its client (`warn`).
 */
import { after, before } from 'node:test';
import { endpointEnvironment, endpointsFromEnvironment, exportEnvironment } from '../lifecycle/environment.js';
import { type RunOptions, type StartedRun, startRun } from '../lifecycle/run.js';
import type { Scope } from '../lifecycle/scope.js';
import { FileFakes, type TestFakes } from '../lifecycle/test-fakes.js';

export type { TestFakes } from '../lifecycle/test-fakes.js';
export type { FakeEndpoints, FakeControls } from '../lifecycle/endpoints.js';

/** What `fakes(t)` needs of node:test's `TestContext`. */
export interface TestContextLike {
  readonly name: string;
  /** Aborted when the test times out or is cancelled. */
  readonly signal: AbortSignal;
  /** Runs `fn` when the test ends, its failure failing the test. */
  after(fn: () => unknown): void;
}

/**
 * The fakes of a test (`fakes(t)`), or of the file's hooks (`fakes()`: closed when the file ends).
 * Asked again with the same `t`, the same scope answers.
 */
export interface FakesOf {
  (t?: TestContextLike): TestFakes;
  /**
   * The file's fakes once they are up. Node 20 and 22 start the root-level `before` hooks of a file
   * without waiting for each other, so a root-level hook of your own awaits this before `fakes()`.
   */
  ready(): Promise<TestFakes>;
}

export type NodeTestFakesOptions = RunOptions;

/**
 * Registers `before` / `after` hooks (at the level it is called: the file, or a `describe`) that attach
 * to the fakes of a surrounding run (`fakecontainers run -- node --test`, the Node 24 global setup) or
 * else start this file's own (FAKECONTAINERS_MODE, `process` when unset), and returns `fakes(t)`.
 *
 * @example
 * import { test } from 'node:test';
 * import { useFakes } from 'fakecontainers/node-test';
 * const fakes = useFakes();
 * test('answers', async (t) => {
 *   const reply = await fakes(t).ollama().generate({ model: 'llama3.2', prompt: 'hi' });
 * });
 */
export function useFakes(options: NodeTestFakesOptions = {}): FakesOf {
  let file: FileFakes | undefined;
  let run: StartedRun | undefined;
  let restoreEnvironment = () => {};
  const tests = new WeakMap<TestContextLike, TestFakes>();
  let resolve: (file: FileFakes) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const started = new Promise<FileFakes>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // Nobody may ask; the hook's own failure is what node:test reports then.
  started.catch(() => {});

  before(async () => {
    let endpoints = endpointsFromEnvironment();
    if (!endpoints) {
      const mode = options.mode ?? (process.env.FAKECONTAINERS_MODE ? undefined : 'process');
      try {
        run = await startRun({ ...options, mode });
      } catch (error) {
        reject(error);
        throw error;
      }
      endpoints = run.endpoints;
      restoreEnvironment = exportEnvironment(endpointEnvironment(endpoints));
    }
    file = new FileFakes(`file-${fileName()}`, endpoints);
    resolve(file);
  });

  after(async () => {
    try {
      await file?.close();
    } finally {
      restoreEnvironment();
      await run?.close();
    }
  });

  const fakes = (t?: TestContextLike): TestFakes => {
    if (!file) {
      throw new Error(
        'fakecontainers/node-test: the fakes are not up yet. Tests wait for them; in a root-level `before` hook, `await fakes.ready()` first (Node starts those hooks without waiting for each other)',
      );
    }
    const owner = file;
    if (!t) return owner.fakesOf(owner.scope);
    let mine = tests.get(t);
    if (!mine) {
      const scope: Scope = owner.testScope(t.name, t.signal);
      mine = owner.fakesOf(scope);
      tests.set(t, mine);
      // A failure here (a leak under `fail`, a resource that would not close) fails the test.
      t.after(() => owner.endTest(scope));
    }
    return mine;
  };
  fakes.ready = async () => {
    const ready = await started;
    return ready.fakesOf(ready.scope);
  };
  return fakes;
}

function fileName(): string {
  const entry = process.argv[1] ?? 'file';
  return entry.split(/[/\\]/).pop() ?? 'file';
}
