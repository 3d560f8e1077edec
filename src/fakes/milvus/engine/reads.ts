/**
 * Query: filter, output fields, `count(*)`, limit/offset with the proxy's rules ("empty expression
 * should be used with limit", `offset + limit <= 16384`, "count entities with pagination is not
 * allowed"). Results are ordered by primary key ascending, which makes them independent of write
 * order and is what the SDK's query iterator (`pk > last`) relies on. `count(*)` counts every copy of
 * a duplicated key (milvus#37789); rows deduplicate to the newest copy. `order_by_fields` (Milvus 3.0)
 * sorts by scalar fields instead (query-order.ts).
 */
import type { OutputColumn } from '../storage/columns.js';
import type { Collection } from './collection.js';
import { compileFilter, exprSchemaOf } from './filter.js';
import type { CompiledFilter, TemplateValues } from '../expr/index.js';
import { buildColumns, planOutput } from './output.js';
import { candidateRows, countCandidates } from './exact-search.js';
import { asPlanError } from './filter.js';
import { errors } from '../errors/status.js';
import type { Store } from './store.js';
import type { PrimaryKey, RowTable } from '../storage/table.js';
import { resolveTimezone, withTtl } from './time-properties.js';
import { checkOrderWindow, checkOrderWithAggregates, orderedPage, orderKeysFor, orderSpecsOf } from './query-order.js';

export const MAX_RESULT_WINDOW = 16384;

export interface QueryRequest {
  readonly filter: string;
  readonly templates?: TemplateValues;
  readonly outputFields: readonly string[];
  readonly partitionNames?: readonly string[];
  /** Undefined = no limit. */
  readonly limit?: number;
  readonly offset?: number;
  readonly groupByFields?: readonly string[];
  /** `order_by_fields` as sent: `field[:asc|desc[:nulls_first|nulls_last]]`, comma-separated. */
  readonly orderByFields?: string;
  /** Request-level `timezone` (query_params): naive ISO literals and Timestamptz output use it. */
  readonly timezone?: string;
  /** query_params `iterator` (the SDK's query iterator). */
  readonly iterator?: boolean;
}

export interface QueryResult {
  readonly columns: readonly OutputColumn[];
  readonly outputFields: readonly string[];
  readonly primaryFieldName: string;
}

export function compileFor(
  collection: Collection,
  filter: string,
  templates: TemplateValues | undefined,
  what: 'query' | 'delete',
  timezone = collection.timezone,
): CompiledFilter {
  try {
    return compileFilter(filter, exprSchemaOf(collection.schema), templates ?? {}, { timezone });
  } catch (error) {
    throw asPlanError(error, what);
  }
}

function checkWindow(limit: number | undefined, offset: number): void {
  if (limit === undefined) return;
  if (offset < 0) throw errors.unexpected(`invalid max query result window, offset [${offset}] is invalid, should be gte than 0`);
  if (limit <= 0) throw errors.unexpected(`invalid max query result window, limit [${limit}] is invalid, should be greater than 0`);
  if (offset + limit > MAX_RESULT_WINDOW) {
    throw errors.unexpected(
      `invalid max query result window, (offset+limit) should be in range [1, ${MAX_RESULT_WINDOW}], but got ${offset + limit}`,
    );
  }
}

/** `agg.MatchAggregationExpression`'s pattern: `sum|count|avg|min|max ( name | * )`, any case. */
const AGGREGATE = /^(sum|count|avg|min|max)\s*\(\s*([\w*]*)\s*\)$/i;

/**
 * Query GROUP BY and aggregations (`min/max/sum/avg(field)`, `count(field)` in output_fields) exist from
 * Milvus 3.0 (pymilvus#3178, milvus-docs#3490); the fake does not emulate them and says so. A lone
 * `count(*)` is the 2.x count query and is served.
 */
function refuseAggregation(request: QueryRequest): void {
  if ((request.groupByFields?.length ?? 0) > 0) throw errors.unsupported('query with group_by_fields');
  const aggregate = request.outputFields.map((f) => f.trim()).find((f) => AGGREGATE.test(f) && f.toLowerCase().replace(/\s+/g, '') !== 'count(*)');
  if (aggregate) throw errors.unsupported(`query aggregation (${aggregate})`);
}

/** Whether `rows` (ascending row numbers) already list their keys in ascending order, copies adjacent. */
function inKeyOrder(pks: readonly PrimaryKey[], rows: Int32Array): boolean {
  for (let i = 1; i < rows.length; i++) {
    if ((pks[rows[i - 1] as number] as PrimaryKey) > (pks[rows[i] as number] as PrimaryKey)) return false;
  }
  return true;
}

function comparePk(a: PrimaryKey, b: PrimaryKey): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Copies of one key in a PK-sorted window collapse to the newest write's copy (the first one of that
 * write). Like the proxy's `reduceRetrieveResults`, the offset and limit count copies before they
 * collapse, so a page with duplicated keys may hold fewer than `limit` rows.
 */
function newestPerKey(table: RowTable, window: readonly number[]): number[] {
  const out: number[] = [];
  for (const row of window) {
    const last = out[out.length - 1];
    if (last !== undefined && table.pks[last] === table.pks[row]) {
      if (table.winsOver(row, last)) out[out.length - 1] = row;
      continue;
    }
    out.push(row);
  }
  return out;
}

/**
 * @example
 * const result = query(store, 'default', 'docs', { filter: 'id > 10', outputFields: ['*'], limit: 5 });
 */
export function query(store: Store, dbName: string, name: string, request: QueryRequest): QueryResult {
  const collection = store.collection(dbName, name);
  const offset = request.offset ?? 0;
  checkWindow(request.limit, offset);
  const orderSpecs = orderSpecsOf(request);
  checkOrderWindow(orderSpecs, request);
  refuseAggregation(request);
  const timezone = resolveTimezone(collection, request.timezone);
  const filter = compileFor(collection, request.filter, request.templates, 'query', timezone);
  const pk = collection.schema.fields.find((f) => f.isPrimaryKey);
  const pkName = pk?.name ?? '';
  const isCount = request.outputFields.length === 1 && request.outputFields[0]?.trim().toLowerCase() === 'count(*)';
  if (!isCount && request.outputFields.some((f) => f.trim().toLowerCase() === 'count(*)')) {
    throw errors.invalidParameter('count entities with other output fields is not supported');
  }
  const plan = isCount ? undefined : planOutput(collection, request.outputFields, true);
  checkOrderWithAggregates(orderSpecs, request.groupByFields ?? [], isCount);
  const orderKeys = orderKeysFor(collection, orderSpecs);
  if (filter.matchesAll && request.limit === undefined && !isCount) {
    throw errors.invalidParameter('empty expression should be used with limit');
  }
  const partitionNames = request.partitionNames ?? [];
  if (collection.partitionKeyField && partitionNames.length > 0) {
    throw errors.invalidParameter('not support manually specifying the partition names if partition key mode is used');
  }
  if (isCount && request.limit !== undefined) throw errors.invalidParameter('count entities with pagination is not allowed');
  const partitions = collection.readablePartitions(partitionNames, 'query');
  const visible = withTtl(collection, filter, store.nowMs());
  if (isCount) {
    const count = countCandidates(collection, visible, partitions);
    return { columns: [{ name: 'count(*)', kind: 'count', values: [BigInt(count)] }], outputFields: ['count(*)'], primaryFieldName: pkName };
  }
  const rows = candidateRows(collection, visible, partitions);
  const table = collection.table;
  const outputPlan = plan as NonNullable<typeof plan>;
  if (orderKeys.length > 0) {
    const page = orderedPage(collection, rows, orderKeys, offset, request.limit as number);
    return { columns: buildColumns(collection, page, outputPlan, timezone), outputFields: outputPlan.names, primaryFieldName: pkName };
  }
  const pks = table.pks;
  // Rows come in write order; tables written in key order (the common case) need no sort at all.
  const sorted = inKeyOrder(pks, rows) ? Array.from(rows) : Array.from(rows).sort((a, b) => comparePk(pks[a] as PrimaryKey, pks[b] as PrimaryKey) || a - b);
  const window = request.limit === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + request.limit);
  const page = table.hasCopies ? newestPerKey(table, window) : window;
  return {
    columns: buildColumns(collection, page, outputPlan, timezone),
    outputFields: outputPlan.names,
    primaryFieldName: pkName,
  };
}
