/**
 * fakecontainers/jest: the fakes of a jest run, for test files (ESM or CommonJS). The test environment
 * `fakecontainers/jest/environment` provides them; the global setup starts the fakes.
 *
 * This module reads what the environment put in the test file's global object and imports nothing
 * else at run time, so it loads inside jest's sandbox as ESM (`import`) or CommonJS (`require`).
 */
import { JEST_FAKES_KEY, type JestFakes } from './jest-fakes.js';

export type { JestFakes } from './jest-fakes.js';
export type { FakeEndpoints, FakeControls } from '../lifecycle/endpoints.js';
export type { Scope } from '../lifecycle/scope.js';

function provided(): JestFakes {
  const value = (globalThis as Record<symbol, unknown>)[JEST_FAKES_KEY] as JestFakes | undefined;
  if (!value) {
    throw new Error(
      'fakecontainers/jest: this test file has no fakes. Set `testEnvironment: "fakecontainers/jest/environment"` and ' +
        '`globalSetup: "fakecontainers/jest/global-setup"`, `globalTeardown: "fakecontainers/jest/global-teardown"` in the jest config.',
    );
  }
  return value;
}

/**
 * The fakes, bound to the test that is running: its clients close when it ends.
 *
 * @example
 * import { fakes } from 'fakecontainers/jest';
 * test('answers', async () => {
 *   const { message } = await fakes.ollama().chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
 *   expect(message.content).not.toBe('');
 * });
 */
export const fakes: JestFakes = {
  scope: () => provided().scope(),
  get endpoints() {
    return provided().endpoints;
  },
  get ollamaControl() {
    return provided().ollamaControl;
  },
  get milvusControl() {
    return provided().milvusControl;
  },
  ollama: () => provided().ollama(),
  milvus: (options) => provided().milvus(options),
  fetch: (input, init) => provided().fetch(input, init),
};
