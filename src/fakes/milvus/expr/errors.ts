/**
 * Errors of the filter language, shaped like the ones Milvus puts in `Status.reason`.
 *
 * Milvus' proxy answers a bad filter with code 1100 (ParameterInvalid) and a reason built in three layers:
 * `failed to create query plan: ` + planparserv2's `cannot parse expression: <expr>, error: <detail>` +
 * merr's `: invalid parameter` (seen in milvus#50587 and milvus#50882). A few planner errors skip the middle
 * layer (`predicate is not a boolean expression: ...`, missing template values), so `message` holds exactly
 * the planner's text and `reason()` adds the outer layers for the RPC reply.
 */

/** Where a syntax error happened, in ANTLR's convention: line from 1, column from 0. */
export interface ExprPosition {
  readonly line: number;
  readonly column: number;
}

export type PlanKind = 'query' | 'delete';

export class ExprError extends Error {
  /** Milvus `ParameterInvalid`; the legacy `error_code` for it is `IllegalArgument`. */
  readonly code = 1100;
  readonly errorCode = 'IllegalArgument';
  /** The filter text as the caller sent it. */
  readonly expression: string;
  /** The planner's own detail, without the `cannot parse expression` wrapper. */
  readonly detail: string;
  readonly position?: ExprPosition;

  constructor(message: string, expression: string, detail: string, position?: ExprPosition) {
    super(message);
    this.name = 'ExprError';
    this.expression = expression;
    this.detail = detail;
    if (position) this.position = position;
  }

  /**
   * The full `Status.reason` Milvus sends. Search and query both say `query plan`; delete says `delete plan`.
   * @example
   * err.reason('query'); // 'failed to create query plan: cannot parse expression: a >, error: ...: invalid parameter'
   */
  reason(plan: PlanKind = 'query'): string {
    return `failed to create ${plan} plan: ${this.message}: invalid parameter`;
  }
}

/** An error the planner wraps as `cannot parse expression: <expr>, error: <detail>`. */
export function parseError(expression: string, detail: string, position?: ExprPosition): ExprError {
  return new ExprError(`cannot parse expression: ${expression}, error: ${detail}`, expression, detail, position);
}

/** An error the planner reports verbatim (no `cannot parse expression` wrapper). */
export function planError(expression: string, detail: string): ExprError {
  return new ExprError(detail, expression, detail);
}

/**
 * Thrown by the checker with only the detail; `compileFilter` turns it into an ExprError once it knows the
 * source. Keeps every helper free of the source string.
 */
export class CheckFailure extends Error {
  readonly wrapped: boolean;

  constructor(detail: string, wrapped = true) {
    super(detail);
    this.name = 'CheckFailure';
    this.wrapped = wrapped;
  }
}

export function fail(detail: string): never {
  throw new CheckFailure(detail);
}
