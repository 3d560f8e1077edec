/**
 * Search with `order_by_fields` (Milvus 3.0; milvus-design-docs `20260129-search-orderby.md`, proxy
 * `search_pipeline.go` `orderByOperator`). The search itself is unchanged: each query vector's page
 * (top-k by score, after the offset) is chosen first, then that page is re-sorted by the fields at the
 * proxy. The sort is stable, so hits that tie on every field keep their score order. With grouping,
 * whole groups move, ordered by their first hit's values. Each query vector's hits sort on their own.
 */
import type { Collection } from './collection.js';
import { compareByKeys, searchOrderKeys, type OrderKey } from './order-by.js';
import { errors } from '../errors/status.js';
import type { Hit } from './topk.js';

/** `parseOrderByFields` then "order_by is not supported when using search iterator" (parseSearchInfo). */
export function searchOrderKeysFor(collection: Collection, text: string | undefined, iterator: boolean): OrderKey[] {
  const keys = text ? searchOrderKeys(collection, text) : [];
  if (iterator && keys.length > 0) {
    throw errors.invalidParameterValue('', '', 'order_by is not supported when using search iterator');
  }
  return keys;
}

export interface OrderedHits {
  readonly hits: Hit[][];
  readonly groupValues?: unknown[][];
}

function sameGroup(a: unknown, b: unknown): boolean {
  return a === b || (a === null && b === null);
}

/** Re-sorts each query's hits (and their group values) by the keys. */
export function orderSearchHits(keys: readonly OrderKey[], hits: readonly Hit[][], groupValues?: readonly unknown[][]): OrderedHits {
  if (keys.length === 0) return { hits: hits.map((h) => [...h]), ...(groupValues ? { groupValues: groupValues.map((g) => [...g]) } : {}) };
  const outHits: Hit[][] = [];
  const outGroups: unknown[][] = [];
  hits.forEach((list, q) => {
    const values = groupValues?.[q];
    if (!values) {
      outHits.push([...list].sort((a, b) => compareByKeys(keys, a.row, b.row)));
      return;
    }
    // Runs of one group value are contiguous (the group-by reduce emits them group after group).
    const runs: Array<{ start: number; end: number }> = [];
    for (let i = 0; i < list.length; i++) {
      const last = runs[runs.length - 1];
      if (last && sameGroup(values[last.start], values[i])) last.end = i + 1;
      else runs.push({ start: i, end: i + 1 });
    }
    runs.sort((a, b) => compareByKeys(keys, (list[a.start] as Hit).row, (list[b.start] as Hit).row));
    outHits.push(runs.flatMap((r) => list.slice(r.start, r.end)));
    outGroups.push(runs.flatMap((r) => values.slice(r.start, r.end)));
  });
  return { hits: outHits, ...(groupValues ? { groupValues: outGroups } : {}) };
}
