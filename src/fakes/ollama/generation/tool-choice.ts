import type { SeededRandom } from '../../../common/hash.js';
import { hintsFrom, valueForSchema } from './schema-values.js';
import { contentStems } from './words.js';

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
 * The tool a model "decides" to call: the one whose name or description shares the most words
 * (by stem) with the user's message; none when nothing is shared. Arguments are generated from the
 * tool's parameter schema, filled from the message where they fit.
 */
export function chooseToolCall(tools: readonly ToolSpec[], userText: string, rng: SeededRandom): ChosenToolCall | undefined {
  const said = new Set(contentStems(userText));
  if (said.size === 0) return undefined;
  let best: { tool: ToolSpec; score: number } | undefined;
  for (const tool of tools) {
    const fn = tool.function;
    const vocabulary = new Set(contentStems(`${splitIdentifier(fn.name)} ${fn.description ?? ''}`));
    let score = 0;
    for (const s of vocabulary) if (said.has(s)) score++;
    if (score > 0 && (best === undefined || score > best.score)) best = { tool, score };
  }
  if (!best) return undefined;
  const parameters = best.tool.function.parameters ?? { type: 'object', properties: {} };
  const args = valueForSchema(parameters, rng, hintsFrom(userText));
  return {
    name: best.tool.function.name,
    arguments: typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as Record<string, unknown>) : {},
  };
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
