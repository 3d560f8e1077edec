export { FakecontainersError } from './common/errors.js';
export type { FakecontainersErrorCode } from './common/errors.js';
export { FixedClock, systemClock } from './common/clock.js';
export type { Clock } from './common/clock.js';
