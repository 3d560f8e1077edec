/**
 * REST v2 `functionScore` (`{functions: [{name, type: "Rerank", inputFieldNames, params}], params}`,
 * httpserver SearchReqV2.FunctionScore) into the engine's FunctionScore input. Param values are sent to
 * the proxy as strings: text as is, anything else as JSON (the same rule as schema.functions params).
 */
import type { FunctionScoreInput } from '../engine/function-score.js';
import { goJson } from './json.js';

const asMap = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function stringParams(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(asMap(value))) out[key] = typeof v === 'string' ? v : goJson(v);
  return out;
}

export function restFunctionScore(body: Record<string, unknown>): FunctionScoreInput | undefined {
  const fs = asMap(body.functionScore);
  const functions = Array.isArray(fs.functions) ? fs.functions : [];
  if (functions.length === 0) return undefined;
  const names = (list: unknown) => (Array.isArray(list) ? list.map(String) : []);
  return {
    functions: functions.map((raw) => {
      const fn = asMap(raw);
      return {
        name: String(fn.name ?? ''),
        type: String(fn.type ?? 'Unknown'),
        inputFieldNames: names(fn.inputFieldNames),
        outputFieldNames: names(fn.outputFieldNames),
        params: stringParams(fn.params),
      };
    }),
    params: stringParams(fs.params),
  };
}
