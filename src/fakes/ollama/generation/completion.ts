import { SeededRandom, hashParts } from '../../../common/hash.js';
import type { CatalogModel } from '../catalog/catalog.js';
import { answerProse, asksForLength, longProse, retrievalAnswer, thinkingProse, topicOf } from './prose.js';

/** A long answer's length without num_predict, and the most it ever runs to. */
const DEFAULT_LONG_TOKENS = 800;
const MAX_LONG_TOKENS = 4096;
/** num_predict from which an answer fills the room it is given. */
const LONG_ANSWER_MIN_PREDICT = 256;
import { type GenerationOptions, type OutputFormat, type ThinkSetting, thinkingSentences } from './options.js';
import type { RuleReply } from './rules.js';
import { requestedShape } from './json-instructions.js';
import { hintsFrom, valueForSchema } from './schema-values.js';
import { type ToolSpec, chooseToolCalls, toolCallId } from './tool-choice.js';
import { countTokens, tokenize } from './words.js';

/**
 * What a model "says" for a request: reasoning, text, tool calls, and how generation ended. A pure
 * function of the request (minus transport-only fields such as `stream` and `keep_alive`), the model,
 * `options.seed` and the configured seed, so streaming and non-streaming give the same text.
 */
export interface CompletionInput {
  model: CatalogModel;
  /** Hash of the request fields that influence the answer (see seedKey). */
  seedKey: number;
  configSeed: number;
  /** The text rules and topic extraction look at: the prompt, or the last user message. */
  promptText: string;
  /** The system prompt (instructions: a tool to use, a JSON shape to follow). */
  systemText?: string;
  format: OutputFormat;
  tools: readonly ToolSpec[];
  /** Role of the last chat message; `tool` means "answer from the tool result". */
  lastRole?: string;
  /** Contents of the trailing tool messages, when the last message is a tool result. */
  toolResults: readonly string[];
  think: ThinkSetting;
  options: GenerationOptions;
  rule?: RuleReply;
}

export interface ToolCallOut {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface Completion {
  thinking: string;
  content: string;
  toolCalls: ToolCallOut[];
  doneReason: 'stop' | 'length';
  /** Tokens generated (thinking + content + tool calls), as `eval_count`. */
  evalCount: number;
  /** What the reply's logprobs are derived from (the same inputs as the text). */
  salt: number;
}

export function complete(input: CompletionInput): Completion {
  const salt = hashParts('completion', input.model.key, input.seedKey, input.configSeed, input.options.seed);
  const rng = new SeededRandom(salt);
  const topic = topicOf(input.promptText);
  const thinks = input.think === undefined ? input.model.capabilities.includes('thinking') : input.think !== false;
  let thinking = input.rule?.thinking ?? (thinks ? thinkingProse(rng, topic, thinkingSentences(input.think)) : '');
  let content = '';
  let toolCalls: ToolCallOut[] = [];

  if (input.rule && (input.rule.text !== undefined || input.rule.toolCalls !== undefined)) {
    content = input.rule.text ?? '';
    toolCalls = (input.rule.toolCalls ?? []).map((c) => ({ id: toolCallId(rng), name: c.name, arguments: c.arguments ?? {} }));
  } else if (input.tools.length > 0 && input.lastRole === 'user') {
    const calls = chooseToolCalls(input.tools, input.promptText, rng, input.systemText ?? '');
    if (calls.length > 0) toolCalls = calls.map((call) => ({ id: toolCallId(rng), ...call }));
    else content = body(input, rng, topic);
  } else if (input.lastRole === 'tool' && input.toolResults.length > 0) {
    content = `Based on the tool result, ${summarise(input.toolResults.join('; '))}`;
  } else {
    content = body(input, rng, topic);
  }

  let doneReason: Completion['doneReason'] = 'stop';
  const stopAt = firstStop(content, input.options.stop);
  if (stopAt >= 0) content = content.slice(0, stopAt);

  const limit = input.options.numPredict;
  const thinkingTokens = tokenize(thinking);
  const contentTokens = tokenize(content);
  const callTokens = toolCalls.reduce((n, c) => n + countTokens(JSON.stringify(c.arguments)) + 2, 0);
  let evalCount = thinkingTokens.length + contentTokens.length + callTokens;
  if (limit !== undefined && limit >= 0 && evalCount > limit) {
    const keepThinking = Math.min(limit, thinkingTokens.length);
    thinking = thinkingTokens.slice(0, keepThinking).join('');
    content = contentTokens.slice(0, limit - keepThinking).join('');
    toolCalls = [];
    evalCount = limit;
    doneReason = 'length';
  }
  return { thinking, content, toolCalls, doneReason, evalCount, salt };
}

function body(input: CompletionInput, rng: SeededRandom, topic: string): string {
  switch (input.format.kind) {
    case 'json': {
      // JSON mode follows the shape the instructions ask for (a schema, an example, a list of keys).
      const shape = requestedShape(`${input.systemText ?? ''}\n${input.promptText}`);
      if (shape) return JSON.stringify(valueForSchema(shape, rng, hintsFrom(input.promptText)));
      return JSON.stringify({ answer: answerProse(rng, topic).split('. ')[0]?.replace(/\.$/, '') + '.', topic });
    }
    case 'schema':
      return JSON.stringify(valueForSchema(input.format.schema, rng, hintsFrom(input.promptText)));
    case 'text': {
      const fromContext = retrievalAnswer(input.promptText, input.systemText ?? '');
      if (fromContext !== undefined) return fromContext;
      // Long-form wording, or room for a long answer (num_predict >= 256): about that many tokens
      // (at most 4096), cut at num_predict like any answer.
      const limit = input.options.numPredict;
      const roomy = limit !== undefined && limit >= LONG_ANSWER_MIN_PREDICT;
      if (!asksForLength(input.promptText) && !roomy) return answerProse(rng, topic);
      const target = Math.min(roomy ? (limit as number) : DEFAULT_LONG_TOKENS, MAX_LONG_TOKENS);
      return longProse(rng, topic, target, countTokens);
    }
  }
}

function summarise(result: string): string {
  const compact = result.replace(/\s+/g, ' ').trim();
  const text = compact.length > 240 ? `${compact.slice(0, 240)}...` : compact;
  return text.endsWith('.') ? text : `${text}.`;
}

function firstStop(text: string, stops: readonly string[]): number {
  let at = -1;
  for (const stop of stops) {
    const i = text.indexOf(stop);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}

/** Deterministic token ids for `context`: prompt and reply pieces hashed into a 128k vocabulary. */
export function contextIds(promptText: string, promptCount: number, replyText: string, evalCount: number): number[] {
  const ids: number[] = [];
  const push = (pieces: string[], count: number, salt: string) => {
    for (let i = 0; i < count; i++) {
      const piece = pieces[i];
      ids.push(piece === undefined ? 128000 + (hashParts(salt, i) % 256) : hashParts('tok', piece) % 128000);
    }
  };
  push(tokenize(promptText), promptCount, 'prompt-special');
  push(tokenize(replyText), evalCount, 'reply-special');
  return ids;
}
