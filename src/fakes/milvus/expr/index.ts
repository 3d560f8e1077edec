/**
 * Milvus' boolean filter language (`filter` / `expr` of query, search and delete) for the fake server:
 * parsed once, type-checked against the collection schema with Milvus' rules and messages, and compiled
 * into closures that the store runs per row.
 */
import type { DataTypeName, ScalarTypeName } from '../data-types.js';
import { compileBool } from './compile.js';
import { Checker } from './check.js';
import { CheckFailure, parseError, planError } from './errors.js';
import { tokenize } from './lexer.js';
import { Parser } from './parser.js';
import { collectFields, type Pred } from './plan.js';
import { SchemaView } from './resolve.js';
import type { Const } from './values.js';

export { ExprError } from './errors.js';
export type { ExprPosition, PlanKind } from './errors.js';

export interface ExprField {
  name: string;
  type: DataTypeName;
  /** For Array fields. */
  elementType?: ScalarTypeName;
  nullable: boolean;
  isPrimaryKey?: boolean;
  maxCapacity?: number;
  /** `text_match` is allowed on this VarChar. */
  enableMatch?: boolean;
}

export interface ExprSchema {
  fields: readonly ExprField[];
  /** Identifiers that are not fields resolve to `$meta["name"]`. */
  dynamicField: boolean;
}

/** Template values already converted to JS values: bigint for int64, number, string, boolean, arrays of those. */
export type TemplateValues = Readonly<Record<string, unknown>>;

/** Reads one field of one row in the representation of data-types.ts; `$meta` returns the dynamic object. */
export type RowAccessor = (field: string) => unknown;

export interface CompiledFilter {
  readonly source: string;
  /** True when the expression is empty or whitespace (matches everything). */
  readonly matchesAll: boolean;
  matches(row: RowAccessor): boolean;
  /** Key values when the whole filter is `pk == v` or `pk in [...]`, so the store can use its pk index. */
  readonly primaryKeys?: ReadonlyArray<bigint | string>;
  /** Field names (and `$meta`) the expression reads. */
  readonly fields: ReadonlySet<string>;
}

/**
 * Parses, checks and compiles a filter. Throws `ExprError` (code 1100) with Milvus' message for anything a
 * real server would reject.
 * @example
 * const filter = compileFilter('age > 30 and city in ["Oslo", "Rome"]', schema);
 * rows.filter((row) => filter.matches((name) => row[name]));
 */
export function compileFilter(source: string, schema: ExprSchema, templates?: TemplateValues): CompiledFilter {
  if (source.trim() === '') {
    return { source, matchesAll: true, matches: () => true, fields: new Set<string>() };
  }
  let pred: Pred;
  try {
    const tokens = tokenize(source);
    const tree = new Parser(source, tokens).parseAll();
    pred = new Checker(new SchemaView(schema.fields, schema.dynamicField), templates, tokens, source).predicate(tree);
  } catch (error) {
    if (error instanceof CheckFailure) {
      throw error.wrapped ? parseError(source, error.message) : planError(source, error.message);
    }
    throw error;
  }
  const test = compileBool(pred);
  const keys = primaryKeysOf(pred);
  const filter: CompiledFilter = {
    source,
    matchesAll: false,
    matches: test,
    fields: collectFields(pred, new Set<string>()),
  };
  return keys ? { ...filter, primaryKeys: keys } : filter;
}

function primaryKeysOf(pred: Pred): ReadonlyArray<bigint | string> | undefined {
  if (pred.k === 'compare' && pred.op === 'EQ' && pred.col.isPrimaryKey && pred.col.path.length === 0) {
    return keyOf(pred.value) === undefined ? undefined : [keyOf(pred.value) as bigint | string];
  }
  if (pred.k === 'term' && pred.col.isPrimaryKey && pred.col.path.length === 0) {
    const keys = pred.values.map(keyOf);
    return keys.every((key) => key !== undefined) ? [...new Set(keys as Array<bigint | string>)] : undefined;
  }
  return undefined;
}

function keyOf(value: Const): bigint | string | undefined {
  return typeof value.v === 'bigint' || typeof value.v === 'string' ? value.v : undefined;
}
