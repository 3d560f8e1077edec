import { hashParts } from '../../../common/hash.js';
import type { HandlerContext } from '../api/context.js';
import type { Decoded } from '../api/decode.js';
import { seedKey } from '../api/inference-input.js';
import { type Reply, type StreamReply, goJson } from '../api/replies.js';
import type { Completion } from '../generation/completion.js';
import { splitPieces } from '../generation/stream-pieces.js';
import { runChat } from '../native/chat.js';
import { withDelay } from '../native/generate.js';
import { inMiddleware, openaiJson, requireOpenAIBody } from './format.js';
import { reasoningField, toNativeResponses } from './responses-request.js';

/**
 * `POST /v1/responses`, stateless, as Ollama serves it (openai/responses.go ToResponse and
 * ResponsesStreamConverter, middleware/openai.go ResponsesWriter). Ollama's quirks are kept because
 * a client sees them: `status` is "completed" even when `max_output_tokens` cut the reply, `store` is
 * false, `metadata` is `{}`, the server sends no `output_text` (the SDK computes it), every
 * `logprobs` is `[]`, a tool call replaces the message item, and the stream has no `[DONE]`.
 */
export function openaiResponses(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireOpenAIBody(decoded, 'ResponsesRequest', {
    model: ['string', 'string'],
    instructions: ['string', 'string'],
    stream: ['bool', 'bool'],
    max_output_tokens: ['int', 'int'],
    temperature: ['number', 'float64'],
    top_p: ['number', 'float64'],
    tools: ['array', '[]openai.ResponsesTool'],
    include: ['array', '[]string'],
    truncation: ['string', 'string'],
    background: ['bool', 'bool'],
    reasoning: ['object', 'openai.ResponsesReasoning'],
    text: ['object', 'openai.ResponsesText'],
  });
  const { native, tools } = inMiddleware(() => toNativeResponses(body));
  const run = runChat({ ok: true, value: native }, ctx, 'openai.responses');
  const key = seedKey(native);
  const id = `resp_${hashParts('responses-id', key) % 999_999}`;
  const created = Math.floor(run.createdAt / 1000);
  const completion: Completion | undefined = run.outcome.kind === 'completion' ? run.outcome.completion : undefined;
  const promptCount = run.outcome.kind === 'completion' ? run.outcome.promptCount : 0;
  const envelope = (status: 'in_progress' | 'completed', output: unknown, usage: unknown, stream: boolean) => ({
    id,
    object: 'response',
    created_at: created,
    completed_at: status === 'completed' ? created : null,
    status,
    incomplete_details: null,
    model: run.modelAsSent,
    previous_response_id: null,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    output,
    error: null,
    tools,
    tool_choice: 'auto',
    truncation: typeof body.truncation === 'string' ? body.truncation : 'disabled',
    parallel_tool_calls: true,
    text: { format: textFormatEcho(body.text) },
    top_p: typeof body.top_p === 'number' ? body.top_p : 1.0,
    presence_penalty: 0,
    frequency_penalty: 0,
    top_logprobs: 0,
    temperature: typeof body.temperature === 'number' ? body.temperature : 1.0,
    reasoning: reasoningEcho(body.reasoning, stream),
    usage,
    max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    max_tool_calls: null,
    store: false,
    background: body.background === true,
    service_tier: 'default',
    metadata: {},
    safety_identifier: null,
    prompt_cache_key: null,
  });
  const usage = {
    input_tokens: promptCount,
    output_tokens: completion?.evalCount ?? 0,
    total_tokens: promptCount + (completion?.evalCount ?? 0),
    input_tokens_details: { cached_tokens: 0 },
    output_tokens_details: { reasoning_tokens: 0 },
  };
  const thinking = completion?.thinking ?? '';
  const content = completion?.content ?? '';
  const calls = completion?.toolCalls ?? [];
  const messageId = `msg_${hashParts('responses-msg', key) % 999_999}`;

  if (!run.stream) {
    const output: unknown[] = [];
    if (thinking !== '') output.push(reasoningItem(`rs_${id}`, thinking));
    calls.forEach((c, i) => output.push(callItem(`fc_${id}_${i}`, c, 'completed')));
    if (calls.length === 0) output.push(messageItem(messageId, content, 'completed'));
    return withDelay(openaiJson(200, envelope('completed', output, usage, false)), run.delayMs);
  }

  const events = new EventLog();
  const inProgress = envelope('in_progress', [], null, true);
  events.add('response.created', { response: inProgress });
  events.add('response.in_progress', { response: inProgress });
  const output: unknown[] = [];
  let index = 0;
  if (thinking !== '') {
    const itemId = `rs_${hashParts('responses-rs', key) % 999_999}`;
    events.add('response.output_item.added', { output_index: index, item: { id: itemId, type: 'reasoning', summary: [] } });
    for (const delta of splitPieces(thinking)) {
      events.add('response.reasoning_summary_text.delta', { item_id: itemId, output_index: index, summary_index: 0, delta });
    }
    events.add('response.reasoning_summary_text.done', { item_id: itemId, output_index: index, summary_index: 0, text: thinking });
    const item = reasoningItem(itemId, thinking);
    events.add('response.output_item.done', { output_index: index, item });
    output.push(item);
    index++;
  }
  if (calls.length > 0) {
    const base = hashParts('responses-fc', key) % 999_999;
    calls.forEach((call, i) => {
      const item = callItem(`fc_${base}_${i}`, call, 'in_progress');
      events.add('response.output_item.added', { output_index: index, item: { ...item, arguments: '' } });
      events.add('response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta: item.arguments });
      events.add('response.function_call_arguments.done', { item_id: item.id, output_index: index, arguments: item.arguments });
      const done = { ...item, status: 'completed' };
      events.add('response.output_item.done', { output_index: index, item: done });
      output.push(done);
      index++;
    });
  } else if (content !== '') {
    events.add('response.output_item.added', {
      output_index: index,
      item: { id: messageId, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    });
    const part = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });
    events.add('response.content_part.added', { item_id: messageId, output_index: index, content_index: 0, part: part('') });
    for (const delta of splitPieces(content)) {
      events.add('response.output_text.delta', { item_id: messageId, output_index: index, content_index: 0, delta, logprobs: [] });
    }
    events.add('response.output_text.done', { item_id: messageId, output_index: index, content_index: 0, text: content, logprobs: [] });
    events.add('response.content_part.done', { item_id: messageId, output_index: index, content_index: 0, part: part(content) });
    const item = messageItem(messageId, content, 'completed');
    events.add('response.output_item.done', { output_index: index, item });
    output.push(item);
  }
  // Nothing produced: Ollama's output is a nil slice, which Go writes as null.
  events.add('response.completed', { response: envelope('completed', output.length > 0 ? output : null, usage, true) });
  return withDelay(events.reply(), run.delayMs);
}

/** `event: <type>\ndata: <json>\n\n` frames, numbered from 0; no `[DONE]` after the last one. */
class EventLog {
  readonly #frames: string[] = [];

  add(type: string, fields: Record<string, unknown>): void {
    const data = { type, sequence_number: this.#frames.length, ...fields };
    this.#frames.push(`event: ${type}\ndata: ${goJson(data)}\n\n`);
  }

  reply(): StreamReply {
    const next = this.#frames.length;
    return {
      kind: 'stream',
      format: 'sse',
      chunks: this.#frames,
      // Ollama ends a failing stream without an event; an injected fault writes the Responses API's
      // own `error` event, which the OpenAI SDK raises, so a test can exercise its error path.
      errorFrame: (message) => `event: error\ndata: ${goJson({ type: 'error', sequence_number: next, code: 'api_error', message, param: null })}\n\n`,
    };
  }
}

function reasoningItem(id: string, text: string) {
  return { id, type: 'reasoning', summary: [{ type: 'summary_text', text }], encrypted_content: text };
}

function callItem(id: string, call: Completion['toolCalls'][number], status: string) {
  return { id, type: 'function_call', status, call_id: call.id, name: call.name, arguments: goJson(call.arguments) };
}

function messageItem(id: string, text: string, status: string) {
  return { id, type: 'message', status, role: 'assistant', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
}

function textFormatEcho(text: unknown): unknown {
  const format = typeof text === 'object' && text !== null ? (text as { format?: unknown }).format : undefined;
  return typeof format === 'object' && format !== null ? format : { type: 'text' };
}

/** null unless effort or summary was sent; the stream writes both keys, the JSON answer only those given. */
function reasoningEcho(reasoning: unknown, stream: boolean): unknown {
  const effort = reasoningField(reasoning, 'effort');
  const summary = reasoningField(reasoning, 'summary');
  if (effort === undefined && summary === undefined) return null;
  if (stream) return { effort: effort ?? null, summary: summary ?? null };
  return { ...(effort !== undefined ? { effort } : {}), ...(summary !== undefined ? { summary } : {}) };
}
