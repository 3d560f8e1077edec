import { FakecontainersError } from '../common/errors.js';

/** Thrown when a closed (or closing) scope is asked for a client or handed a resource. */
export class ScopeClosedError extends FakecontainersError {
  readonly scope: string;

  constructor(scope: string, what: string) {
    super(
      'SCOPE_CLOSED',
      `scope "${scope}" is closed: cannot ${what}. Work that outlives its test (for example a body still ` +
        'running after a timeout) must not create new resources; what was handed in has been disposed.',
    );
    this.name = 'ScopeClosedError';
    this.scope = scope;
  }
}

/** One resource that failed to close, with where it was created. */
export class DisposeError extends Error {
  readonly resource: string;
  readonly createdAt: string;

  constructor(resource: string, createdAt: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${resource} failed to close: ${reason}\n    created at ${createdAt}`, { cause });
    this.name = 'DisposeError';
    this.resource = resource;
    this.createdAt = createdAt;
  }
}
