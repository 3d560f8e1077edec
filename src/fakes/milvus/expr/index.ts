/**
 * Milvus' boolean filter language (`filter` / `expr` of query, search and delete) for the fake server:
 * parsed once, type-checked against the collection schema with Milvus' rules and messages, and compiled
 * into closures that the store runs per row.
 */
import { compileBool } from './compile.js';
import { int64ColumnTest } from './column-test.js';
import { Checker } from './check.js';
import { CheckFailure, parseError, planError } from './errors.js';
import { tokenize } from './lexer.js';
import { Parser } from './parser.js';
import { collectFields, type Pred } from './plan.js';
import { SchemaView } from './resolve.js';
import type { CompiledFilter, ExprSchema, FilterOptions, TemplateValues } from './types.js';
import type { Const } from './values.js';

export { ExprError } from './errors.js';
export type { CompiledFilter, ExprField, ExprSchema, FilterOptions, RowAccessor, TemplateValues } from './types.js';
export type { ExprPosition, PlanKind } from './errors.js';

/**
 * Parses, checks and compiles a filter. Throws `ExprError` (code 1100) with Milvus' message for anything a
 * real server would reject.
 * @example
 * const filter = compileFilter('age > 30 and city in ["Oslo", "Rome"]', schema);
 * rows.filter((row) => filter.matches((name) => row[name]));
 */
/**
 * Compiled filters are pure functions of (schema, source, timezone) when no template values take part,
 * so suites that repeat a filter (and benchmarks) parse it once per schema version. Bounded per schema.
 */
const CACHE_LIMIT = 128;
const compiledCache = new WeakMap<ExprSchema, Map<string, CompiledFilter>>();

export function compileFilter(source: string, schema: ExprSchema, templates?: TemplateValues, options: FilterOptions = {}): CompiledFilter {
  const cacheable = templates === undefined || Object.keys(templates).length === 0;
  if (!cacheable) return compileUncached(source, schema, templates, options);
  let cache = compiledCache.get(schema);
  if (!cache) compiledCache.set(schema, (cache = new Map()));
  const key = `${options.timezone ?? 'UTC'}\u0000${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compileUncached(source, schema, templates, options);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

function compileUncached(source: string, schema: ExprSchema, templates: TemplateValues | undefined, options: FilterOptions): CompiledFilter {
  if (source.trim() === '') {
    return { source, matchesAll: true, matches: () => true, fields: new Set<string>() };
  }
  let pred: Pred;
  try {
    const tokens = tokenize(source);
    const tree = new Parser(source, tokens).parseAll();
    pred = new Checker(new SchemaView(schema.fields, schema.dynamicField), templates, tokens, source, options.timezone ?? 'UTC').predicate(tree);
  } catch (error) {
    if (error instanceof CheckFailure) {
      throw error.wrapped ? parseError(source, error.message) : planError(source, error.message);
    }
    throw error;
  }
  const test = compileBool(pred);
  const keys = primaryKeysOf(pred);
  const fields = collectFields(pred, new Set<string>());
  const only = fields.size === 1 ? [...fields][0] : undefined;
  const filter: CompiledFilter = {
    source,
    matchesAll: false,
    matches: test,
    fields,
    ...(only !== undefined && only !== '$meta'
      ? { column: { field: only, matches: int64ColumnTest(pred, only) ?? ((value: unknown) => test(() => value)) } }
      : {}),
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
