/**
 * Running a FunctionScore plan over ranked hit lists (one list per search, or per hybrid sub-search).
 *  - boost (docs boost-ranker.md): every candidate matching a boost's filter gets that boost's value
 *    (`weight`, times a random value in [0, 1) with `random_score`); several matching boosts combine by
 *    `function_mode` (product or sum), and the result meets the score by `boost_mode` (score × value or
 *    score + value). Raw metric scores, so the metric's order still decides.
 *  - decay (rerank/decay_function.go): relevance made larger-is-better (COSINE/IP/BM25 as is, others
 *    1 − 2·atan(s)/π), the max over the lists a key appears in, times the decay factor of the input field.
 *  - rrf, weighted (rrf_function.go, weighted_function.go): as the hybrid rerankers of rerank.ts, except
 *    that a function weighted ranker normalises only with `norm_score: true`; without it, mixed metric
 *    directions turn the smaller-is-better scores with 1 − 2·atan(s)/π and the order follows the metric.
 *  - model: fails as an unreachable provider (model-rerank.ts).
 * Fused scores are float32, best first, ties by primary key ascending (newIDScores).
 */
import type { Collection } from './collection.js';
import type { BoostPlan, FunctionScorePlan, RerankPlan } from './function-score.js';
import { compareHits, type Hit } from './topk.js';
import { largerIsBetter } from './metrics.js';
import { normalise, rrf } from './rerank.js';
import { decayFactor } from './decay.js';
import { rowAccessor } from './exact-search.js';
import { errors } from '../errors/status.js';

const toGreater = (metric: string, score: number): number => (largerIsBetter(metric) ? score : 1 - (2 * Math.atan(score)) / Math.PI);

/** A value in [0, 1) from (seed, key): FNV-1a over the text, then a 32-bit mix (the fake's generator). */
function randomValue(seed: number, key: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}\u0000${key}`) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 0x1_0000_0000;
}

function boostValue(collection: Collection, boost: BoostPlan, row: number, pk: Hit['pk']): number {
  if (!boost.random) return boost.weight;
  const field = boost.random.field;
  const key = field ? (field.isPrimaryKey ? pk : collection.table.scalars.get(field.name)?.[row]) : pk;
  return boost.weight * randomValue(boost.random.seed, String(key));
}

/** Boosted scores of `hits`, re-sorted in the metric's order. */
export function applyBoosts(collection: Collection, hits: readonly Hit[], plan: FunctionScorePlan, larger: boolean): Hit[] {
  if (plan.boosts.length === 0) return [...hits];
  const accessor = rowAccessor(collection.table);
  const out = hits.map((hit) => {
    accessor.row = hit.row;
    let combined: number | undefined;
    for (const boost of plan.boosts) {
      if (boost.filter && !boost.filter.matchesAll && !boost.filter.matches(accessor.read)) continue;
      const value = boostValue(collection, boost, hit.row, hit.pk);
      combined = combined === undefined ? value : plan.functionMode === 'sum' ? combined + value : combined * value;
    }
    if (combined === undefined) return hit;
    const score = plan.boostMode === 'sum' ? hit.score + combined : hit.score * combined;
    return { ...hit, score: Math.fround(score) };
  });
  return out.sort((a, b) => compareHits(larger, a, b));
}

function fieldNumber(collection: Collection, field: string, row: number): number {
  const value = collection.table.scalars.get(field)?.[row];
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}

function decayed(collection: Collection, plan: Extract<RerankPlan, { kind: 'decay' }>, lists: readonly Hit[][], metrics: readonly string[]): Hit[] {
  const best = new Map<Hit['pk'], Hit>();
  lists.forEach((list, i) => {
    for (const hit of list) {
      const score = Math.fround(toGreater(metrics[i] ?? 'COSINE', hit.score));
      const seen = best.get(hit.pk);
      if (!seen || score > seen.score) best.set(hit.pk, { row: seen?.row ?? hit.row, pk: hit.pk, score });
    }
  });
  const out = [...best.values()].map((h) => ({
    ...h,
    score: Math.fround(Math.fround(decayFactor(plan, fieldNumber(collection, plan.field.name, h.row))) * h.score),
  }));
  return out.sort((a, b) => compareHits(true, a, b));
}

function weightedFuse(plan: Extract<RerankPlan, { kind: 'weighted' }>, lists: readonly Hit[][], metrics: readonly string[]): Hit[] {
  if (plan.weights.length !== lists.length) {
    throw errors.invalidParameterValue(lists.length, plan.weights.length, 'the length of weights param mismatch with ann search requests');
  }
  const directions = new Set(metrics.map(largerIsBetter));
  const mixed = directions.size > 1;
  const descending = plan.normScore || mixed || directions.has(true);
  const norm = (metric: string, s: number): number => (plan.normScore ? normalise(metric, s) : mixed ? toGreater(metric, s) : s);
  const fused = new Map<Hit['pk'], Hit>();
  lists.forEach((list, i) => {
    const w = plan.weights[i] ?? 0;
    for (const hit of list) {
      const seen = fused.get(hit.pk);
      const add = Math.fround(w * Math.fround(norm(metrics[i] ?? 'COSINE', hit.score)));
      fused.set(hit.pk, { row: seen?.row ?? hit.row, pk: hit.pk, score: Math.fround((seen?.score ?? 0) + add) });
    }
  });
  return [...fused.values()].sort((a, b) => compareHits(descending, a, b));
}

/** One query's fused list (best first, not yet cut to offset/limit). */
export function rerankLists(collection: Collection, plan: RerankPlan, lists: readonly Hit[][], metrics: readonly string[]): Hit[] {
  switch (plan.kind) {
    case 'decay':
      return decayed(collection, plan, lists, metrics);
    case 'rrf':
      return rrf(lists as Hit[][], plan.k);
    case 'weighted':
      return weightedFuse(plan, lists, metrics);
    case 'model':
      throw plan.failure();
  }
}
