/** Hybrid search: several ANN sub-searches fused by a reranker (RRF, weighted, or a function score). */
import type { Collection } from './collection.js';
import { buildColumns, planOutput } from './output.js';
import { rrf, weighted } from './rerank.js';
import { annSearch, type AnnPlan } from './exact-search.js';
import { errors } from '../errors/status.js';
import type { Store } from './store.js';
import type { Hit } from './topk.js';
import { resolveTimezone, withTtl } from './time-properties.js';
import { functionScorePlan } from './function-score.js';
import { rerankLists } from './function-rerank.js';
import type { HybridRequest, SearchResult } from './search-types.js';
import { annPlan, checkLimits, num, partitionsFor } from './ann-plan.js';

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
