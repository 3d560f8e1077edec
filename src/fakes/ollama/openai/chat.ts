import { type ChatRun, runChat } from '../native/chat.js';
import type { HandlerContext } from '../api/context.js';
import type { Decoded } from '../api/decode.js';
import { withDelay } from '../native/generate.js';
import { seedKey } from '../api/inference-input.js';
import {
  completionId,
  inMiddleware,
  includeUsage,
  openaiJson,
  requireOpenAIBody,
  samplingOptions,
  sseStream,
  usage,
} from './format.js';
import { type Reply, apiError, goJson } from '../api/replies.js';
import { toNativeMessages } from './messages.js';
import { splitPieces } from '../generation/stream-pieces.js';
import { type Logprob, replyLogprobs } from '../generation/logprobs.js';

/** `POST /v1/chat/completions`: translated to a native chat request, answered in OpenAI's shapes. */
export function openaiChat(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireOpenAIBody(decoded, 'ChatCompletionRequest', {
    model: ['string', 'string'],
    messages: ['array', '[]openai.Message'],
    stream: ['bool', 'bool'],
    tools: ['array', '[]api.Tool'],
    logprobs: ['bool', 'bool'],
    top_logprobs: ['int', 'int'],
  });
  const native = inMiddleware(() => toNativeChat(body));
  const run = runChat({ ok: true, value: native }, ctx, 'openai.chat');
  const id = completionId('chatcmpl', seedKey(native));
  const created = Math.floor(run.createdAt / 1000);
  const head = { id, object: 'chat.completion', created, model: run.modelAsSent, system_fingerprint: 'fp_ollama' };
  const done = finish(run);
  const lp = run.logprobs && run.outcome.kind === 'completion' ? replyLogprobs(run.outcome.completion, run.logprobs) : undefined;
  if (!run.stream) {
    const all = lp ? [...lp.thinking, ...lp.content] : [];
    return withDelay(
      openaiJson(200, {
        ...head,
        choices: [{ index: 0, message: done.message, finish_reason: done.finishReason, ...(all.length > 0 ? { logprobs: { content: all } } : {}) }],
        usage: usage(done.promptTokens, done.completionTokens),
      }),
      run.delayMs,
    );
  }
  const chunkHead = { ...head, object: 'chat.completion.chunk' };
  const choice = (delta: unknown, finishReason: string | null, logprob?: Logprob) => ({
    ...chunkHead,
    choices: [{ index: 0, delta, finish_reason: finishReason, ...(logprob ? { logprobs: { content: [logprob] } } : {}) }],
  });
  const payloads: unknown[] = [];
  splitPieces(done.reasoning).forEach((piece, i) => payloads.push(choice({ role: 'assistant', content: '', reasoning: piece }, null, lp?.thinking[i])));
  splitPieces(done.content).forEach((piece, i) => payloads.push(choice({ role: 'assistant', content: piece }, null, lp?.content[i])));
  if (done.toolCalls.length > 0) payloads.push(choice({ role: 'assistant', content: '', tool_calls: done.toolCalls }, null));
  payloads.push(choice({}, done.finishReason));
  if (includeUsage(body)) payloads.push({ ...chunkHead, choices: [], usage: usage(done.promptTokens, done.completionTokens) });
  return withDelay(sseStream(payloads), run.delayMs);
}

function finish(run: ChatRun) {
  if (run.outcome.kind !== 'completion') {
    return { message: { role: 'assistant', content: '' }, reasoning: '', content: '', toolCalls: [], finishReason: 'stop', promptTokens: 0, completionTokens: 0 };
  }
  const { completion, promptCount } = run.outcome;
  const toolCalls = completion.toolCalls.map((c, index) => ({
    id: c.id,
    index,
    type: 'function',
    function: { name: c.name, arguments: goJson(c.arguments) },
  }));
  const finishReason = toolCalls.length > 0 ? 'tool_calls' : completion.doneReason;
  return {
    message: {
      role: 'assistant',
      content: completion.content,
      ...(completion.thinking ? { reasoning: completion.thinking } : {}),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    },
    reasoning: completion.thinking,
    content: completion.content,
    toolCalls,
    finishReason,
    promptTokens: promptCount,
    completionTokens: completion.evalCount,
  };
}

const EFFORT_TO_THINK: Record<string, boolean | string> = {
  none: false,
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'max',
  ultra: 'max',
  max: 'max',
};

function toNativeChat(body: Record<string, unknown>): Record<string, unknown> {
  const messages = body.messages;
  if (!Array.isArray(messages)) throw apiError(400, "[] is too short - 'messages'");
  if (messages.length === 0) throw apiError(400, "[] is too short - 'messages'");
  const native = toNativeMessages(messages);
  const out: Record<string, unknown> = {
    model: body.model,
    messages: native,
    stream: body.stream === true,
    options: samplingOptions(body),
  };
  if (body.logprobs === true) out.logprobs = true;
  if (typeof body.top_logprobs === 'number') out.top_logprobs = body.top_logprobs;
  if (Array.isArray(body.tools) && body.tools.length > 0) out.tools = body.tools;
  const format = responseFormat(body.response_format);
  if (format !== undefined) out.format = format;
  const effort = typeof body.reasoning_effort === 'string' ? body.reasoning_effort : reasoningEffort(body.reasoning);
  if (effort !== undefined) out.think = thinkForEffort(effort);
  return out;
}

/** A reasoning effort as a native `think` value (openai.go thinkFromReasoningEffort: clamped levels). */
export function thinkForEffort(effort: string): boolean | string {
  const think = EFFORT_TO_THINK[effort];
  if (think === undefined || !Object.hasOwn(EFFORT_TO_THINK, effort)) {
    throw apiError(400, `invalid reasoning value: '${effort}' (must be "none", "minimal", "low", "medium", "high", "xhigh", "ultra" or "max")`);
  }
  return think;
}

function reasoningEffort(reasoning: unknown): string | undefined {
  if (typeof reasoning !== 'object' || reasoning === null) return undefined;
  const effort = (reasoning as { effort?: unknown }).effort;
  return typeof effort === 'string' ? effort : undefined;
}

function responseFormat(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const format = value as { type?: unknown; json_schema?: { schema?: unknown } };
  if (format.type === 'json_object') return 'json';
  if (format.type === 'json_schema') return format.json_schema?.schema ?? 'json';
  return undefined;
}
