/**
 * A REST v2 function definition (`{name, description, type, inputFieldNames, outputFieldNames, params}`,
 * request_v2.go `FunctionSchema`) into the service's FunctionInput, as utils.go `genFunctionSchema`
 * converts it for `collections/create`, `add_function` and `alter_function`: `type` must be a
 * `schemapb.FunctionType` name, case-sensitive (else 1100 `Unsupported function type: X: invalid
 * parameter`); params that are lists or maps become JSON text, anything else `fmt.Sprintf("%v")`.
 */
import { field, required, type StructSpec } from './binding.js';
import { invalidParameter } from './envelope.js';
import { goJson, goSprintV } from './json.js';
import { isFunctionTypeName, type FunctionInput } from '../schema/index.js';

/** request_v2.go `FunctionSchema`: name, type and both field lists are `binding:"required"`. */
export const FunctionSchema: StructSpec = {
  name: 'FunctionSchema',
  fields: [
    required('name', 'string', 'FunctionName'),
    field('description', 'string'),
    required('type', 'string', 'FunctionType'),
    required('inputFieldNames', 'strings'),
    required('outputFieldNames', 'strings'),
    field('params', 'map'),
  ],
};

const asMap = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const names = (list: unknown) => (Array.isArray(list) ? list.map(String) : []);

function paramsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(asMap(value))) out[key] = v !== null && typeof v === 'object' ? goJson(v) : goSprintV(v);
  return out;
}

/**
 * genFunctionSchema: a bound `FunctionSchema` (or a raw `schema.functions` entry) as a FunctionInput.
 *
 * @example
 * functionSchemaOf({ name: 'bm25', type: 'BM25', inputFieldNames: ['text'], outputFieldNames: ['sparse'] });
 */
export function functionSchemaOf(value: unknown): FunctionInput {
  const fn = asMap(value);
  const type = typeof fn.type === 'string' ? fn.type : '';
  if (!isFunctionTypeName(type)) throw invalidParameter(`Unsupported function type: ${type}`);
  return {
    name: String(fn.name ?? ''),
    type,
    description: String(fn.description ?? ''),
    inputFieldNames: names(fn.inputFieldNames),
    outputFieldNames: names(fn.outputFieldNames),
    params: paramsOf(fn.params),
  };
}
