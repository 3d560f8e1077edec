/**
 * Stable codes for errors the library throws (protocol errors of the fakes are values, not these).
 * A code never changes meaning; messages may be reworded.
 */
export type FakecontainersErrorCode =
  | 'INVALID_OPTION'
  | 'INVALID_CONFIG'
  | 'PORT_IN_USE'
  | 'SERVER_CLOSED'
  | 'DOCKER_UNAVAILABLE'
  | 'IMAGE_BUILD_FAILED'
  | 'CONTAINER_START_FAILED'
  | 'HEALTH_CHECK_FAILED'
  | 'SCOPE_CLOSED'
  | 'TEARDOWN_TIMEOUT'
  | 'LEAK_DETECTED'
  | 'REAPER_FAILED'
  | 'CASSETTE_MISS';

/** Base class of every error fakecontainers throws. `code` is stable; the message says what to do next. */
export class FakecontainersError extends Error {
  readonly code: FakecontainersErrorCode;

  constructor(code: FakecontainersErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FakecontainersError';
    this.code = code;
  }
}

/** Throws an INVALID_OPTION error unless `condition` holds. */
export function assertOption(condition: unknown, message: string): asserts condition {
  if (!condition) throw new FakecontainersError('INVALID_OPTION', message);
}

/** Best-effort text of an unknown thrown value, for logs and aggregated errors. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
