import { hexDigest } from '../../../common/hash.js';
import type { HandlerContext } from '../api/context.js';
import { type Decoded, bindCompatBody } from '../api/decode.js';
import { seedKey } from '../api/inference-input.js';
import { type Reply, type StreamReply, ApiError, JSON_CONTENT_TYPE, goJson, inMiddleware } from '../api/replies.js';
import { hasCapability } from '../catalog/catalog.js';
import type { Completion } from '../generation/completion.js';
import { splitPieces } from '../generation/stream-pieces.js';
import { runChat } from '../native/chat.js';
import { withDelay } from '../native/generate.js';
import { toNativeMessages } from './request.js';

/**
 * `POST /v1/messages`: the Anthropic Messages API as Ollama serves it (anthropic/anthropic.go
 * ToMessagesResponse and StreamConverter, middleware/anthropic.go). Ollama's own choices are kept:
 * tool ids are its own (`call_` and 8 characters), thinking blocks carry no signature, a stop sequence ends the
 * turn as `end_turn` with no `stop_sequence`, the stream sends no `ping`, and `count_tokens` is not
 * a route (gin's 404).
 */
const FIELDS = {
  model: ['string', 'string'],
  max_tokens: ['int', 'int'],
  messages: ['array', '[]anthropic.MessageParam'],
  stream: ['bool', 'bool'],
  stop_sequences: ['array', '[]string'],
  temperature: ['number', 'float64'],
  top_p: ['number', 'float64'],
  top_k: ['int', 'int'],
  tools: ['array', '[]anthropic.Tool'],
  thinking: ['object', 'anthropic.ThinkingConfig'],
} as const;

export function anthropicMessages(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = bindCompatBody(decoded, 'anthropic', 'MessagesRequest', FIELDS);
  const { native, thinkingRequested, estimatedInputTokens } = inMiddleware(() => toNativeMessages(body));
  // The middleware sets relax_thinking: a model that cannot think answers without thinking.
  const known = ctx.catalog.resolve(String(native.model));
  if (thinkingRequested && known && !hasCapability(known, 'thinking')) delete native.think;
  const run = runChat({ ok: true, value: native }, ctx, 'anthropic.messages');
  const key = seedKey(native);
  const id = `msg_${hexDigest(24, 'anthropic-msg', key)}`;
  const completion: Completion | undefined = run.outcome.kind === 'completion' ? run.outcome.completion : undefined;
  const promptCount = run.outcome.kind === 'completion' ? run.outcome.promptCount : 0;
  const thinking = completion?.thinking ?? '';
  const text = completion?.content ?? '';
  const calls = completion?.toolCalls ?? [];
  const stopReason = calls.length > 0 ? 'tool_use' : completion?.doneReason === 'length' ? 'max_tokens' : 'end_turn';
  const usage = { input_tokens: promptCount, output_tokens: completion?.evalCount ?? 0 };

  if (!run.stream) {
    const content: unknown[] = [];
    if (thinking !== '') content.push({ type: 'thinking', thinking });
    if (text !== '') content.push({ type: 'text', text });
    for (const c of calls) content.push({ type: 'tool_use', id: c.id, name: c.name, input: c.arguments });
    const reply = {
      id,
      type: 'message',
      role: 'assistant',
      model: run.modelAsSent,
      // A nil slice in Go: null when the model said nothing.
      content: content.length > 0 ? content : null,
      stop_reason: stopReason,
      usage,
    };
    return withDelay({ kind: 'json', status: 200, body: `${goJson(reply)}\n`, headers: { 'content-type': 'application/json' } }, run.delayMs);
  }

  const frames: string[] = [];
  const event = (type: string, data: Record<string, unknown>) => frames.push(`event: ${type}\ndata: ${goJson({ type, ...data })}\n\n`);
  event('message_start', {
    message: { id, type: 'message', role: 'assistant', model: run.modelAsSent, content: [], usage: { input_tokens: estimatedInputTokens, output_tokens: 0 } },
  });
  let index = 0;
  if (thinking !== '') {
    event('content_block_start', { index, content_block: { type: 'thinking', thinking: '' } });
    for (const piece of splitPieces(thinking)) event('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } });
    event('content_block_stop', { index });
    index++;
  }
  if (text !== '') {
    event('content_block_start', { index, content_block: { type: 'text', text: '' } });
    for (const piece of splitPieces(text)) event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    event('content_block_stop', { index });
    index++;
  }
  for (const c of calls) {
    event('content_block_start', { index, content_block: { type: 'tool_use', id: c.id, name: c.name, input: {} } });
    event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: goJson(c.arguments) } });
    event('content_block_stop', { index });
    index++;
  }
  event('message_delta', { delta: { stop_reason: stopReason }, usage });
  event('message_stop', {});
  const stream: StreamReply = {
    kind: 'stream',
    format: 'sse',
    chunks: frames,
    // Ollama just ends a failing stream; an injected fault writes Anthropic's `error` event, which the SDK raises.
    errorFrame: (message) => `event: error\ndata: ${goJson({ type: 'error', error: { type: 'api_error', message } })}\n\n`,
  };
  return withDelay(stream, run.delayMs);
}

/** `{"type":"error","error":{"type","message"},"request_id":"req_..."}`, typed by status (anthropic.NewError). */
export function anthropicError(status: number, message: string, phase: ApiError['phase'] = 'handler'): Reply {
  const body = {
    type: 'error',
    error: { type: ERROR_TYPES[status] ?? (status === 529 ? 'overloaded_error' : 'api_error'), message },
    request_id: `req_${hexDigest(24, 'anthropic-request', status, message)}`,
  };
  // The middleware's own refusals go through gin's AbortWithStatusJSON; the writer's through json.Encoder.
  if (phase === 'middleware') return { kind: 'json', status, body: goJson(body), headers: { 'content-type': JSON_CONTENT_TYPE } };
  return { kind: 'json', status, body: `${goJson(body)}\n`, headers: { 'content-type': 'application/json' } };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  503: 'overloaded_error',
};
