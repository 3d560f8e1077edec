/**
 * Search and hybrid search requests: parameter checks in the proxy's order and wording, then the
 * exact search of exact-search.ts, the rerankers of rerank.ts, and the output columns.
 */
import type { OutputColumn } from '../storage/columns.js';
import type { Collection } from './collection.js';
import { isVectorType } from '../schema/data-types.js';
import { compileFor, MAX_RESULT_WINDOW } from './reads.js';
import type { TemplateValues } from '../expr/index.js';
import { SEARCHABLE_METRICS } from '../schema/index-params.js';
import { largerIsBetter } from './metrics.js';
import { buildColumns, fieldValues, planOutput } from './output.js';
import { toQueryVector } from './query-vectors.js';
import { rrf, weighted } from './rerank.js';
import type { FieldDef } from '../schema/index.js';
import { annSearch, type AnnPlan, type QueryVector } from './exact-search.js';
import { errors, MilvusError } from '../errors/status.js';
import type { Store } from './store.js';
import type { PrimaryKey } from '../storage/table.js';
import type { Hit } from './topk.js';
import { resolveTimezone, withTtl } from './time-properties.js';
import { bm25Params, textQuery } from './bm25-params.js';
import { bm25FunctionOf } from './bm25-function.js';
import { functionScorePlan, type FunctionScoreInput } from './function-score.js';
import { functionScoredSearch } from './function-search.js';
import { rerankLists } from './function-rerank.js';
import { highlight, type HighlighterInput, type HighlightResult } from './highlight.js';

/** Search params carry the request-level `timezone` (task_search.go PreExecute). */
function timezoneOf(collection: Collection, params: Readonly<Record<string, unknown>> | undefined): string {
  const zone = params?.timezone;
  return resolveTimezone(collection, typeof zone === 'string' ? zone : undefined);
}
import { orderSearchHits, searchOrderKeysFor } from './search-order.js';
import { elementQueries, elementSearch, embListQueries, embListSearch, isElementMetric, structTarget, type StructTarget } from './emb-list.js';

export interface AnnRequest {
  readonly annsField?: string;
  /** Query vectors (typed arrays, number arrays, sparse maps), or primary keys whose vectors to use. */
  readonly vectors?: readonly unknown[];
  readonly ids?: readonly PrimaryKey[];
  readonly filter?: string;
  readonly templates?: TemplateValues;
  readonly topk: number;
  /** False when the request carried no `topk` (a hybrid sub-request then takes the top-level window). */
  readonly topkGiven?: boolean;
  readonly offset?: number;
  /** Empty = the index's metric. */
  readonly metricType?: string;
  /** Search params (`radius`, `range_filter`, `nprobe`, ..., and the iterator keys). */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly groupByField?: string;
  readonly groupSize?: number;
  readonly strictGroupSize?: boolean;
  /** `order_by_fields` (Milvus 3.0): re-sorts each query's page by scalar fields (search-order.ts). */
  readonly orderByFields?: string;
}

export interface SearchRequest extends AnnRequest {
  readonly partitionNames?: readonly string[];
  readonly outputFields: readonly string[];
  /** `function_score`: rerank functions (function-score.ts). */
  readonly functionScore?: FunctionScoreInput;
  readonly highlighter?: HighlighterInput;
}

export interface HybridRequest {
  readonly requests: readonly AnnRequest[];
  readonly partitionNames?: readonly string[];
  readonly outputFields: readonly string[];
  readonly strategy: 'rrf' | 'weighted';
  readonly rankParams: Readonly<Record<string, unknown>>;
  readonly limit: number;
  readonly offset?: number;
  /** `function_score`: replaces the rank strategy when it names a proxy reranker. */
  readonly functionScore?: FunctionScoreInput;
}

export interface SearchResult {
  readonly nq: number;
  readonly topks: readonly number[];
  readonly hits: readonly Hit[];
  readonly columns: readonly OutputColumn[];
  readonly outputFields: readonly string[];
  readonly primaryFieldName: string;
  readonly groupBy?: { readonly field: FieldDef; readonly values: readonly unknown[] };
  readonly iterator?: { readonly token: string; readonly lastBound: number };
  /** Element-level search on `struct[sub]`: the winning element's offset of each hit. */
  readonly elementIndices?: readonly number[];
  readonly highlights?: readonly HighlightResult[];
}

const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number(v));

function checkLimits(topk: number, offset: number): void {
  if (topk <= 0 || topk > MAX_RESULT_WINDOW) {
    throw errors.unexpected(`topk [${topk}] is invalid, it should be in range [1, ${MAX_RESULT_WINDOW}], but got ${topk}`);
  }
  if (offset < 0) throw errors.unexpected(`offset [${offset}] is invalid, it should be in range [0, ${MAX_RESULT_WINDOW}]`);
  if (topk + offset > MAX_RESULT_WINDOW) {
    throw errors.unexpected(`offset+topk [${topk + offset}] is invalid, it should be in range [1, ${MAX_RESULT_WINDOW}], but got ${topk + offset}`);
  }
}

/** Iterator tokens carry the last returned (score, pk), so each page resumes exactly after it. */
function decodeToken(token: unknown): { score: number; pk?: PrimaryKey } | undefined {
  if (typeof token !== 'string' || !token.startsWith('fake-iter:')) return undefined;
  try {
    const [score, kind, pk] = JSON.parse(Buffer.from(token.slice(10), 'base64url').toString('utf8')) as [number, string, string];
    return { score, pk: kind === 'i' ? BigInt(pk) : pk };
  } catch {
    return undefined;
  }
}

function encodeToken(hit: Hit): string {
  const body = JSON.stringify([hit.score, typeof hit.pk === 'bigint' ? 'i' : 's', String(hit.pk)]);
  return `fake-iter:${Buffer.from(body, 'utf8').toString('base64url')}`;
}

function annPlan(collection: Collection, request: AnnRequest, partitions: ReadonlySet<number>): AnnPlan {
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

function bm25InputField(collection: Collection, field: FieldDef): FieldDef | undefined {
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

function partitionsFor(collection: Collection, names: readonly string[]): ReadonlySet<number> {
  // 2.6's searchTask.PreExecute uses a plain errors.New here: code 65535, UnexpectedError, no suffix
  // (query's is WrapErrParameterInvalidMsg, 1100); the Node SDK's PartitionKey.spec.ts asserts the split.
  if (collection.partitionKeyField && names.length > 0) {
    throw errors.unexpected('not support manually specifying the partition names if partition key mode is used');
  }
  return collection.readablePartitions(names, 'search');
}

export function search(store: Store, dbName: string, name: string, request: SearchRequest): SearchResult {
  const collection = store.collection(dbName, name);
  const output = planOutput(collection, request.outputFields, false);
  const target = request.annsField ? structTarget(collection.schema.fields, request.annsField) : undefined;
  if (target && (request.functionScore || request.highlighter)) {
    throw errors.unsupported(`function_score or a highlighter on an embedding-list search on ${request.annsField ?? ''}`);
  }
  if (target) return embListResult(store, collection, request, target, output);
  const plan = annPlan(collection, request, new Set());
  const params = request.params ?? {};
  const iterating = params.iterator === true || params.iterator === 'true';
  const orderKeys = searchOrderKeysFor(collection, request.orderByFields, iterating);
  const partitions = partitionsFor(collection, request.partitionNames ?? []);
  const fs = request.functionScore ? functionScorePlan(collection, request.functionScore, timezoneOf(collection, request.params)) : undefined;
  const scoped = { ...plan, partitions, filter: withTtl(collection, plan.filter, store.nowMs()) };
  const found = fs ? functionScoredSearch(collection, scoped, fs) : annSearch(collection, scoped);
  const result = orderSearchHits(orderKeys, found.hits, found.groupValues);
  const highlights = request.highlighter
    ? highlight(collection, request.highlighter, result.hits, { ...(plan.bm25 ? { field: bm25InputField(collection, plan.field) } : {}), texts: request.vectors ?? [] })
    : undefined;
  const hits = result.hits.flat();
  const pkName = collection.schema.fields.find((f) => f.isPrimaryKey)?.name ?? '';
  const last = hits[hits.length - 1];
  return {
    nq: plan.queries.length,
    topks: result.hits.map((h) => h.length),
    hits,
    columns: buildColumns(collection, hits.map((h) => h.row), output, timezoneOf(collection, request.params)),
    outputFields: output.names,
    primaryFieldName: pkName,
    ...(plan.groupBy && result.groupValues ? { groupBy: { field: plan.groupBy.field, values: result.groupValues.flat() } } : {}),
    ...(highlights ? { highlights } : {}),
    ...(iterating
      ? { iterator: last ? { token: encodeToken(last), lastBound: last.score } : { token: String(params.search_iter_id ?? ''), lastBound: num(params.search_iter_last_bound) ?? 0 } }
      : {}),
  };
}

/** Search on `struct[sub]` with embedding lists (emb-list.ts). */
function embListResult(store: Store, collection: Collection, request: SearchRequest, target: StructTarget, output: ReturnType<typeof planOutput>): SearchResult {
  const path = request.annsField as string;
  const offset = request.offset ?? 0;
  checkLimits(request.topk, offset);
  const index = collection.indexOnField(path);
  const asked = (request.metricType ?? '').trim().toUpperCase();
  const metric = index?.metricType ?? (asked || 'MAX_SIM_COSINE');
  if (asked && asked !== metric) {
    throw new MilvusError(1100, `fail to search: metric type not match: invalid [expected=${metric}][actual=${asked}]: invalid parameter`);
  }
  const params = request.params ?? {};
  if (request.groupByField) throw errors.unsupported(`grouping an embedding-list search on ${path}`);
  if (num(params.radius) !== undefined || params.iterator === true || params.iterator === 'true') throw errors.unsupported(`range or iterator search on ${path}`);
  if (request.ids) throw errors.unsupported(`search by primary keys on ${path}`);
  if (request.orderByFields) throw errors.unsupported(`order_by_fields on an embedding-list search on ${path}`);
  const timezone = timezoneOf(collection, request.params);
  const filter = withTtl(collection, compileFor(collection, request.filter ?? '', request.templates, 'query', timezone), store.nowMs());
  if ((request.vectors ?? []).length === 0) throw errors.invalidParameter('nq (number of search vector per search request) should be in range [1, 16384], but got 0');
  const partitions = partitionsFor(collection, request.partitionNames ?? []);
  let perQuery: Hit[][];
  let elementIndices: number[] | undefined;
  if (isElementMetric(metric)) {
    const queries = elementQueries(target, path, request.vectors ?? []);
    const found = elementSearch(collection, { target, metric, queries, filter, partitions, topk: request.topk, offset });
    perQuery = found.hits;
    elementIndices = found.offsets.flat();
  } else {
    const queries = embListQueries(target, path, request.vectors ?? []);
    perQuery = embListSearch(collection, { target, metric, queries, filter, partitions, topk: request.topk, offset });
  }
  const hits = perQuery.flat();
  return {
    nq: perQuery.length,
    topks: perQuery.map((h) => h.length),
    ...(elementIndices ? { elementIndices } : {}),
    hits,
    columns: buildColumns(collection, hits.map((h) => h.row), output, timezone),
    outputFields: output.names,
    primaryFieldName: collection.schema.fields.find((f) => f.isPrimaryKey)?.name ?? '',
  };
}

/**
 * Hybrid search, as the proxy runs it (task_search.go, `checkNq` and the advanced-search path): every
 * sub-request keeps its own `topk` (its `limit`) as its candidate count, and only when it has none
 * does it take the top-level `limit + offset`; sub-request offsets and groupings play no part. All
 * sub-requests must carry the same number of query vectors; each query index is fused on its own and
 * gets its own result list, cut to the top-level offset and limit after fusion.
 */
export function hybridSearch(store: Store, dbName: string, name: string, request: HybridRequest): SearchResult {
  const collection = store.collection(dbName, name);
  if (request.requests.length === 0) throw errors.invalidParameter('ann search requests must not be empty');
  const output = planOutput(collection, request.outputFields, false);
  const offset = request.offset ?? 0;
  checkLimits(request.limit, offset);
  if (request.requests.some((r) => r.orderByFields)) {
    throw errors.invalidParameter('order_by is not supported for hybrid search');
  }
  const plans = request.requests.map((r) => {
    const { groupByField: _group, groupSize: _size, strictGroupSize: _strict, ...sub } = r;
    return annPlan(collection, { ...sub, topk: r.topkGiven === false ? request.limit + offset : r.topk, offset: 0 }, new Set());
  });
  const nq = (plans[0] as AnnPlan).queries.length;
  for (const plan of plans) {
    if (plan.queries.length !== nq) {
      throw errors.invalidParameterValue(nq, plan.queries.length, 'sub search request nq should be the same');
    }
  }
  const partitions = partitionsFor(collection, request.partitionNames ?? []);
  const reranker = hybridReranker(collection, request);
  const perPlan = plans.map((p) => annSearch(collection, { ...p, partitions, filter: withTtl(collection, p.filter, store.nowMs()) }).hits);
  const perQuery: Hit[][] = [];
  for (let q = 0; q < nq; q++) {
    const lists = perPlan.map((hits) => hits[q] ?? []);
    const fused = reranker
      ? rerankLists(collection, reranker, lists, plans.map((p) => p.metric))
      : request.strategy === 'weighted'
        ? weightedFuse(lists, plans, request.rankParams)
        : rrfFuse(lists, request.rankParams);
    perQuery.push(fused.slice(offset, offset + request.limit));
  }
  const hits = perQuery.flat();
  return {
    nq,
    topks: perQuery.map((h) => h.length),
    hits,
    columns: buildColumns(collection, hits.map((h) => h.row), output),
    outputFields: output.names,
    primaryFieldName: collection.schema.fields.find((f) => f.isPrimaryKey)?.name ?? '',
  };
}

/** A function_score's proxy reranker for a hybrid search; boost rankers cannot rank one (boost-ranker.md). */
function hybridReranker(collection: Collection, request: HybridRequest): ReturnType<typeof functionScorePlan>['reranker'] {
  if (!request.functionScore) return undefined;
  const fs = functionScorePlan(collection, request.functionScore, resolveTimezone(collection, undefined));
  if (fs.boosts.length > 0) throw errors.unsupported('a boost ranker as the ranker of a hybrid search (use it in a sub-request)');
  return fs.reranker;
}

function rrfFuse(lists: Hit[][], params: Readonly<Record<string, unknown>>): Hit[] {
  const k = num(params.k) ?? 60;
  if (!(k > 0 && k < 16384)) throw errors.invalidParameter(`The rank params k should be in range (0, 16384), but got ${k}`);
  return rrf(lists, k);
}

function weightedFuse(lists: Hit[][], plans: readonly AnnPlan[], params: Readonly<Record<string, unknown>>): Hit[] {
  const weights = params.weights;
  if (!Array.isArray(weights) || !weights.every((w) => typeof w === 'number')) {
    throw errors.invalidParameter('weights should be a list of numbers');
  }
  if (weights.length !== lists.length) {
    throw errors.invalidParameter(`the length of weights param mismatch with ann search requests: invalid parameter[expected=${lists.length}][actual=${weights.length}]`);
  }
  for (const w of weights) if (w < 0 || w > 1) throw errors.invalidParameter(`rank param weight should be in range [0, 1]`);
  return weighted(lists, weights as number[], plans.map((p) => p.metric), params.norm_score !== false && params.norm_score !== 'false');
}
