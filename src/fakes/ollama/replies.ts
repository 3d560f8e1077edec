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

/** An error in Ollama's own format: `{"error": "..."}` with a JSON content type. */
export function ollamaError(status: number, message: string): Reply {
  return { kind: 'json', status, body: JSON.stringify({ error: message }) };
}

export function jsonReply(status: number, value: unknown): Reply {
  return { kind: 'json', status, body: JSON.stringify(value) };
}

export function ndjsonStream(values: readonly unknown[]): StreamReply {
  return {
    kind: 'stream',
    format: 'ndjson',
    chunks: values.map((v) => `${JSON.stringify(v)}\n`),
    errorFrame: (message) => `${JSON.stringify({ error: message })}\n`,
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
  ) {
    super(message);
  }
}

export function apiError(status: number, message: string): ApiError {
  return new ApiError(status, message);
}
