import type { SeededRandom } from '../../../common/hash.js';
import { type ValueHints, hintsFrom, valueForSchema } from './schema-values.js';
import { contentStems, stem } from './words.js';

/** A tool as clients send it (`{type: 'function', function: {name, description, parameters}}`). */
export interface ToolSpec {
  type?: string;
  function: { name: string; description?: string; parameters?: unknown };
}

export interface ChosenToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * Words that mean the same need, by stem: a "total" asks for an add tool, "colder" for a weather tool.
 * A tool whose name or description has a word of a group also answers the group's other words.
 */
const SYNONYMS: readonly string[][] = [
  ['weather', 'temperature', 'forecast', 'rain', 'snow', 'sunny', 'cold', 'colder', 'warm', 'warmer', 'hot', 'hotter', 'humid', 'humidity', 'wind', 'umbrella', 'climate', 'degrees'],
  ['add', 'sum', 'total', 'plus', 'addition', 'altogether'],
  ['subtract', 'minus', 'difference', 'subtraction'],
  ['multiply', 'times', 'product', 'multiplication'],
  ['divide', 'quotient', 'ratio', 'division'],
  ['search', 'find', 'look', 'lookup', 'query', 'web', 'google'],
  ['email', 'send', 'mail', 'message', 'notify'],
  ['schedule', 'meeting', 'calendar', 'appointment', 'remind', 'reminder', 'event'],
  ['flight', 'fly', 'airline', 'ticket', 'plane', 'airport'],
  ['convert', 'conversion', 'exchange', 'currency', 'dollar', 'euro', 'yen'],
  ['time', 'clock', 'timezone', 'hour'],
  ['stock', 'share', 'ticker', 'market'],
  ['translate', 'translation', 'language'],
].map((group) => group.map((w) => stem(w)));

function expand(stems: ReadonlySet<string>): Set<string> {
  const out = new Set(stems);
  for (const group of SYNONYMS) if (group.some((w) => stems.has(w))) for (const w of group) out.add(w);
  return out;
}

/** Tools the system prompt demands: "always use the get_weather tool", "you must call search". */
function demanded(tools: readonly ToolSpec[], systemText: string): ToolSpec[] {
  if (!/\b(?:always|must|should|required to|have to|need to)\b[^.]*\b(?:use|call|invoke)\b/i.test(systemText)) return [];
  const named = tools.filter((t) => new RegExp(`\\b${escapeRegExp(t.function.name)}\\b`, 'i').test(systemText));
  if (named.length > 0) return named;
  // "You must use a tool to answer": the one tool there is.
  return tools.length === 1 && /\btools?\b/i.test(systemText) ? [...tools] : [];
}

const MAX_PARALLEL = 6;

/**
 * The tool calls a model "decides" on for the user's message, as a careful model would:
 * - tools the system prompt demands;
 * - the tools the message needs by name, description or meaning (SYNONYMS), several when each covers
 *   a need the others do not ("temperature and humidity");
 * - the only tool there is, when the message is a request its arguments can be filled from;
 * - one call per entity when the message names several for a tool's one argument ("Paris and London").
 * Arguments come from the tool's parameter schema, filled with the message's typed entities by key.
 */
export function chooseToolCalls(tools: readonly ToolSpec[], userText: string, rng: SeededRandom, systemText = ''): ChosenToolCall[] {
  const named = tools.filter((t) => t.function.name !== '');
  if (named.length === 0) return [];
  const own = new Set(contentStems(userText));
  const said = expand(own);
  const hints = hintsFrom(userText);
  let chosen = demanded(named, systemText);
  if (chosen.length === 0 && said.size > 0) {
    const scored = named
      .map((tool) => {
        const vocabulary = new Set(contentStems(`${splitIdentifier(tool.function.name)} ${tool.function.description ?? ''}`));
        // Words the message shares with the tool count double; words that only mean the same count once.
        const direct = [...vocabulary].filter((s) => own.has(s));
        const meant = [...expand(vocabulary)].filter((s) => said.has(s));
        return { tool, direct, score: direct.length * 2 + meant.length };
      })
      .filter((t) => t.score > 0)
      .sort((a, b) => b.score - a.score);
    const covered = new Set<string>();
    for (const candidate of scored) {
      // A further tool is called only for a need the ones before it do not cover, named in its own words.
      if (chosen.length > 0 && candidate.direct.every((s) => covered.has(s))) continue;
      chosen.push(candidate.tool);
      for (const s of candidate.direct) covered.add(s);
    }
  }
  if (chosen.length === 0 && named.length === 1 && isRequest(userText) && fillable(named[0] as ToolSpec, hints)) chosen = [named[0] as ToolSpec];
  const calls: ChosenToolCall[] = [];
  for (const tool of chosen) {
    const parameters = tool.function.parameters ?? { type: 'object', properties: {} };
    for (const entityHints of perEntity(parameters, hints)) {
      if (calls.length >= MAX_PARALLEL) break;
      const args = valueForSchema(parameters, rng, entityHints);
      calls.push({ name: tool.function.name, arguments: typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as Record<string, unknown>) : {} });
    }
  }
  return calls;
}

/** Kept for callers that want at most one call. */
export function chooseToolCall(tools: readonly ToolSpec[], userText: string, rng: SeededRandom): ChosenToolCall | undefined {
  return chooseToolCalls(tools, userText, rng)[0];
}

/** A question or an instruction, not small talk ("Hi!", "thanks"). */
function isRequest(text: string): boolean {
  return contentStems(text).length > 0 && (/\?\s*$/.test(text) || /^\s*(?:please\s+)?[a-z]+/i.test(text)) && !/^\s*(?:hi|hello|hey|thanks|thank you|ok|okay)\b[\s!.]*$/i.test(text);
}

/** Whether the message holds what the tool's required arguments need (a place for `city`, numbers for `a`, `b`). */
function fillable(tool: ToolSpec, hints: ValueHints): boolean {
  const parameters = (tool.function.parameters ?? {}) as { properties?: Record<string, { type?: unknown }>; required?: unknown };
  const required = Array.isArray(parameters.required) ? parameters.required.filter((k): k is string => typeof k === 'string') : [];
  if (required.length === 0) return true;
  return required.every((key) => {
    const type = parameters.properties?.[key]?.type;
    if (type === 'number' || type === 'integer') return hints.numbers.length > 0;
    return hints.entities.some((e) => e.type !== 'number') || hints.words.length > 0;
  });
}

/**
 * One set of hints per call: when the tool takes one place (or person) and the message names several,
 * each call gets one of them first; otherwise a single call with all the hints.
 */
function perEntity(parameters: unknown, hints: ValueHints): ValueHints[] {
  const properties = Object.keys(((parameters ?? {}) as { properties?: Record<string, unknown> }).properties ?? {});
  const placeKeys = properties.filter((k) => /city|location|place|country|town|region|where/i.test(k));
  const personKeys = properties.filter((k) => /name|person|user|contact|who/i.test(k));
  const type = placeKeys.length === 1 ? 'place' : personKeys.length === 1 && placeKeys.length === 0 ? 'person' : undefined;
  if (!type) return [hints];
  const targets = hints.entities.filter((e) => e.type === type);
  if (targets.length <= 1) return [hints];
  return targets.map((target) => ({ ...hints, entities: [target, ...hints.entities.filter((e) => e !== target && e.type !== type)] }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `get_current_weather` / `getCurrentWeather` -> `get current weather`. */
export function splitIdentifier(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .toLowerCase();
}

/** A tool-call id as Ollama makes them: `call_` and 8 characters of [a-z0-9]. */
export function toolCallId(rng: SeededRandom): string {
  return `call_${rng.string(8, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
}
