/**
 * fakecontainers/jest/global-teardown: stops the fakes `fakecontainers/jest/global-setup` started
 * (containers removed, in-process servers closed), within the run's teardown budget.
 */
import { stopJestRun } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  await stopJestRun();
}
