/**
 * Search requests: the plan (ann-plan.ts), the exact search of exact-search.ts, function scores,
 * ORDER BY and highlights, and the output columns. Hybrid search lives in hybrid-search.ts,
 * searches on struct sub-vectors in emb-list-search.ts.
 */
import { buildColumns, planOutput } from './output.js';
import { annSearch } from './exact-search.js';
import { errors } from '../errors/status.js';
import type { Store } from './store.js';
import { withTtl } from './time-properties.js';
import { functionScorePlan } from './function-score.js';
import { functionScoredSearch } from './function-search.js';
import { checkHighlighter, highlight } from './highlight.js';

import { orderSearchHits, searchOrderKeysFor } from './search-order.js';
import { structTarget } from './emb-list.js';

export type { AnnRequest, HybridRequest, SearchRequest, SearchResult } from './search-types.js';
export { hybridSearch } from './hybrid-search.js';
import type { SearchRequest, SearchResult } from './search-types.js';
import { annPlan, bm25InputField, num, partitionsFor, timezoneOf } from './ann-plan.js';
import { encodeToken } from './iterator-token.js';
import { embListResult } from './emb-list-search.js';

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
  if (request.highlighter) checkHighlighter(collection, request.highlighter, plan.bm25 !== undefined);
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
