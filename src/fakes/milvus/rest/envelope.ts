/**
 * The REST v2 envelope. API-level outcomes are HTTP 200 with `{ code, ... }`: success is
 * `{ code: 0, data, ... }` (gin.H, so keys are written sorted), failure `{ code: <merr code>, message }`.
 * Codes 1800-1807 are the REST layer's own (merr "high-level restful api related"); everything the
 * service throws keeps its merr code and reason, as `wrapperProxy` forwards `merr.Code(err)` and
 * `err.Error()`.
 */
import { Codes, MilvusError, statusOf } from '../errors/status.js';

export const RestCodes = {
  incorrectParameterFormat: 1801,
  missingRequiredParameters: 1802,
  invalidInsertData: 1804,
  checkPrimaryKey: 1806,
  /** merr.TimeoutCode, answered with HTTP 408 by the timeout middleware. */
  timeout: 10001,
} as const;

/** A failure decided by the REST layer itself (binding, body shape, request conversion). */
export class RestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

export interface RestReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** Written by gin's streaming renderer (json.Encoder), which ends the body with a newline. */
  readonly stream?: boolean;
  /**
   * Envelopes gin writes after `body` into the same response: a handler that reports an error and
   * carries on (no `return`) renders a second JSON object behind the first, so the body is their
   * concatenation (e.g. 2.6 `addCollectionFunction` after a bad function type).
   */
  readonly trailing?: readonly Record<string, unknown>[];
}

/** `{ code: 0, data, ...extra }`. */
export function ok(data: unknown, extra: Record<string, unknown> = {}, stream = false): RestReply {
  return { status: 200, body: { code: 0, data, ...extra }, ...(stream ? { stream } : {}) };
}

/** `{ code, message }` for anything a route threw; non-Milvus errors are fake bugs (65535). */
export function failure(error: unknown): RestReply {
  if (error instanceof RestError) return { status: 200, body: { code: error.code, message: error.message } };
  const status = statusOf(error);
  return { status: 200, body: { code: status.code, message: status.reason } };
}

/** merr.WrapErrParameterInvalidMsg: `<msg>: invalid parameter`, code 1100. */
export function invalidParameter(message: string): RestError {
  return new RestError(Codes.parameterInvalid, `${message}: invalid parameter`);
}

/** merr.WrapErrParameterInvalid(expected, actual, msg). */
export function invalidParameterValue(expected: unknown, actual: unknown, message: string): RestError {
  return new RestError(
    Codes.parameterInvalid,
    `${message}: invalid parameter[expected=${String(expected)}][actual=${String(actual)}]`,
  );
}

export function isMilvusError(error: unknown): error is MilvusError {
  return error instanceof MilvusError;
}
