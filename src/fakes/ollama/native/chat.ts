import type { CatalogModel } from '../catalog/catalog.js';
import { type Completion, complete } from '../generation/completion.js';
import { type HandlerContext, metrics } from '../api/context.js';
import type { Decoded } from '../api/decode.js';
import { withDelay } from './generate.js';
import {
  IMAGE_TOKENS,
  checkCompletion,
  checkExtraCapability,
  checkImages,
  checkThink,
  checkTopLogprobs,
  logprobRequest,
  requireObject,
  resolveInferenceModel,
  seedKey,
} from '../api/inference-input.js';
import { type Reply, apiError, goTime, jsonReply, ndjsonStream } from '../api/replies.js';
import { parseFormat, parseGenerationOptions, parseKeepAlive, parseThink } from '../api/request-options.js';
import { splitPieces } from '../generation/stream-pieces.js';
import type { ToolSpec } from '../generation/tool-choice.js';
import { countTokens } from '../generation/words.js';
import { type LogprobRequest, replyLogprobs } from '../generation/logprobs.js';

/** `/api/chat` (and the engine behind `/v1/chat/completions`). */
const FIELDS = {
  model: ['string', 'string'],
  messages: ['array', '[]api.Message'],
  tools: ['array', 'api.Tools'],
  stream: ['bool', 'bool'],
  options: ['object', 'map[string]interface {}'],
  truncate: ['bool', 'bool'],
  shift: ['bool', 'bool'],
  logprobs: ['bool', 'bool'],
  top_logprobs: ['int', 'int'],
} as const;

export interface ChatMessage {
  role: string;
  content: string;
  images?: unknown[];
  tool_calls?: unknown[];
}

export interface ChatRun {
  modelAsSent: string;
  model: CatalogModel;
  stream: boolean;
  createdAt: number;
  outcome: { kind: 'load' | 'unload' } | { kind: 'completion'; completion: Completion; promptCount: number };
  delayMs?: number;
  /** Present when the request asked for logprobs. */
  logprobs?: LogprobRequest;
}

export function runChat(decoded: Decoded | undefined, ctx: HandlerContext, route: string): ChatRun {
  const body = requireObject(decoded, 'ChatRequest', FIELDS);
  // keep_alive, think and messages fail in the JSON bind itself, before any other check.
  const keepAliveMs = parseKeepAlive(body.keep_alive);
  const think = parseThink(body.think);
  const messages = parseMessages(body.messages);
  checkTopLogprobs(body);
  const asSent = typeof body.model === 'string' ? body.model : '';
  const model = resolveInferenceModel(ctx, asSent, 'chat');
  const stream = body.stream !== false;
  const logprobs = logprobRequest(body);
  const base = { modelAsSent: asSent, model, stream, createdAt: ctx.clock.now(), ...(logprobs ? { logprobs } : {}) };
  if (messages.length === 0 && body.keep_alive !== undefined && keepAliveMs === 0) {
    ctx.catalog.touch(model, 0);
    return { ...base, outcome: { kind: 'unload' } };
  }
  const tools = parseTools(body.tools);
  checkThink(model, asSent, think);
  checkCompletion(model, asSent, 'chat');
  if (tools.length > 0) checkExtraCapability(model, 'tools');
  const format = parseFormat(body.format);
  ctx.catalog.touch(model, keepAliveMs);
  if (messages.length === 0) return { ...base, outcome: { kind: 'load' } };
  let images = 0;
  for (const m of messages) images += checkImages(model, m.images);

  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const rule = ctx.rules.take(route, asSent, lastUser);
  if (rule?.error) throw apiError(rule.error.status, rule.error.message);
  const toolResults: string[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role === 'tool'; i--) toolResults.unshift(messages[i]?.content ?? '');
  const completion = complete({
    model,
    seedKey: seedKey(body),
    configSeed: ctx.seed,
    promptText: lastUser,
    systemText: messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n') || model.system,
    format,
    tools,
    lastRole: messages[messages.length - 1]?.role,
    toolResults,
    think,
    options: parseGenerationOptions(body.options),
    rule,
  });
  const system = messages[0]?.role === 'system' || model.system === '' ? 0 : countTokens(model.system) + 4;
  const promptCount =
    messages.reduce((n, m) => n + countTokens(m.content) + 4, 1) +
    system +
    (tools.length > 0 ? countTokens(JSON.stringify(tools)) : 0) +
    images * IMAGE_TOKENS;
  return { ...base, delayMs: rule?.delayMs, outcome: { kind: 'completion', completion, promptCount } };
}

function parseMessages(value: unknown): ChatMessage[] {
  if (value === undefined || value === null) return [];
  const out: ChatMessage[] = [];
  for (const raw of value as unknown[]) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw apiError(400, `json: cannot unmarshal ${Array.isArray(raw) ? 'array' : typeof raw} into Go value of type api.Message`);
    }
    const m = raw as Record<string, unknown>;
    for (const key of ['role', 'content', 'thinking', 'tool_name', 'tool_call_id'] as const) {
      if (m[key] !== undefined && m[key] !== null && typeof m[key] !== 'string') {
        throw apiError(400, `json: cannot unmarshal ${typeof m[key]} into Go struct field Message.messages.${key} of type string`);
      }
    }
    out.push({
      role: typeof m.role === 'string' ? m.role.toLowerCase() : '',
      content: typeof m.content === 'string' ? m.content : '',
      images: Array.isArray(m.images) ? m.images : undefined,
      tool_calls: Array.isArray(m.tool_calls) ? m.tool_calls : undefined,
    });
  }
  return out;
}

function parseTools(value: unknown): ToolSpec[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (t): t is ToolSpec =>
      typeof t === 'object' && t !== null && typeof (t as ToolSpec).function === 'object' && typeof (t as ToolSpec).function?.name === 'string',
  );
}

/** Writes a chat run in Ollama's own format. */
export function chatReply(run: ChatRun, ctx: HandlerContext): Reply {
  const head = { model: run.modelAsSent, created_at: goTime(run.createdAt) };
  if (run.outcome.kind !== 'completion') {
    return jsonReply(200, { ...head, message: { role: 'assistant', content: '' }, done_reason: run.outcome.kind, done: true });
  }
  const { completion, promptCount } = run.outcome;
  const calls = completion.toolCalls.map((c, index) => ({
    id: c.id,
    function: { index, name: c.name, arguments: c.arguments },
  }));
  const m = metrics(ctx.timing, promptCount, completion.evalCount);
  const lp = run.logprobs ? replyLogprobs(completion, run.logprobs) : undefined;
  if (!run.stream) {
    // Written out field by field in Go's order: this is the hot path of non-streaming chat.
    const message: Record<string, unknown> = { role: 'assistant', content: completion.content };
    if (completion.thinking) message.thinking = completion.thinking;
    if (calls.length > 0) message.tool_calls = calls;
    const reply = {
      model: head.model,
      created_at: head.created_at,
      message,
      done_reason: completion.doneReason,
      done: true,
      ...(lp && lp.thinking.length + lp.content.length > 0 ? { logprobs: [...lp.thinking, ...lp.content] } : {}),
      total_duration: m.total_duration,
      load_duration: m.load_duration,
      prompt_eval_count: m.prompt_eval_count,
      prompt_eval_duration: m.prompt_eval_duration,
      eval_count: m.eval_count,
      eval_duration: m.eval_duration,
    };
    return withDelay(jsonReply(200, reply), run.delayMs);
  }
  const tail = { done_reason: completion.doneReason, done: true, ...m };
  const chunks: unknown[] = [];
  // Each chunk carries the logprob of the token it streams (routes.go ChatHandler).
  splitPieces(completion.thinking).forEach((piece, i) => {
    chunks.push({ ...head, message: { role: 'assistant', content: '', thinking: piece }, done: false, ...(lp ? { logprobs: [lp.thinking[i]] } : {}) });
  });
  splitPieces(completion.content).forEach((piece, i) => {
    chunks.push({ ...head, message: { role: 'assistant', content: piece }, done: false, ...(lp ? { logprobs: [lp.content[i]] } : {}) });
  });
  if (calls.length > 0) chunks.push({ ...head, message: { role: 'assistant', content: '', tool_calls: calls }, done: false });
  chunks.push({ ...head, message: { role: 'assistant', content: '' }, ...tail });
  return withDelay(ndjsonStream(chunks), run.delayMs);
}
