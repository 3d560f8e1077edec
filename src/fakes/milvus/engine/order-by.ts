/**
 * ORDER BY specifications (`order_by_fields`, Milvus 3.0) into sort keys over a collection's rows.
 * The text is `spec[,spec...]` with `spec = field[:asc|desc|ascending|descending[:nulls_first|nulls_last]]`
 * (the Node SDK 3.0 joins `[{ field, order }]` into exactly this). Two parsers, as the proxy has two:
 *
 * - query (`internal/util/reduce/orderby/order_by_field.go` `ParseOrderByFields`, called from
 *   `task_query.go` `translateOrderByFields`): the name must be a schema field of a sortable type (Bool,
 *   Int8..Int64, Float, Double, VarChar); errors are 1100 `...: invalid parameter`.
 * - search (`internal/proxy/search_util.go` `parseOrderByFields` / `parseOrderByFieldSpec`): besides
 *   scalar fields it takes JSON sub-paths (`meta["price"]`), dynamic keys (`age`, `$meta["age"]`,
 *   `user["profile"]["score"]`); colons inside brackets do not split; errors are plain (65535).
 *   The `nulls_first`/`nulls_last` part for search is milvus#50163's; its parse error is worded as the
 *   query parser's.
 */
import type { Collection } from './collection.js';
import { DYNAMIC_FIELD, type FieldDef } from '../schema/index.js';
import { errors, MilvusError } from '../errors/status.js';
import { compareSortValues, jsonAt, NULL_VALUE, type SortValue } from './order-by-values.js';
import { parseJsonPath } from './order-by-path.js';

export interface OrderKey {
  /** The field (or path) as the request wrote it. */
  readonly name: string;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
  readonly read: (row: number) => SortValue;
}

const SORTABLE = new Set(['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double', 'String', 'VarChar']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `strings.Split(text, ",")`, trimmed, empty items dropped. */
export function splitSpecs(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function direction(dir: string, name: string, fail: (message: string) => MilvusError, search: boolean): boolean {
  switch (dir.toLowerCase()) {
    case 'desc':
    case 'descending':
      return false;
    case 'asc':
    case 'ascending':
    case '':
      return true;
    default:
      throw fail(
        search
          ? `invalid order direction '${dir}' for field '${name}', expected 'asc' or 'desc'`
          : `invalid order direction '${dir.toLowerCase()}' for field '${name}', must be 'asc' or 'desc'`,
      );
  }
}

function nullsFirstOf(option: string | undefined, ascending: boolean, fail: (message: string) => MilvusError): boolean {
  if (option === undefined) return !ascending;
  const opt = option.trim().toLowerCase();
  if (opt === 'nulls_first') return true;
  if (opt === 'nulls_last') return false;
  throw fail(`invalid null ordering '${opt}', must be 'nulls_first' or 'nulls_last'`);
}

function scalarReader(collection: Collection, field: FieldDef): (row: number) => SortValue {
  const table = collection.table;
  if (field.isPrimaryKey) return (row) => ({ kind: 'scalar', value: table.pks[row] as bigint | string });
  const values = table.scalars.get(field.name) ?? [];
  return (row) => {
    const v = values[row];
    return v === null || v === undefined ? NULL_VALUE : { kind: 'scalar', value: v as boolean | number | bigint | string };
  };
}

/** Query ORDER BY keys (1100 errors). */
export function queryOrderKeys(collection: Collection, specs: readonly string[]): OrderKey[] {
  const fail = (message: string) => errors.invalidParameter(message);
  return specs.map((spec) => {
    const parts = spec.split(':');
    const name = (parts[0] as string).trim();
    const ascending = parts.length > 1 ? direction((parts[1] as string).trim(), name, fail, false) : true;
    const nullsFirst = nullsFirstOf(parts[2], ascending, fail);
    // The dynamic field is a schema field (`$meta`, JSON) on a real server.
    if (name === DYNAMIC_FIELD && collection.schema.enableDynamicField) {
      throw fail(`order_by field '${name}' has type JSON which is not sortable`);
    }
    const field = collection.schema.fields.find((f) => f.name === name);
    if (!field) throw fail(`order_by field '${name}' does not exist in collection schema`);
    if (!SORTABLE.has(field.type)) throw fail(`order_by field '${name}' has type ${field.type} which is not sortable`);
    return { name, ascending, nullsFirst, read: scalarReader(collection, field) };
  });
}

/** Splits at the colons outside brackets: `meta["a:b"]:desc` is `meta["a:b"]` then `desc`. */
function topLevelParts(pair: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pair.length; i++) {
    const ch = pair[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ':' && depth === 0) {
      parts.push(pair.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(pair.slice(start).trim());
  return parts;
}

function searchReader(collection: Collection, spec: string): (row: number) => SortValue {
  const schema = collection.schema;
  const fail = (message: string) => errors.unexpected(message);
  const table = collection.table;
  const unsortable = (type: string) =>
    fail(
      `order_by field '${spec}' has unsortable type ${type}; supported types: bool, int8/16/32/64, float, double, string, varchar; for JSON fields use path syntax like field["key"]`,
    );
  const hasBrackets = spec.includes('[') && spec.includes(']');
  const base = hasBrackets ? (spec.split('[')[0] as string) : spec;
  const field = schema.fields.find((f) => f.name === base);
  const isMeta = base === DYNAMIC_FIELD && schema.enableDynamicField;
  if (!hasBrackets) {
    if (field) {
      if (!SORTABLE.has(field.type)) throw unsortable(field.type);
      return scalarReader(collection, field);
    }
    if (isMeta) throw unsortable('JSON');
    if (!schema.enableDynamicField) throw fail(`order_by field '${spec}' does not exist in collection schema`);
    if (!IDENTIFIER.test(spec)) throw fail(`invalid dynamic field key '${spec}': cannot parse it as a field name`);
    return (row) => jsonAt(table.dynamic[row] ?? {}, [spec]);
  }
  const path = (steps: () => readonly (string | number)[]) => {
    try {
      return steps();
    } catch (error) {
      throw fail(`invalid JSON path in order_by field '${spec}': ${(error as Error).message}`);
    }
  };
  if (field) {
    if (field.type !== 'JSON') throw fail(`order_by field '${spec}' has brackets but is not a JSON type`);
    const steps = path(() => parseJsonPath(spec.slice(base.length)));
    const values = collection.table.scalars.get(field.name) ?? [];
    return (row) => jsonAt(values[row] ?? null, steps);
  }
  if (!schema.enableDynamicField) {
    throw fail(`order_by field '${base}' not found in schema and no dynamic field available`);
  }
  const rest = path(() => parseJsonPath(spec.slice(base.length)));
  const steps = isMeta ? rest : [base, ...rest];
  return (row) => jsonAt(table.dynamic[row] ?? {}, steps);
}

/** Search ORDER BY keys (plain 65535 errors, as `parseSearchInfo` returns them). */
export function searchOrderKeys(collection: Collection, text: string): OrderKey[] {
  const fail = (message: string) => errors.unexpected(message);
  return splitSpecs(text).map((pair) => {
    const parts = topLevelParts(pair);
    const name = parts[0] as string;
    if (name === '') throw fail('empty field name in order_by_fields');
    const ascending = parts.length > 1 ? direction(parts[1] as string, name, fail, true) : true;
    const nullsFirst = nullsFirstOf(parts[2], ascending, fail);
    return { name, ascending, nullsFirst, read: searchReader(collection, name) };
  });
}

/** Compares two rows by the keys in turn; 0 when every key ties. */
export function compareByKeys(keys: readonly OrderKey[], a: number, b: number): number {
  for (const key of keys) {
    const c = compareSortValues(key.read(a), key.read(b), key.ascending, key.nullsFirst);
    if (c !== 0) return c;
  }
  return 0;
}
