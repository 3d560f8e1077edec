/**
 * Scripted responses: rules that match a request by model, route and prompt text (a regular
 * expression) and answer with fixed text, tool calls, an error, or a delay. Configured rules come from
 * the config file; runtime rules (`POST /_fake/rules`) are checked first and dropped by a reset.
 */
import { modelNameMatches } from '../catalog/model-name.js';

export interface RuleReply {
  text?: string;
  thinking?: string;
  toolCalls?: { name: string; arguments?: Record<string, unknown> }[];
  /** Answer with this error instead (Ollama `{error}` or the OpenAI error shape, by route). */
  error?: { status: number; message: string };
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface RuleSpec {
  id?: string;
  match?: {
    /** Model name (tag optional). */
    model?: string;
    /** Route: `generate`, `chat`, `openai.chat`, `openai.completions`, `embed`, ... */
    route?: string;
    /** Regular expression tested against the prompt (generate) or the last user message (chat). */
    prompt?: string;
    /** Flags for `prompt`, e.g. `i`. */
    flags?: string;
  };
  reply: RuleReply;
  /** Match this many times, then retire (until reset). Omitted: always. */
  times?: number;
}

export class RuleSpecError extends Error {
  override name = 'RuleSpecError';
}

interface ActiveRule {
  spec: RuleSpec;
  id: string;
  regex?: RegExp;
  hits: number;
}

export class RuleBook {
  readonly #configured: readonly RuleSpec[];
  #runtime: ActiveRule[] = [];
  #fromConfig: ActiveRule[] = [];
  #nextId = 1;

  constructor(configured: readonly RuleSpec[] = []) {
    this.#configured = configured.map(validateRule);
    this.reset();
  }

  reset(): void {
    this.#runtime = [];
    this.#fromConfig = this.#configured.map((spec) => this.#activate(spec));
  }

  add(spec: unknown): RuleSpec & { id: string } {
    const rule = this.#activate(validateRule(spec));
    this.#runtime.push(rule);
    return { ...rule.spec, id: rule.id };
  }

  remove(id: string): boolean {
    const before = this.#runtime.length;
    this.#runtime = this.#runtime.filter((r) => r.id !== id);
    return before !== this.#runtime.length;
  }

  clearRuntime(): void {
    this.#runtime = [];
  }

  list(): (RuleSpec & { id: string; hits: number; source: 'runtime' | 'config' })[] {
    return [
      ...this.#runtime.map((r) => ({ ...r.spec, id: r.id, hits: r.hits, source: 'runtime' as const })),
      ...this.#fromConfig.map((r) => ({ ...r.spec, id: r.id, hits: r.hits, source: 'config' as const })),
    ];
  }

  /** The first rule that matches, counted as used. */
  take(route: string, model: string | undefined, prompt: string): RuleReply | undefined {
    for (const list of [this.#runtime, this.#fromConfig]) {
      const index = list.findIndex((rule) => matches(rule, route, model, prompt));
      if (index < 0) continue;
      const rule = list[index] as ActiveRule;
      rule.hits++;
      if (rule.spec.times !== undefined && rule.hits >= rule.spec.times) list.splice(index, 1);
      return rule.spec.reply;
    }
    return undefined;
  }

  #activate(spec: RuleSpec): ActiveRule {
    const match = spec.match ?? {};
    return {
      spec,
      id: spec.id ?? `rule-${this.#nextId++}`,
      regex: match.prompt === undefined ? undefined : new RegExp(match.prompt, match.flags),
      hits: 0,
    };
  }
}

function matches(rule: ActiveRule, route: string, model: string | undefined, prompt: string): boolean {
  const m = rule.spec.match ?? {};
  if (m.route !== undefined && m.route !== route) return false;
  if (m.model !== undefined && (model === undefined || !modelNameMatches(m.model, model))) return false;
  if (rule.regex) {
    rule.regex.lastIndex = 0;
    if (!rule.regex.test(prompt)) return false;
  }
  return true;
}

/** Validates an untrusted rule description (config file or control plane). */
export function validateRule(input: unknown): RuleSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RuleSpecError('a rule must be an object');
  const rule = input as Record<string, unknown>;
  const reply = rule.reply as Record<string, unknown> | undefined;
  if (typeof reply !== 'object' || reply === null) throw new RuleSpecError('a rule needs a "reply" object');
  const match = (rule.match ?? {}) as Record<string, unknown>;
  if (typeof match !== 'object' || match === null) throw new RuleSpecError('rule "match" must be an object');
  for (const key of ['model', 'route', 'prompt', 'flags'] as const) {
    if (match[key] !== undefined && typeof match[key] !== 'string') throw new RuleSpecError(`rule match.${key} must be a string`);
  }
  if (typeof match.prompt === 'string') {
    try {
      new RegExp(match.prompt, typeof match.flags === 'string' ? match.flags : undefined);
    } catch (error) {
      throw new RuleSpecError(`rule match.prompt is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (reply.text !== undefined && typeof reply.text !== 'string') throw new RuleSpecError('rule reply.text must be a string');
  if (reply.thinking !== undefined && typeof reply.thinking !== 'string') {
    throw new RuleSpecError('rule reply.thinking must be a string');
  }
  if (reply.toolCalls !== undefined) {
    if (!Array.isArray(reply.toolCalls)) throw new RuleSpecError('rule reply.toolCalls must be an array');
    for (const call of reply.toolCalls) {
      if (typeof call !== 'object' || call === null || typeof (call as { name?: unknown }).name !== 'string') {
        throw new RuleSpecError('each rule reply.toolCalls entry needs a "name"');
      }
    }
  }
  if (reply.error !== undefined) {
    const e = reply.error as Record<string, unknown>;
    if (typeof e.status !== 'number' || e.status < 400 || e.status > 599 || typeof e.message !== 'string') {
      throw new RuleSpecError('rule reply.error needs a "status" (400-599) and a "message"');
    }
  }
  if (reply.delayMs !== undefined && (typeof reply.delayMs !== 'number' || reply.delayMs < 0 || reply.delayMs > 600_000)) {
    throw new RuleSpecError('rule reply.delayMs must be a number of milliseconds from 0 to 600000');
  }
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || (rule.times as number) < 1)) {
    throw new RuleSpecError('rule "times" must be a positive integer');
  }
  if (rule.id !== undefined && typeof rule.id !== 'string') throw new RuleSpecError('rule "id" must be a string');
  return input as RuleSpec;
}
