/**
 * What a handler answers, before any transport writes it. Stream chunks are fully framed strings
 * (an NDJSON line with its `\n`, or an SSE `data: ...\n\n` frame) so transports only copy bytes and
 * faults can cut a stream at any chunk.
 */
export type Reply = (
  | { kind: 'json'; status: number; body: string | Uint8Array; headers?: Readonly<Record<string, string>> }
  | { kind: 'text'; status: number; body: string; contentType?: string }
  | { kind: 'empty'; status: number; headers?: Readonly<Record<string, string>> }
  | StreamReply
) & {
  /** Wait this long before the response headers (a scripted rule's delay). */
  delayMs?: number;
};

export interface StreamReply {
  kind: 'stream';
  format: 'ndjson' | 'sse';
  chunks: readonly string[];
  /** The frame a mid-stream error is written as, in the route's own error format. */
  errorFrame(message: string): string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON text as Go's encoding/json writes it: like JSON.stringify, but <, >, & and the line and
 * paragraph separators are escaped (HTML-safe by default in json.Marshal and json.Encoder). Those
 * characters can only occur inside strings, so replacing them everywhere is safe.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] as string);
}

/**
 * A time as Go's time.Time marshals to JSON (RFC3339Nano): fractional seconds without trailing
 * zeros, and none at all on a whole second (`2026-01-01T00:00:00Z`, `...:05.12Z`).
 */
export function goTime(ms: number): string {
  // Requests arriving in the same millisecond share the text (and a fixed clock always does).
  if (ms === lastTime.ms) return lastTime.text;
  const text = new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
  lastTime.ms = ms;
  lastTime.text = text;
  return text;
}

const lastTime = { ms: Number.NaN, text: '' };

/** An error in Ollama's own format: `{"error": "..."}` with a JSON content type. */
export function ollamaError(status: number, message: string): Reply {
  return { kind: 'json', status, body: goJson({ error: message }) };
}

export function jsonReply(status: number, value: unknown): Reply {
  return { kind: 'json', status, body: goJson(value) };
}

export function ndjsonStream(values: readonly unknown[]): StreamReply {
  return {
    kind: 'stream',
    format: 'ndjson',
    chunks: values.map((v) => `${goJson(v)}\n`),
    errorFrame: (message) => `${goJson({ error: message })}\n`,
  };
}

/**
 * Thrown inside handlers for a protocol error; the route's error formatter (Ollama or OpenAI) turns
 * it into a reply. Anything else thrown is a bug and becomes a logged 500.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    /** OpenAI layer only: rejected by the translating middleware, before Ollama's own handler ran. */
    readonly phase: 'middleware' | 'handler' = 'handler',
  ) {
    super(message);
  }
}

export function apiError(status: number, message: string, phase: ApiError['phase'] = 'handler'): ApiError {
  return new ApiError(status, message, phase);
}

/** Runs a compatibility layer's request translation; protocol errors it throws are the middleware's own. */
export function inMiddleware<T>(translate: () => T): T {
  try {
    return translate();
  } catch (error) {
    if (error instanceof ApiError && error.phase === 'handler') throw new ApiError(error.status, error.message, 'middleware');
    throw error;
  }
}
