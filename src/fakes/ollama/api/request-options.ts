import { parseGoDuration as parseDuration } from '../../../common/go-duration.js';
import type { GenerationOptions, OutputFormat, ThinkSetting } from '../generation/options.js';
import { apiError } from './replies.js';

/**
 * Parsers for request fields whose accepted forms and error texts come from Ollama's api/types.go:
 * `keep_alive` (seconds or a Go duration), `think` (bool or level), `format` ("json" or a schema),
 * and the generation `options` the fake honours (`seed`, `num_predict`, `stop`).
 */
export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;

/**
 * keep_alive in ms: a number is (fractional) seconds, a string a Go duration; negative means forever
 * (-1). Any other JSON type is api.Duration's own "Unsupported type" error.
 */
export function parseKeepAlive(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_KEEP_ALIVE_MS;
  if (typeof value === 'number') return value < 0 ? -1 : value * 1000;
  if (typeof value === 'string') {
    const ms = parseGoDuration(value);
    return ms < 0 ? -1 : ms;
  }
  const goType = typeof value === 'boolean' ? 'bool' : Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
  throw apiError(400, `Unsupported type: '${goType}'`);
}

/** Go's time.ParseDuration, to milliseconds; its error texts become 400s. */
export function parseGoDuration(text: string): number {
  const ms = parseDuration(text);
  if (ms instanceof Error) throw apiError(400, ms.message);
  return ms;
}

const THINK_LEVELS = ['high', 'medium', 'low', 'max'];

export function parseThink(value: unknown): ThinkSetting {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && THINK_LEVELS.includes(value)) return value as ThinkSetting;
  // ThinkValue.UnmarshalJSON: a string must be a level ("true" is a string too); other types fail outright.
  if (typeof value === 'string') {
    throw apiError(400, `invalid think value: ${JSON.stringify(value)} (must be "high", "medium", "low", "max", true, or false)`);
  }
  throw apiError(400, 'think must be a boolean or string ("high", "medium", "low", "max", true, or false)');
}


export function parseFormat(value: unknown): OutputFormat {
  if (value === undefined || value === null || value === '') return { kind: 'text' };
  if (value === 'json') return { kind: 'json' };
  if (typeof value === 'object' && !Array.isArray(value)) return { kind: 'schema', schema: value as Record<string, unknown> };
  throw apiError(400, `invalid format: ${JSON.stringify(value)}; expected "json" or a valid JSON Schema object`);
}

export function parseGenerationOptions(options: unknown): GenerationOptions {
  const o = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const stop = o.stop;
  const stops = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string') : [];
  return {
    seed: typeof o.seed === 'number' ? o.seed : undefined,
    numPredict: typeof o.num_predict === 'number' ? o.num_predict : undefined,
    stop: stops.filter((s) => s !== ''),
  };
}
