/**
 * fakecontainers/jest/environment: jest's node environment plus a scope per test. Each test file gets
 * a file scope; each test gets a scope below it when it first asks for a client, which closes when
 * the test ends (after its `afterEach` hooks) and starts closing as soon as the test times out. A
 * connection still open afterwards fails the test (FAKECONTAINERS_LEAKS=fail) or is reported with the
 * line that created its client (`warn`, the default).
 *
 * ```js
 * // jest.config.js
 * export default {
 *   testEnvironment: 'fakecontainers/jest/environment',
 *   globalSetup: 'fakecontainers/jest/global-setup',
 *   globalTeardown: 'fakecontainers/jest/global-teardown',
 * };
 * ```
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { FakecontainersError } from '../common/errors.js';
import { controlClients } from '../lifecycle/endpoints.js';
import { endpointsFromEnvironment } from '../lifecycle/environment.js';
import type { Scope } from '../lifecycle/scope.js';
import { FileFakes } from '../lifecycle/test-fakes.js';
import { JEST_FAKES_KEY, type JestFakes } from './jest-fakes.js';
import { type CircusEvent, type CircusTest, type JestEnvironmentContext, loadNodeEnvironment } from './node-environment.js';

const NodeEnvironment = loadNodeEnvironment();
const ROOT_BLOCK = 'ROOT_DESCRIBE_BLOCK';
// jest-circus' message for a test (not a hook) that ran out of time, in jest 29 and 30.
const TEST_TIMEOUT = /^Exceeded timeout of .* for a test\b/;

/**
 * The test a test function belongs to, for as long as it runs: a body that outlives its test (jest
 * moves on after a timeout) still asks its own, closed scope, never the next test's.
 */
const testContext = new AsyncLocalStorage<RunningTest>();

interface RunningTest {
  test: CircusTest;
  /** Aborted when the test times out: its scope starts closing while the body may still run. */
  timedOut: AbortController;
  scope?: Scope;
}

export default class FakecontainersEnvironment extends NodeEnvironment {
  readonly #testPath: string;
  #file?: FileFakes;
  #running?: RunningTest;

  constructor(config: unknown, context: JestEnvironmentContext) {
    super(config, context);
    this.#testPath = context.testPath;
  }

  override async setup(): Promise<void> {
    await super.setup();
    const endpoints = endpointsFromEnvironment();
    if (!endpoints) {
      throw new FakecontainersError(
        'INVALID_OPTION',
        'fakecontainers/jest/environment found no fakes: add `globalSetup: "fakecontainers/jest/global-setup"` and ' +
          '`globalTeardown: "fakecontainers/jest/global-teardown"` to the jest config, or run jest under `fakecontainers run --`',
      );
    }
    const file = new FileFakes(`file-${path.basename(this.#testPath)}`, endpoints, (message) => this.#warn(message));
    this.#file = file;
    const current = () => this.#currentFakes(file);
    const fakes: JestFakes = {
      scope: () => current().scope,
      endpoints,
      ...controlClients(endpoints),
      ollama: () => current().ollama(),
      milvus: (options) => current().milvus(options),
      fetch: (input, init) => current().fetch(input, init),
    };
    (this.global as unknown as Record<symbol, unknown>)[JEST_FAKES_KEY] = Object.freeze(fakes);
  }

  override async handleTestEvent(event: CircusEvent, state: unknown): Promise<void> {
    await super.handleTestEvent?.(event, state);
    const { test } = event;
    if (!test) return;
    if (event.name === 'test_start') {
      this.#running = { test, timedOut: new AbortController() };
    } else if (event.name === 'test_fn_start' && this.#running?.test === test) {
      bindToTest(test, this.#running);
    } else if (event.name === 'test_fn_failure' && this.#running?.test === test && TEST_TIMEOUT.test(messageOf(event.error))) {
      this.#running.timedOut.abort(event.error);
    } else if (event.name === 'test_done' || event.name === 'test_skip' || event.name === 'test_todo') {
      const running = this.#running;
      this.#running = undefined;
      if (running?.test !== test || !running.scope || !this.#file) return;
      try {
        await this.#file.endTest(running.scope);
      } catch (error) {
        // Reported by jest as a failure of this test, with the leak report (kind, scope, creation line).
        test.errors.push(error);
      }
    }
  }

  override async teardown(): Promise<void> {
    try {
      await this.#file?.close();
    } finally {
      await super.teardown();
    }
  }

  #currentFakes(file: FileFakes) {
    // Hooks (beforeEach, afterEach) run outside the test function and belong to the running test.
    const running = testContext.getStore() ?? this.#running;
    if (!running) return file.fakesOf(file.scope);
    running.scope ??= file.testScope(testName(running.test), running.timedOut.signal);
    return file.fakesOf(running.scope);
  }

  /** During a test, jest's console for this file (printed with the file's results); otherwise stderr. */
  #warn(message: string): void {
    const console = this.#running ? this.global.console : undefined;
    if (console) console.warn(message);
    else process.stderr.write(`fakecontainers: ${message}\n`);
  }
}

const unbound = new WeakMap<CircusTest, NonNullable<CircusTest['fn']>>();

/** Runs the test's function inside its test context (jest-circus calls `test.fn` right after `test_fn_start`). */
function bindToTest(test: CircusTest, running: RunningTest): void {
  const original = unbound.get(test) ?? test.fn;
  if (!original) return;
  unbound.set(test, original);
  const bound = function (this: unknown, ...args: unknown[]): unknown {
    return testContext.run(running, () => original.apply(this, args));
  };
  // jest-circus reads the arity: a function that takes an argument waits for `done`.
  Object.defineProperty(bound, 'length', { value: original.length });
  test.fn = bound;
}

function testName(test: CircusTest): string {
  const names = [test.name];
  for (let block = test.parent; block && block.name !== ROOT_BLOCK; block = block.parent) names.unshift(block.name);
  return names.join(' > ');
}

function messageOf(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as { message: unknown }).message) : String(error);
}

export { FakecontainersEnvironment as TestEnvironment };
