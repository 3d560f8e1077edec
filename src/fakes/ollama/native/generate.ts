import type { CatalogModel } from '../catalog/catalog.js';
import { type Completion, complete, contextIds } from '../generation/completion.js';
import { type HandlerContext, metrics } from '../api/context.js';
import type { Decoded } from '../api/decode.js';
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
import { countTokens } from '../generation/words.js';
import { type LogprobRequest, replyLogprobs } from '../generation/logprobs.js';

/** `/api/generate` (and the engine behind `/v1/completions`). */
const FIELDS = {
  model: ['string', 'string'],
  prompt: ['string', 'string'],
  suffix: ['string', 'string'],
  system: ['string', 'string'],
  template: ['string', 'string'],
  context: ['array', '[]int'],
  stream: ['bool', 'bool'],
  raw: ['bool', 'bool'],
  images: ['array', '[]api.ImageData'],
  options: ['object', 'map[string]interface {}'],
  truncate: ['bool', 'bool'],
  shift: ['bool', 'bool'],
  logprobs: ['bool', 'bool'],
  top_logprobs: ['int', 'int'],
} as const;

export interface GenerateRun {
  modelAsSent: string;
  model: CatalogModel;
  stream: boolean;
  raw: boolean;
  createdAt: number;
  /** `load`/`unload` for an empty prompt; otherwise a completion. */
  outcome: { kind: 'load' | 'unload' } | { kind: 'completion'; completion: Completion; promptCount: number; promptText: string };
  delayMs?: number;
  /** Present when the request asked for logprobs. */
  logprobs?: LogprobRequest;
}

export function runGenerate(decoded: Decoded | undefined, ctx: HandlerContext, route: string): GenerateRun {
  const body = requireObject(decoded, 'GenerateRequest', FIELDS);
  // keep_alive and think have their own UnmarshalJSON: a bad value fails the bind, before any other check.
  const keepAliveMs = parseKeepAlive(body.keep_alive);
  const think = parseThink(body.think);
  checkTopLogprobs(body);
  const asSent = typeof body.model === 'string' ? body.model : '';
  const model = resolveInferenceModel(ctx, asSent, 'generate');
  const stream = body.stream !== false;
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  const logprobs = logprobRequest(body);
  const base = { modelAsSent: asSent, model, stream, raw: body.raw === true, createdAt: ctx.clock.now(), ...(logprobs ? { logprobs } : {}) };
  if (prompt === '' && body.keep_alive !== undefined && keepAliveMs === 0) {
    ctx.catalog.touch(model, 0);
    return { ...base, outcome: { kind: 'unload' } };
  }
  if (body.raw === true && (nonEmpty(body.template) || nonEmpty(body.system) || Array.isArray(body.context))) {
    throw apiError(400, 'raw mode does not support template, system, or context');
  }
  checkThink(model, asSent, think);
  checkCompletion(model, asSent, 'generate');
  if (nonEmpty(body.suffix)) checkExtraCapability(model, 'insert');
  const format = parseFormat(body.format);
  ctx.catalog.touch(model, keepAliveMs);
  if (prompt === '') return { ...base, outcome: { kind: 'load' } };
  const images = checkImages(model, body.images);

  const rule = ctx.rules.take(route, asSent, prompt);
  if (rule?.error) throw apiError(rule.error.status, rule.error.message);
  const system = typeof body.system === 'string' && body.system !== '' ? body.system : model.system;
  const promptText = `${system}${system ? '\n' : ''}${prompt}${typeof body.suffix === 'string' ? body.suffix : ''}`;
  const completion = complete({
    model,
    seedKey: seedKey(body),
    configSeed: ctx.seed,
    promptText: prompt,
    systemText: system,
    format,
    tools: [],
    toolResults: [],
    lastRole: 'user',
    think,
    options: parseGenerationOptions(body.options),
    rule,
  });
  const promptCount = countTokens(promptText) + (system ? 4 : 0) + 5 + images * IMAGE_TOKENS;
  return { ...base, delayMs: rule?.delayMs, outcome: { kind: 'completion', completion, promptCount, promptText } };
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

/** Writes a generate run in Ollama's own format: NDJSON chunks or one JSON object. */
export function generateReply(run: GenerateRun, ctx: HandlerContext): Reply {
  const created_at = goTime(run.createdAt);
  const head = { model: run.modelAsSent, created_at };
  if (run.outcome.kind !== 'completion') {
    return jsonReply(200, { ...head, response: '', done: true, done_reason: run.outcome.kind });
  }
  const { completion, promptCount, promptText } = run.outcome;
  const lp = run.logprobs ? replyLogprobs(completion, run.logprobs) : undefined;
  const final = {
    ...head,
    response: '',
    done: true,
    done_reason: completion.doneReason,
    ...(run.raw ? {} : { context: contextIds(promptText, promptCount, completion.thinking + completion.content, completion.evalCount) }),
    ...metrics(ctx.timing, promptCount, completion.evalCount),
  };
  if (!run.stream) {
    const { response: _r, ...rest } = final;
    return withDelay(
      jsonReply(200, {
        model: rest.model,
        created_at,
        response: completion.content,
        ...(completion.thinking ? { thinking: completion.thinking } : {}),
        ...withoutHead(rest),
        ...(lp && lp.thinking.length + lp.content.length > 0 ? { logprobs: [...lp.thinking, ...lp.content] } : {}),
      }),
      run.delayMs,
    );
  }
  const chunks: unknown[] = [];
  splitPieces(completion.thinking).forEach((piece, i) => {
    chunks.push({ ...head, response: '', thinking: piece, done: false, ...(lp ? { logprobs: [lp.thinking[i]] } : {}) });
  });
  splitPieces(completion.content).forEach((piece, i) => {
    chunks.push({ ...head, response: piece, done: false, ...(lp ? { logprobs: [lp.content[i]] } : {}) });
  });
  chunks.push(final);
  return withDelay(ndjsonStream(chunks), run.delayMs);
}

function withoutHead<T extends { model: string; created_at: string }>(value: T): Omit<T, 'model' | 'created_at'> {
  const { model: _m, created_at: _c, ...rest } = value;
  return rest;
}

export function withDelay(reply: Reply, delayMs: number | undefined): Reply {
  return delayMs ? { ...reply, delayMs } : reply;
}

