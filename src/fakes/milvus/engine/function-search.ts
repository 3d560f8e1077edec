/**
 * A single-vector search with a FunctionScore (rerank/function_score.go, docs boost-ranker.md): boosts
 * rescore every candidate before the top-k (they run on the segments' candidates); a proxy reranker then
 * rescores the best `offset + limit` and the page is cut after it, as the proxy reranks what the query
 * nodes return for `limit + offset`.
 */
import type { Collection } from './collection.js';
import { annSearch, type AnnPlan, type AnnResult } from './exact-search.js';
import type { FunctionScorePlan } from './function-score.js';
import { applyBoosts, rerankLists } from './function-rerank.js';
import { largerIsBetter } from './metrics.js';
import { errors } from '../errors/status.js';

export function functionScoredSearch(collection: Collection, plan: AnnPlan, fs: FunctionScorePlan): AnnResult {
  if (plan.groupBy) throw errors.unsupported('group_by_field together with function_score');
  if (plan.after) throw errors.unsupported('search iterators together with function_score');
  const keep = plan.offset + plan.topk;
  const larger = largerIsBetter(plan.metric);
  const candidates = fs.boosts.length > 0 ? Math.max(keep, collection.table.size) : keep;
  const found = annSearch(collection, { ...plan, offset: 0, topk: candidates });
  const hits = found.hits.map((list) => {
    const boosted = applyBoosts(collection, list, fs, larger).slice(0, keep);
    const ranked = fs.reranker ? rerankLists(collection, fs.reranker, [boosted], [plan.metric]) : boosted;
    return ranked.slice(plan.offset, keep);
  });
  return { hits };
}
