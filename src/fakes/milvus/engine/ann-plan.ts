/**
 * One ANN search request turned into an exact-search plan, with the proxy's parameter checks in its
 * order and wording (topk/offset window, metric, group-by, search by primary keys, BM25 text queries,
 * iterator cursors, partitions, the request's timezone).
 */
import type { Collection } from './collection.js';
import { isVectorType } from '../schema/data-types.js';
import { compileFor, MAX_RESULT_WINDOW } from './reads.js';
import { SEARCHABLE_METRICS } from '../schema/index-params.js';
import { largerIsBetter } from './metrics.js';
import { fieldValues } from './output.js';
import { toQueryVector } from './query-vectors.js';
import type { FieldDef } from '../schema/index.js';
import { type AnnPlan, type QueryVector } from './exact-search.js';
import { errors, MilvusError } from '../errors/status.js';
import type { PrimaryKey } from '../storage/table.js';
import { resolveTimezone } from './time-properties.js';
import { bm25Params, textQuery } from './bm25-params.js';
import { bm25FunctionOf } from './bm25-function.js';
import { structTarget } from './emb-list.js';
import { decodeToken } from './iterator-token.js';
import type { AnnRequest } from './search-types.js';

/** Search params carry the request-level `timezone` (task_search.go PreExecute). */
export function timezoneOf(collection: Collection, params: Readonly<Record<string, unknown>> | undefined): string {
  const zone = params?.timezone;
  return resolveTimezone(collection, typeof zone === 'string' ? zone : undefined);
}
export const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number(v));

export function checkLimits(topk: number, offset: number): void {
  if (topk <= 0 || topk > MAX_RESULT_WINDOW) {
    throw errors.unexpected(`topk [${topk}] is invalid, it should be in range [1, ${MAX_RESULT_WINDOW}], but got ${topk}`);
  }
  if (offset < 0) throw errors.unexpected(`offset [${offset}] is invalid, it should be in range [0, ${MAX_RESULT_WINDOW}]`);
  if (topk + offset > MAX_RESULT_WINDOW) {
    throw errors.unexpected(`offset+topk [${topk + offset}] is invalid, it should be in range [1, ${MAX_RESULT_WINDOW}], but got ${topk + offset}`);
  }
}

export function annPlan(collection: Collection, request: AnnRequest, partitions: ReadonlySet<number>): AnnPlan {
  const vectorFields = collection.schema.fields.filter((f) => isVectorType(f.type));
  const fieldName = request.annsField || vectorFields[0]?.name || '';
  const field = collection.schema.fields.find((f) => f.name === fieldName);
  if (structTarget(collection.schema.fields, fieldName)) throw errors.unsupported(`hybrid search on the struct sub-field ${fieldName}`);
  if (!field || !isVectorType(field.type)) throw errors.unexpected(`failed to get field schema by name: fieldName(${fieldName}) not found`);
  const offset = request.offset ?? 0;
  checkLimits(request.topk, offset);
  // Without an index the collection cannot be loaded, so the load check reports the problem later.
  const index = collection.indexOnField(field.name);
  const asked = (request.metricType ?? '').trim().toUpperCase();
  const metric = index?.metricType ?? (asked || 'COSINE');
  if (asked && asked !== metric) {
    throw new MilvusError(1100, `fail to search: metric type not match: invalid [expected=${metric}][actual=${asked}]: invalid parameter`);
  }
  if (!SEARCHABLE_METRICS.has(metric)) throw errors.unsupported(`search with metric type ${metric}`);
  const params = request.params ?? {};
  const radius = num(params.radius);
  const rangeFilter = num(params.range_filter);
  if (rangeFilter !== undefined && radius === undefined) throw errors.invalidParameter('range_filter must be used together with radius');
  if (radius !== undefined && rangeFilter !== undefined) {
    const larger = largerIsBetter(metric);
    if (larger && rangeFilter <= radius) throw errors.invalidParameter('range_filter must be greater than radius for IP/COSINE');
    if (!larger && rangeFilter >= radius) throw errors.invalidParameter('range_filter must be less than radius for L2/HAMMING/JACCARD');
  }
  // Milvus words search filter errors as "query plan" too.
  const filter = compileFor(collection, request.filter ?? '', request.templates, 'query', timezoneOf(collection, request.params));
  const bm25Input = metric === 'BM25' ? bm25InputField(collection, field) : undefined;
  const queries = request.ids
    ? vectorsOfKeys(collection, field, request.ids)
    : (request.vectors ?? []).map((v) => (bm25Input ? textQuery(bm25Input, v) : toQueryVector(field, v)));
  if (queries.length === 0) throw errors.invalidParameter('nq (number of search vector per search request) should be in range [1, 16384], but got 0');
  if (queries.length > MAX_RESULT_WINDOW) {
    throw errors.unexpected(`nq (number of search vector per search request) should be in range [1, 16384], but got ${queries.length}`);
  }
  const groupBy = request.groupByField ? groupByOf(collection, request) : undefined;
  const after = params.iterator === true || params.iterator === 'true' ? decodeToken(params.search_iter_id) : undefined;
  return {
    field,
    metric,
    queries,
    filter,
    partitions,
    topk: request.topk,
    offset,
    ...(radius !== undefined ? { radius } : {}),
    ...(rangeFilter !== undefined ? { rangeFilter } : {}),
    ...(groupBy ? { groupBy } : {}),
    ...(after ? { after } : {}),
    ...(bm25Input ? { bm25: bm25Params(index, params) } : {}),
  };
}

export function bm25InputField(collection: Collection, field: FieldDef): FieldDef | undefined {
  const fn = bm25FunctionOf(collection.schema, field.name);
  return fn ? collection.schema.fields.find((f) => f.name === fn.inputFieldNames[0]) : undefined;
}

function groupByOf(collection: Collection, request: AnnRequest): AnnPlan['groupBy'] {
  const name = request.groupByField as string;
  const field = collection.schema.fields.find((f) => f.name === name);
  if (!field) throw errors.unexpected(`groupBy field(${name}) not found in schema`);
  const ok = ['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'VarChar'].includes(field.type);
  if (!ok) throw errors.invalidParameter(`group by field ${name} has unsupported data type ${field.type}`);
  const size = request.groupSize ?? 1;
  if (size <= 0) throw errors.invalidParameter(`input group size:${size} is negative, failed to do search_groupby`);
  return { field, size, strict: request.strictGroupSize === true };
}

function vectorsOfKeys(collection: Collection, field: FieldDef, ids: readonly PrimaryKey[]): QueryVector[] {
  const rows = ids.map((id) => collection.table.pkIndex.get(id));
  const missing = ids.filter((_, i) => rows[i] === undefined);
  if (missing.length > 0) throw errors.invalidParameter(`the primary keys [${missing.join(',')}] are not found`);
  return fieldValues(collection, field, rows as number[]).map((v) => {
    if (v === null) throw errors.invalidParameter('the vector of a primary key to search by is null');
    return v as QueryVector;
  });
}

export function partitionsFor(collection: Collection, names: readonly string[]): ReadonlySet<number> {
  // 2.6's searchTask.PreExecute uses a plain errors.New here: code 65535, UnexpectedError, no suffix
  // (query's is WrapErrParameterInvalidMsg, 1100); the Node SDK's PartitionKey.spec.ts asserts the split.
  if (collection.partitionKeyField && names.length > 0) {
    throw errors.unexpected('not support manually specifying the partition names if partition key mode is used');
  }
  return collection.readablePartitions(names, 'search');
}
