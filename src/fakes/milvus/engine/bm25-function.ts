/**
 * The BM25 function at write time (bm25_function.go): the server analyzes each row's text with the
 * input field's analyzer and stores, in the output field, each token hash with its count. Users never
 * send the output field: a request that does fails the proxy's column count check
 * (`fillFieldPropertiesBySchema`: one column per field that is not a function output).
 */
import type { ColumnInput } from '../storage/columns.js';
import type { SparseRow } from '../storage/vector-column.js';
import { analyzerFailure, analyzerParamsOf, type CollectionSchemaDef, type FieldDef, type FunctionDef } from '../schema/index.js';
import { analyzerFor, termCounts, type Analyzer } from '../text/index.js';
import { errors } from '../errors/status.js';

export function fieldAnalyzer(field: FieldDef): Analyzer {
  try {
    return analyzerFor(analyzerParamsOf(field));
  } catch (error) {
    throw analyzerFailure(error);
  }
}

/** The function whose output is `field`, if any. */
export function bm25FunctionOf(schema: CollectionSchemaDef, field: string): FunctionDef | undefined {
  return schema.functions.find((f) => f.type === 'BM25' && f.outputFieldNames.includes(field));
}

function texts(field: FieldDef, column: ColumnInput | undefined, numRows: number): string[] {
  if (!column) return Array.from({ length: numRows }, () => (typeof field.defaultValue === 'string' ? field.defaultValue : ''));
  const values = column.values ?? [];
  const valid = column.validData && column.validData.length > 0 ? column.validData : undefined;
  const out: string[] = [];
  let next = 0;
  for (let i = 0; i < numRows; i++) {
    const present = !valid || valid[i] === true;
    const v = present ? values[next++] : field.defaultValue;
    out.push(typeof v === 'string' ? v : '');
  }
  return out;
}

/** Sparse rows of every BM25 output field for one write, by output field name. */
export function computeFunctionOutputs(
  schema: CollectionSchemaDef,
  columns: readonly ColumnInput[],
  numRows: number,
): ReadonlyMap<string, readonly SparseRow[]> {
  const out = new Map<string, SparseRow[]>();
  if (schema.functions.length === 0) return out;
  const sentOutputs = columns.filter((c) => schema.fields.some((f) => f.name === c.name && f.isFunctionOutput));
  if (sentOutputs.length > 0) {
    const expected = schema.fields.filter((f) => !f.isFunctionOutput).length;
    throw errors.unexpected(
      `len(columns) mismatch the expectColumnNum, expectColumnNum: ${expected}, len(columns): ${expected + sentOutputs.length}`,
    );
  }
  for (const fn of schema.functions) {
    if (fn.type !== 'BM25') continue;
    const input = schema.fields.find((f) => f.name === fn.inputFieldNames[0]);
    const output = fn.outputFieldNames[0];
    if (!input || output === undefined) continue;
    const column = columns.find((c) => c.name === input.name);
    if (!column && numRows > 0 && input.defaultValue === undefined) continue; // the batch check reports the missing field
    const analyzer = fieldAnalyzer(input);
    out.set(output, texts(input, column, numRows).map((text) => termCounts(analyzer.terms(text))));
  }
  return out;
}
