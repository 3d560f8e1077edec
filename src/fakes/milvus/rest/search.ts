/**
 * REST v2 `entities/search` and `entities/hybrid_search` (alias `advanced_search`). The body becomes the
 * key-value search params the real handler builds (generateSearchParams: the `searchParams` map flattened
 * into `params` JSON plus one pair per key, then `topk`, `offset`, grouping and `anns_field`) and goes
 * through the same parser as gRPC. Query vectors are checked against the field as the REST layer does
 * (code 1801 for a wrong shape or dimension). Results are flat rows with `distance`; `topks` tells the
 * SDK where each query's hits end.
 */
import type { SearchResult } from '../engine/search.js';
import { COLLECTION_NAME, DB_NAME, field, type Bound, type StructSpec } from './binding.js';
import { checkConsistency, collectionOf, templatesOf } from './entities.js';
import { invalidParameter, ok, RestCodes, RestError, type RestReply } from './envelope.js';
import { goJson, goSprintV } from './json.js';
import { renderRows } from './rows.js';
import { annsFieldOf, queryVectors, searchIds } from './vectors.js';
import type { RestContext, RestRoutes } from './route.js';
import type { KeyValue } from '../schema/index.js';
import { annFromParams, hybridRank, searchParams } from '../engine/search-params.js';
import { Codes, errors } from '../errors/status.js';
import { restFunctionScore } from './function-score.js';

const SearchReqV2: StructSpec = {
  name: 'SearchReqV2',
  fields: [
    DB_NAME,
    COLLECTION_NAME,
    field('data', 'anys'),
    field('ids', 'anys', { go: 'Ids' }),
    field('annsField', 'string'),
    field('partitionNames', 'strings'),
    field('filter', 'string'),
    field('groupingField', 'string', { go: 'GroupByField' }),
    field('groupSize', 'int32'),
    field('strictGroupSize', 'bool'),
    field('limit', 'int32', { default: () => 100 }),
    field('offset', 'int32'),
    field('outputFields', 'strings'),
    field('searchParams', 'map'),
    field('consistencyLevel', 'string'),
    field('exprParams', 'map'),
    field('params', 'map'),
    // milvus#52071 (3.0 cherry-pick #52118): `orderByFields` ["price:desc", ...] -> `order_by_fields`.
    field('orderByFields', 'strings'),
  ],
};
const SubSearchReq: StructSpec = {
  name: 'SubSearchReq',
  fields: [
    field('data', 'anys'),
    field('annsField', 'string'),
    field('filter', 'string'),
    field('groupingField', 'string', { go: 'GroupByField' }),
    field('metricType', 'string'),
    field('limit', 'int32'),
    field('offset', 'int32'),
    field('params', 'map', { go: 'SearchParams' }),
    field('exprParams', 'map'),
  ],
};
const Rand: StructSpec = { name: 'Rand', fields: [field('strategy', 'string'), field('params', 'map')] };
const HybridSearchReq: StructSpec = {
  name: 'HybridSearchReq',
  fields: [
    DB_NAME,
    COLLECTION_NAME,
    field('partitionNames', 'strings'),
    field('search', { structs: SubSearchReq }),
    field('rerank', { struct: Rand }),
    field('limit', 'int32', { default: () => 100 }),
    field('offset', 'int32'),
    field('groupingField', 'string', { go: 'GroupByField' }),
    field('groupSize', 'int32'),
    field('strictGroupSize', 'bool'),
    field('outputFields', 'strings'),
    field('consistencyLevel', 'string'),
  ],
};

const strings = (value: unknown) => (value as string[] | null) ?? [];

/** generateSearchParams: every key also lands in the `params` JSON, which must agree with `params`. */
function searchParamPairs(map: unknown): KeyValue[] {
  const input = (map as Record<string, unknown> | null) ?? {};
  const nested = input.params;
  if (nested !== undefined && nested !== null && (typeof nested !== 'object' || Array.isArray(nested))) {
    throw invalidParameter('searchParams.params must be a dict');
  }
  const merged: Record<string, unknown> = { ...((nested as Record<string, unknown> | null) ?? {}) };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'params') continue;
    if (key in merged && goJson(merged[key]) !== goJson(value)) {
      throw invalidParameter(
        `ambiguous parameter: ${key}, in search_param: ${goSprintV(value)}, in search_param.params: ${goSprintV(merged[key])}`,
      );
    }
    merged[key] = value;
  }
  const pairs: KeyValue[] = [{ key: 'params', value: goJson(merged) }];
  for (const [key, value] of Object.entries(input)) {
    if (key !== 'params')
      pairs.push({ key: key === 'ignoreGrowing' ? 'ignore_growing' : key, value: goSprintV(value) });
  }
  pairs.push({ key: 'round_decimal', value: '-1' });
  return pairs;
}

/** The search reply: `[]` without hits, else the rows and `topks`. */
function searchReply(result: SearchResult, ctx: RestContext): RestReply {
  if (Math.max(0, ...result.topks) === 0) return ok([], { cost: 0 });
  const rows = renderRows(result.columns, {
    allowInt64: ctx.allowInt64,
    pkName: result.primaryFieldName,
    pks: result.hits.map((h) => h.pk),
    scores: result.hits.map((h) => h.score),
  });
  return ok(rows, { cost: 0, topks: result.topks }, true);
}

/**
 * Milvus 3.0 keys the fake does not serve. A `highlighter` key is not among them: the 2.6 (and 3.0)
 * SearchReqV2 / HybridSearchReq have no such field and `search` / `advancedSearch` never read it
 * (handler_v2.go), so it is ignored and REST replies carry no highlights, as from a real server.
 */
function refuseUnsupported(body: Record<string, unknown>): void {
  if (body.searchAggregation || body.functionChains) {
    throw errors.unsupported('search with functionChains or searchAggregation');
  }
}

function search(r: Bound, ctx: RestContext) {
  checkConsistency(r.consistencyLevel);
  const collection = collectionOf(r, ctx);
  const ids = (r.ids as unknown[] | null) ?? [];
  const data = (r.data as unknown[] | null) ?? [];
  if (ids.length > 0 && data.length > 0) {
    throw new RestError(
      Codes.parameterInvalid,
      "primary keys (ids) and query vectors (data) are mutually exclusive. Please provide either 'ids' or 'data', not both",
    );
  }
  if (ids.length === 0 && data.length === 0) {
    throw new RestError(
      RestCodes.missingRequiredParameters,
      "either 'ids' (for primary key search) or 'data' (for vector search) must be provided",
    );
  }
  refuseUnsupported(ctx.body);
  const pairs = searchParamPairs(r.searchParams);
  pairs.push({ key: 'topk', value: String(r.limit) }, { key: 'offset', value: String(r.offset) });
  if (r.groupingField) pairs.push({ key: 'group_by_field', value: String(r.groupingField) });
  if (r.groupingField && Number(r.groupSize) > 0) {
    pairs.push(
      { key: 'group_size', value: String(r.groupSize) },
      { key: 'strict_group_size', value: String(r.strictGroupSize) },
    );
  }
  if (strings(r.orderByFields).length > 0) pairs.push({ key: 'order_by_fields', value: strings(r.orderByFields).join(',') });
  const annsField = String(r.annsField);
  if (ids.length === 0 || annsField) pairs.push({ key: 'anns_field', value: annsField });
  const input =
    ids.length > 0
      ? { ids: searchIds(collection, ids) }
      : { vectors: queryVectors(annsFieldOf(collection, annsField), data) };
  const result = ctx.service.search(ctx.db, String(r.collectionName), {
    ...annFromParams({
      params: searchParams(pairs),
      ...input,
      filter: String(r.filter),
      templates: templatesOf(r.exprParams),
    }),
    partitionNames: strings(r.partitionNames),
    outputFields: strings(r.outputFields),
    ...withFunctionScore(ctx.body),
  });
  return searchReply(result, ctx);
}

function withFunctionScore(body: Record<string, unknown>) {
  const functionScore = restFunctionScore(body);
  return functionScore ? { functionScore } : {};
}

function hybridSearch(r: Bound, ctx: RestContext) {
  checkConsistency(r.consistencyLevel);
  if (ctx.body.searchAggregation) throw invalidParameter('searchAggregation is not supported for hybrid search');
  if (Array.isArray(ctx.body.functionChains) && ctx.body.functionChains.length > 0)
    throw invalidParameter('functionChains is not supported for hybrid search yet');
  const collection = collectionOf(r, ctx);
  refuseUnsupported(ctx.body);
  if (r.groupingField) throw errors.unsupported('hybrid search with groupingField');
  const requests = ((r.search as Bound[] | null) ?? []).map((sub) => {
    const pairs = searchParamPairs(sub.params);
    pairs.push(
      { key: 'topk', value: String(sub.limit) },
      { key: 'offset', value: String(sub.offset) },
      { key: 'anns_field', value: String(sub.annsField) },
    );
    const vectors = queryVectors(annsFieldOf(collection, String(sub.annsField)), (sub.data as unknown[] | null) ?? []);
    return annFromParams({
      params: searchParams(pairs),
      vectors,
      filter: String(sub.filter),
      templates: templatesOf(sub.exprParams),
    });
  });
  const rerank = (r.rerank as Bound | null) ?? {};
  // A functionScore without a `rerank` strategy ranks on its own.
  const ranked = restFunctionScore(ctx.body) !== undefined && !rerank.strategy;
  const strategy = ranked ? [] : [{ key: 'strategy', value: String(rerank.strategy) }, { key: 'params', value: goJson(rerank.params) }];
  const rank = hybridRank([
    ...strategy,
    { key: 'limit', value: String(r.limit) },
    { key: 'offset', value: String(r.offset) },
  ]);
  const result = ctx.service.hybridSearch(ctx.db, String(r.collectionName), {
    requests,
    partitionNames: strings(r.partitionNames),
    outputFields: strings(r.outputFields),
    ...rank,
    ...withFunctionScore(ctx.body),
  });
  return searchReply(result, ctx);
}

export const searchRoutes: RestRoutes = {
  'entities/search': { spec: SearchReqV2, handle: search },
  'entities/hybrid_search': { spec: HybridSearchReq, handle: hybridSearch },
  'entities/advanced_search': { spec: HybridSearchReq, handle: hybridSearch },
};
