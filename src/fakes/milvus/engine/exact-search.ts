/**
 * Exact (brute-force) vector search over one collection. For each query: every visible row of the
 * readable partitions that passes the filter and has a non-null vector is scored with the index's
 * metric; range search keeps `range_filter <= d < radius` (smaller-is-better metrics) or
 * `radius < s <= range_filter` (larger-is-better); the best `offset + topk` under (score, primary key
 * ascending) are kept and the first `offset` dropped. Grouping keeps, in that same order, the first
 * `group_size` hits of each of the first `offset + topk` distinct group values, and returns groups in
 * the order of their best hit. An iterator cursor drops every hit that ranks at or before it.
 */
import type { Collection } from './collection.js';
import type { CompiledFilter } from '../expr/index.js';
import { binaryScore, bfloat16Table, denseQuery, denseScore, float16Table, largerIsBetter, sparseScore } from './metrics.js';
import type { FieldDef } from '../schema/index.js';
import { compareHits, TopK, type Hit } from './topk.js';
import type { PrimaryKey, RowTable } from '../storage/table.js';
import { CHUNK_MASK, CHUNK_SHIFT, DenseVectorColumn, SparseVectorColumn, type SparseRow } from '../storage/vector-column.js';
import { bm25Source, eligibility, type Bm25Params } from './bm25-search.js';

/** One query vector in its stored representation. */
export type QueryVector = Float32Array | Uint16Array | Uint8Array | Int8Array | SparseRow;

export interface AnnPlan {
  readonly field: FieldDef;
  readonly metric: string;
  readonly queries: readonly QueryVector[];
  readonly filter: CompiledFilter;
  readonly partitions: ReadonlySet<number>;
  readonly topk: number;
  readonly offset: number;
  readonly radius?: number;
  readonly rangeFilter?: number;
  readonly groupBy?: { readonly field: FieldDef; readonly size: number; readonly strict: boolean };
  /** Iterator cursor: only hits ranking strictly after (score, pk) are returned. */
  readonly after?: { readonly score: number; readonly pk?: PrimaryKey };
  /** BM25 metric: the queries are term counts, scored over the column's inverted index (bm25-search.ts). */
  readonly bm25?: Bm25Params;
}

export interface AnnResult {
  readonly hits: Hit[][];
  /** Group value per hit when grouping. */
  readonly groupValues?: unknown[][];
}

/**
 * Rows a search or query may return: visible, in a readable partition, matching the filter. Every
 * copy of a duplicated primary key is a candidate (each segment filters its own rows); callers
 * deduplicate as their reduce step does.
 */
export function candidateRows(collection: Collection, filter: CompiledFilter, partitions: ReadonlySet<number>): Int32Array {
  const table = collection.table;
  const alive = table.alive;
  const partitionOf = table.partitionOf;
  const allowed = new Uint8Array(collection.partitions.length);
  for (const p of partitions) allowed[p] = 1;
  if (filter.primaryKeys) {
    const rows: number[] = [];
    for (const key of new Set(filter.primaryKeys)) {
      for (const row of table.rowsOf(key)) if (allowed[partitionOf[row] as number] === 1) rows.push(row);
    }
    return Int32Array.from(rows.sort((a, b) => a - b));
  }
  const out = new Int32Array(table.size);
  let n = 0;
  const single = filter.matchesAll ? undefined : filter.column;
  if (single) {
    // One field read: test its values directly instead of through the per-row accessor.
    const isPk = table.schema.fields.some((f) => f.isPrimaryKey && f.name === single.field);
    const values: ArrayLike<unknown> = isPk ? table.pks : (table.scalars.get(single.field) ?? []);
    const matches = single.matches;
    const size = table.size;
    const onePartition = allowed.length === 1 && allowed[0] === 1;
    if (onePartition && table.liveCount === size) {
      // Every row visible and readable: the value test alone decides.
      for (let row = 0; row < size; row++) if (matches(values[row])) out[n++] = row;
      return out.subarray(0, n);
    }
    for (let row = 0; row < size; row++) {
      if (alive[row] !== 1 || (!onePartition && allowed[partitionOf[row] as number] !== 1)) continue;
      if (matches(values[row])) out[n++] = row;
    }
    return out.subarray(0, n);
  }
  const accessor = rowAccessor(table);
  for (let row = 0; row < table.size; row++) {
    if (alive[row] !== 1 || allowed[partitionOf[row] as number] !== 1) continue;
    if (!filter.matchesAll) {
      accessor.row = row;
      if (!filter.matches(accessor.read)) continue;
    }
    out[n++] = row;
  }
  return out.subarray(0, n);
}

/**
 * How many rows {@link candidateRows} would return, without collecting them: `count(*)` over a table
 * whose rows are all visible in one partition, with a one-field filter, is a tight counting loop.
 */
export function countCandidates(collection: Collection, filter: CompiledFilter, partitions: ReadonlySet<number>): number {
  const table = collection.table;
  const single = filter.matchesAll || filter.primaryKeys ? undefined : filter.column;
  const onePartition = collection.partitions.length === 1 && partitions.has(0);
  if (!single || !onePartition || table.liveCount !== table.size) return candidateRows(collection, filter, partitions).length;
  const isPk = table.schema.fields.some((f) => f.isPrimaryKey && f.name === single.field);
  const values: ArrayLike<unknown> = isPk ? table.pks : (table.scalars.get(single.field) ?? []);
  const matches = single.matches;
  let n = 0;
  for (let row = 0; row < table.size; row++) if (matches(values[row])) n++;
  return n;
}

/** A name no field can have: the accessor answers it with the row's write time (collection TTL reads it). */
export const WRITE_TIME_FIELD = '\u0000write_time_ms';

/** One reusable accessor per scan: reading a field of "the current row" without allocating per row. */
export function rowAccessor(table: RowTable): { row: number; read: (field: string) => unknown } {
  const pkName = table.schema.fields.find((f) => f.isPrimaryKey)?.name;
  const state = {
    row: 0,
    read: (field: string): unknown => {
      if (field === pkName) return table.pks[state.row];
      if (field === WRITE_TIME_FIELD) return table.writeTimeOf(state.row);
      if (field === '$meta') return table.dynamic[state.row] ?? {};
      const column = table.scalars.get(field);
      return column ? column[state.row] : undefined;
    },
  };
  return state;
}

function inRange(plan: AnnPlan, larger: boolean, score: number): boolean {
  if (plan.radius === undefined) return true;
  if (larger) return score > plan.radius && (plan.rangeFilter === undefined || score <= plan.rangeFilter);
  return score < plan.radius && (plan.rangeFilter === undefined || score >= plan.rangeFilter);
}

function afterCursor(plan: AnnPlan, larger: boolean, score: number, pk: PrimaryKey): boolean {
  const after = plan.after;
  if (!after) return true;
  if (score !== after.score) return larger ? score < after.score : score > after.score;
  return after.pk === undefined ? false : pk > after.pk;
}

type Scorer = (row: number) => number;

function scorerFor(collection: Collection, plan: AnnPlan, query: QueryVector): Scorer {
  const column = collection.table.vectors.get(plan.field.name);
  if (column instanceof SparseVectorColumn) {
    const q = query as SparseRow;
    return (row) => sparseScore(q, column.rows[row] as SparseRow);
  }
  const dense = column as DenseVectorColumn;
  const chunks = dense.chunks;
  const stride = dense.stride;
  if (plan.field.type === 'BinaryVector') {
    const q = query as Uint8Array;
    return (row) => binaryScore(plan.metric, q, chunks[row >>> CHUNK_SHIFT] as Uint8Array, (row & CHUNK_MASK) * stride);
  }
  const table =
    plan.field.type === 'Float16Vector' ? float16Table() : plan.field.type === 'BFloat16Vector' ? bfloat16Table() : undefined;
  const q = denseQuery(query as ArrayLike<number>, table);
  const metric = plan.metric;
  return (row) => denseScore(metric, q, chunks[row >>> CHUNK_SHIFT] as Float32Array, (row & CHUNK_MASK) * stride, table);
}

export function annSearch(collection: Collection, plan: AnnPlan): AnnResult {
  const table = collection.table;
  const column = table.vectors.get(plan.field.name);
  let shared: Int32Array | undefined;
  const allRows = (): Int32Array => (shared ??= candidateRows(collection, plan.filter, plan.partitions));
  const eligible = plan.bm25 ? eligibility(collection, plan.filter, plan.partitions, allRows) : undefined;
  const larger = largerIsBetter(plan.metric);
  const pkOf = (row: number): PrimaryKey => table.pks[row] as PrimaryKey;
  const hits: Hit[][] = [];
  const groupValues: unknown[][] = [];
  for (const query of plan.queries) {
    const source =
      plan.bm25 && eligible
        ? bm25Source(collection, column as SparseVectorColumn, query as SparseRow, plan.bm25, eligible)
        : { rows: allRows(), score: scorerFor(collection, plan, query) };
    const { rows, score } = source;
    const keep = plan.offset + plan.topk;
    if (!plan.groupBy) {
      const top = new TopK(keep, larger, pkOf);
      // Copies of one key: only the best-scoring one is a hit (the proxy's search reduce skips an
      // id it has already taken, and it meets hits best first).
      const bestCopy = table.hasCopies ? new Map<PrimaryKey, Hit>() : undefined;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as number;
        if (column?.isNull(row)) continue;
        const s = score(row);
        if (!top.accepts(s) || !inRange(plan, larger, s)) continue;
        if (plan.after && !afterCursor(plan, larger, s, pkOf(row))) continue;
        if (bestCopy && table.copies.has(pkOf(row))) {
          const seen = bestCopy.get(pkOf(row));
          if (!seen || betterCopy(table, larger, row, s, seen)) bestCopy.set(pkOf(row), { row, score: s, pk: pkOf(row) });
          continue;
        }
        top.push(row, s);
      }
      if (bestCopy) for (const hit of bestCopy.values()) top.push(hit.row, hit.score);
      hits.push(top.sorted().slice(plan.offset));
      continue;
    }
    const all: Hit[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      if (column?.isNull(row)) continue;
      const s = score(row);
      if (inRange(plan, larger, s)) all.push({ row, score: s, pk: pkOf(row) });
    }
    all.sort((a, b) => compareHits(larger, a, b) || (table.winsOver(a.row, b.row) ? -1 : 1));
    const grouped = groupHits(collection, table.hasCopies ? firstPerKey(all) : all, plan.groupBy, keep);
    const kept = grouped.slice(plan.offset).flat();
    hits.push(kept.map((g) => g.hit));
    groupValues.push(kept.map((g) => g.value));
  }
  return plan.groupBy ? { hits, groupValues } : { hits };
}

/** Of two copies of one key, whether (row, score) beats `seen`: a better score, then the winning copy. */
function betterCopy(table: RowTable, larger: boolean, row: number, score: number, seen: Hit): boolean {
  if (score !== seen.score) return larger ? score > seen.score : score < seen.score;
  return table.winsOver(row, seen.row);
}

/** Hits sorted best first, keeping the first (best) hit of each primary key. */
function firstPerKey(sorted: readonly Hit[]): Hit[] {
  const seen = new Set<PrimaryKey>();
  return sorted.filter((hit) => (seen.has(hit.pk) ? false : (seen.add(hit.pk), true)));
}

function groupHits(
  collection: Collection,
  sorted: readonly Hit[],
  groupBy: NonNullable<AnnPlan['groupBy']>,
  maxGroups: number,
): Array<Array<{ hit: Hit; value: unknown }>> {
  const values = groupBy.field.isPrimaryKey ? collection.table.pks : (collection.table.scalars.get(groupBy.field.name) ?? []);
  const groups = new Map<unknown, Array<{ hit: Hit; value: unknown }>>();
  for (const hit of sorted) {
    const value = values[hit.row] ?? null;
    let group = groups.get(value);
    if (!group) {
      if (groups.size >= maxGroups) continue;
      group = [];
      groups.set(value, group);
    }
    if (group.length < groupBy.size) group.push({ hit, value });
  }
  return [...groups.values()];
}
