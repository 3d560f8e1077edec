/**
 * Query with ORDER BY (Milvus 3.0, milvus#48125 segcore and #48298 Go pipeline; design doc
 * milvus-design-docs `20260203-query-orderby.md`): the request checks of `task_query.go` PreExecute
 * and the reduce pipeline (DeduplicatePK, OrderByLimit, Slice). Copies of one primary key collapse to
 * the newest write's copy *before* sorting (unlike a plain query, whose offset and limit count copies),
 * then rows sort by the keys, then offset and limit apply. Rows whose keys all tie come in primary-key
 * order: the real merge leaves that order open, the fake makes it total.
 */
import type { Collection } from './collection.js';
import { compareByKeys, queryOrderKeys, splitSpecs, type OrderKey } from './order-by.js';
import { errors } from '../errors/status.js';
import type { PrimaryKey } from '../storage/table.js';

export interface QueryOrderInput {
  readonly orderByFields?: string;
  readonly limit?: number;
  readonly iterator?: boolean;
}

/** `parseQueryParams` splits on commas; an empty text is no ORDER BY. */
export function orderSpecsOf(input: QueryOrderInput): string[] {
  return splitSpecs(input.orderByFields ?? '');
}

/** The PreExecute checks that come before the plan is built. */
export function checkOrderWindow(specs: readonly string[], input: QueryOrderInput): void {
  if (specs.length === 0) return;
  // "ORDER BY requires explicit limit to prevent segment-level OOM" (task_query.go).
  if (input.limit === undefined) throw errors.invalidParameter('ORDER BY requires explicit limit');
  if (input.iterator) throw errors.invalidParameter('ORDER BY with iterator is not supported');
}

/**
 * `validateOrderByFieldsWithGroupBy`: with GROUP BY or aggregates (`count(*)` is one) ORDER BY may only
 * name GROUP BY columns, and never an aggregate expression.
 */
export function checkOrderWithAggregates(specs: readonly string[], groupBy: readonly string[], aggregates: boolean): void {
  if (specs.length === 0 || (groupBy.length === 0 && !aggregates)) return;
  const valid = new Set(groupBy.map((g) => g.trim().toLowerCase()));
  for (const spec of specs) {
    const name = (spec.split(':')[0] as string).trim().toLowerCase();
    if (/^(count|sum|avg|min|max)\s*\(.*\)$/.test(name)) {
      throw errors.invalidParameter(`ORDER BY on aggregate expression '${name}' is not yet supported`);
    }
    if (!valid.has(name)) {
      throw errors.invalidParameter(
        `ORDER BY field '${name}' is not valid: when using GROUP BY or aggregates, ORDER BY can only reference GROUP BY columns. Valid targets are: [${groupBy.join(' ')}]`,
      );
    }
  }
}

export function orderKeysFor(collection: Collection, specs: readonly string[]): OrderKey[] {
  return specs.length === 0 ? [] : queryOrderKeys(collection, specs);
}

/** The newest copy of each key among the matching rows, sorted, then the window. */
export function orderedPage(collection: Collection, rows: ArrayLike<number>, keys: readonly OrderKey[], offset: number, limit: number): number[] {
  const table = collection.table;
  const pks = table.pks;
  let unique: number[] = Array.from(rows);
  if (table.hasCopies) {
    const winner = new Map<PrimaryKey, number>();
    for (const row of unique) {
      const pk = pks[row] as PrimaryKey;
      const kept = winner.get(pk);
      if (kept === undefined || table.winsOver(row, kept)) winner.set(pk, row);
    }
    unique = [...winner.values()];
  }
  unique.sort((a, b) => {
    const c = compareByKeys(keys, a, b);
    if (c !== 0) return c;
    const pa = pks[a] as PrimaryKey;
    const pb = pks[b] as PrimaryKey;
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
  return unique.slice(offset, offset + limit);
}
