import { hashParts } from '../../../common/hash.js';
import { type Decoded, type FieldKind, bindCompatBody } from '../api/decode.js';
import { type Reply, type StreamReply, ApiError, JSON_CONTENT_TYPE, goJson } from '../api/replies.js';

/**
 * Shared pieces of the OpenAI-compatible layer (`/v1/*`): errors, ids, JSON and SSE framing.
 *
 * Ollama's middleware writes its own answers with `json.NewEncoder(w).Encode(...)` after setting a
 * bare `application/json` content type, so they end in a newline; only errors the middleware itself
 * rejects (bad body, empty messages, bad encoding_format) go through gin's `AbortWithStatusJSON`, with
 * `application/json; charset=utf-8` and no newline (middleware/openai.go).
 */
export function openaiJson(status: number, value: unknown): Reply {
  return { kind: 'json', status, body: `${goJson(value)}\n`, headers: { 'content-type': 'application/json' } };
}

/** `{"error":{"message","type","param":null,"code":null}}`, typed by status as Ollama's openai.NewError does. */
export function openaiError(status: number, message: string, phase: 'middleware' | 'handler' = 'handler'): Reply {
  const type = status === 400 ? 'invalid_request_error' : status === 404 ? 'not_found_error' : 'api_error';
  const value = { error: { message, type, param: null, code: null } };
  return phase === 'handler' ? openaiJson(status, value) : { kind: 'json', status, body: goJson(value), headers: { 'content-type': JSON_CONTENT_TYPE } };
}

export { inMiddleware } from '../api/replies.js';

/**
 * The OpenAI middleware answers a body it cannot bind with Go's text (an empty body is "EOF"), naming
 * its own request struct (`ChatCompletionRequest`, `CompletionRequest`, `EmbedRequest`).
 */
export function requireOpenAIBody(
  decoded: Decoded | undefined,
  struct: string,
  fields: Readonly<Record<string, readonly [FieldKind, string]>> = {},
): Record<string, unknown> {
  return bindCompatBody(decoded, 'openai', struct, fields);
}

/** Ollama draws ids from rand.Intn(999); the fake derives them from the request instead. */
export function completionId(prefix: 'chatcmpl' | 'cmpl', seedKey: number): string {
  return `${prefix}-${hashParts('openai-id', seedKey) % 999}`;
}

export function sseStream(payloads: readonly unknown[]): StreamReply {
  return {
    kind: 'stream',
    format: 'sse',
    chunks: [...payloads.map((p) => `data: ${goJson(p)}\n\n`), 'data: [DONE]\n\n'],
    errorFrame: (message) => `data: ${goJson({ error: { message, type: 'api_error', param: null, code: null } })}\n\n`,
  };
}

export function usage(promptTokens: number, completionTokens: number) {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** `stop` may be a string or a list. */
export function stopList(stop: unknown): string[] | undefined {
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop)) return stop.filter((s): s is string => typeof s === 'string');
  return undefined;
}

export function includeUsage(body: Record<string, unknown>): boolean {
  const options = body.stream_options;
  return typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

/** Sampling options the OpenAI layer forwards (temperature and top_p default to 1.0, not the model's values). */
export function samplingOptions(body: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {
    temperature: typeof body.temperature === 'number' ? body.temperature : 1.0,
    top_p: typeof body.top_p === 'number' ? body.top_p : 1.0,
  };
  if (typeof body.max_tokens === 'number') options.num_predict = body.max_tokens;
  if (typeof body.seed === 'number') options.seed = body.seed;
  if (typeof body.frequency_penalty === 'number') options.frequency_penalty = body.frequency_penalty;
  if (typeof body.presence_penalty === 'number') options.presence_penalty = body.presence_penalty;
  const stop = stopList(body.stop);
  if (stop) options.stop = stop;
  return options;
}
