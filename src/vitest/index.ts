/**
 * fakecontainers/vitest: `test` with fixtures bound to the run's fakes.
 */
import './provided-context.js';

export { test } from './fixtures.js';
export type { TestFixtures, FileFixtures, WorkerFixtures, FakesFixture } from './fixtures.js';
export type { ProvidedFakes } from './provided-context.js';
export { expect, describe, beforeAll, afterAll, beforeEach, afterEach, inject } from 'vitest';
