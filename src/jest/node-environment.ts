import { createRequire } from 'node:module';
import path from 'node:path';
import { FakecontainersError } from '../common/errors.js';

/** What fakecontainers uses of jest's `TestEnvironment` (jest-environment-node 29 and 30). */
export interface JestEnvironmentBase {
  global: typeof globalThis;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  handleTestEvent?(event: CircusEvent, state: unknown): void | Promise<void>;
}

export interface JestEnvironmentContext {
  testPath: string;
}

export type JestEnvironmentClass = new (config: unknown, context: JestEnvironmentContext) => JestEnvironmentBase;

/** The parts of jest-circus' test events the environment reads. */
export interface CircusTest {
  name: string;
  parent?: { name: string; parent?: CircusTest['parent'] };
  /** The test function; jest-circus calls it (with `done` when it declares a parameter). */
  fn?: (this: unknown, ...args: unknown[]) => unknown;
  /** jest-circus reports what is in here as the test's failures. */
  errors: unknown[];
}

export interface CircusEvent {
  name: string;
  test?: CircusTest;
  error?: unknown;
}

/**
 * jest-environment-node of the jest that is running, not of whatever copy sits next to this package:
 * resolved from jest's own entry script first (the worker or CLI), then from the project.
 */
export function loadNodeEnvironment(): JestEnvironmentClass {
  const bases = [process.argv[1], path.join(process.cwd(), 'package.json'), import.meta.url].filter((b): b is string => !!b);
  const failures: string[] = [];
  for (const base of bases) {
    try {
      const loaded = createRequire(base)('jest-environment-node') as { TestEnvironment?: JestEnvironmentClass; default?: JestEnvironmentClass };
      const environment = loaded.TestEnvironment ?? loaded.default;
      if (environment) return environment;
    } catch (error) {
      failures.push(`${base}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new FakecontainersError('INVALID_OPTION', `fakecontainers/jest/environment needs jest-environment-node (installed with jest); not found from ${failures.join('; ')}`);
}
