/**
 * Collection functions (BM25 only) checked as the proxy's `validateFunction` does
 * (internal/proxy/util.go: checkFunctionBasicParams, checkFunctionInputField, checkFunctionOutputField),
 * with the 2.6 wrapping in `merr.WrapErrParameterInvalidMsg` (1100, "...: invalid parameter").
 * Other function types (TextEmbedding, Rerank, MinHash) need model providers or are not implemented:
 * they are refused with 3000.
 */
import { errors } from '../errors/status.js';
import type { FieldDef, FunctionDef, FunctionInput } from './types.js';

/** Proto enum names and numbers of FunctionType; the fake implements BM25 (1). */
const TYPE_NAMES: Readonly<Record<string, string>> = { '0': 'Unknown', '1': 'BM25', '2': 'TextEmbedding', '3': 'Rerank', '4': 'MinHash' };

/** Whether `name` is a FunctionType enum name as `schemapb.FunctionType_value` spells it (case-sensitive). */
export function isFunctionTypeName(name: string): boolean {
  return Object.values(TYPE_NAMES).includes(name);
}

export function functionTypeName(type: string | number): string {
  const text = String(type);
  if (TYPE_NAMES[text]) return TYPE_NAMES[text];
  const byName = Object.values(TYPE_NAMES).find((n) => n.toLowerCase() === text.toLowerCase());
  return byName ?? text;
}

export function buildFunction(input: FunctionInput): FunctionDef {
  const type = functionTypeName(input.type);
  if (type !== 'BM25') throw errors.unsupported(`${type} functions`);
  return {
    name: input.name,
    type,
    description: input.description ?? '',
    inputFieldNames: [...input.inputFieldNames],
    outputFieldNames: [...input.outputFieldNames],
    params: Object.entries(input.params ?? {}).map(([key, value]) => ({ key, value })),
  };
}

function checkBasics(fn: FunctionDef): void {
  const bad = (message: string) => errors.invalidParameter(message);
  if (!fn.name) throw bad('function name cannot be empty');
  if (fn.inputFieldNames.length === 0) throw bad(`function input field names cannot be empty, function: ${fn.name}`);
  if (fn.outputFieldNames.length === 0) throw bad(`function output field names cannot be empty, function: ${fn.name}`);
  for (const input of fn.inputFieldNames) {
    if (input === '') throw bad(`function input field name cannot be empty string, function: ${fn.name}`);
    if (fn.inputFieldNames.filter((n) => n === input).length > 1) {
      throw bad(`each function input field should be used exactly once in the same function, function: ${fn.name}, input field: ${input}`);
    }
  }
  for (const output of fn.outputFieldNames) {
    if (output === '') throw bad(`function output field name cannot be empty string, function: ${fn.name}`);
    if (fn.inputFieldNames.includes(output)) {
      throw bad(`a single field cannot be both input and output in the same function, function: ${fn.name}, field: ${output}`);
    }
    if (fn.outputFieldNames.filter((n) => n === output).length > 1) {
      throw bad(`each function output field should be used exactly once in the same function, function: ${fn.name}, output field: ${output}`);
    }
  }
  if (fn.params.length !== 0) throw bad('BM25 function accepts no params');
}

export function enablesAnalyzer(field: FieldDef): boolean {
  return field.typeParams.some((p) => p.key === 'enable_analyzer' && p.value.toLowerCase() === 'true');
}

/**
 * Validates every function against the fields, in the proxy's order; `usedOutputs` carries the output
 * fields of functions already in the collection (AddCollectionFunction).
 */
export function validateFunctions(fields: readonly FieldDef[], functions: readonly FunctionDef[], existing: readonly FunctionDef[] = []): void {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const usedNames = new Set(existing.map((f) => f.name));
  const usedOutputs = new Set(existing.flatMap((f) => f.outputFieldNames));
  const bad = (message: string) => errors.invalidParameter(message);
  for (const fn of functions) {
    checkBasics(fn);
    if (usedNames.has(fn.name)) throw bad(`duplicate function name: ${fn.name}`);
    usedNames.add(fn.name);
    const inputs = fn.inputFieldNames.map((name) => {
      const field = byName.get(name);
      if (!field) throw bad(`function input field not found: ${name}`);
      if (field.nullable) throw bad(`function input field cannot be nullable: function ${fn.name}, field ${name}`);
      return field;
    });
    const first = inputs[0] as FieldDef;
    if (inputs.length !== 1 || first.type !== 'VarChar') {
      throw bad(`BM25 function input field must be a VARCHAR/TEXT field, got ${inputs.length} field with type ${first.type}`);
    }
    if (!enablesAnalyzer(first)) throw bad('BM25 function input field must set enable_analyzer to true');
    const outputs = fn.outputFieldNames.map((name) => {
      const field = byName.get(name);
      if (!field) throw bad(`function output field not found: ${name}`);
      if (field.isPrimaryKey) throw bad(`function output field cannot be primary key: function ${fn.name}, field ${name}`);
      if (field.isPartitionKey || field.isClusteringKey) {
        throw bad(`function output field cannot be partition key or clustering key: function ${fn.name}, field ${name}`);
      }
      if (field.nullable) throw bad(`function output field cannot be nullable: function ${fn.name}, field ${name}`);
      if (usedOutputs.has(name)) throw bad(`duplicate function output field: function ${fn.name}, field ${name}`);
      usedOutputs.add(name);
      return field;
    });
    if (outputs.length !== 1) throw bad(`BM25 function only need 1 output field, but got ${outputs.length}`);
    const out = outputs[0] as FieldDef;
    if (out.type !== 'SparseFloatVector') throw bad(`BM25 function output field must be a SparseFloatVector field, but got ${out.type}`);
  }
}
