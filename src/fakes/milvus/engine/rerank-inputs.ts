/**
 * A rerank function as the transports decode it, and the input-field checks every reranker shares
 * (milvus `internal/util/function/rerank/rerank_base.go` newRerankBase: WrapErrParameterInvalidMsg, 1100).
 */
import type { Collection } from './collection.js';
import type { FieldDef } from '../schema/index.js';
import { errors } from '../errors/status.js';

/** One function of the request, as the transports decode it (param values are strings on the wire). */
export interface FunctionInput {
  readonly name: string;
  readonly type: string;
  readonly inputFieldNames: readonly string[];
  readonly outputFieldNames: readonly string[];
  readonly params: Readonly<Record<string, string>>;
}

/** rerank_base.go newRerankBase: each input field exists, once, and is not nullable. */
export function inputFields(collection: Collection, fn: FunctionInput): FieldDef[] {
  if (fn.outputFieldNames.length > 0) throw errors.invalidParameter('rerank function output field names should be empty');
  return fn.inputFieldNames.map((name) => {
    if (name === '') throw errors.invalidParameter('rerank input field name cannot be empty string');
    if (fn.inputFieldNames.filter((n) => n === name).length > 1) {
      throw errors.invalidParameter(`each function input field should be used exactly once in the same function, input field: ${name}`);
    }
    const field = collection.schema.fields.find((f) => f.name === name);
    if (!field) throw errors.invalidParameter(`function input field not found: ${name}`);
    if (field.nullable) throw errors.invalidParameter(`function input field cannot be nullable: field ${field.name}`);
    return field;
  });
}

