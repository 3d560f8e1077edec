/**
 * BM25 scoring of a text query over the live rows, as segcore and knowhere compute it:
 *   weight(t) = tf_query(t) × idf(t),  idf = ln(1 + (N − n(t) + 0.5)/(n(t) + 0.5))   (BM25Stats.BuildIDF)
 *   score(d)  = Σ_t weight(t) × tf·(k1+1)/(tf + k1·(1 − b + b·dl/avgdl))            (GetDocValueBM25Computer)
 * with N the live rows, n(t) the live rows holding t, dl the row's token count and avgdl = tokens/N
 * (at least 1, as knowhere clamps it), all in float32; only rows sharing a term with the query are hits.
 * `drop_ratio_search` drops the query terms whose weight is below the weight at that quantile
 * (knowhere's sparse search). Statistics span the whole collection (every partition), like the
 * server's per-channel IDF oracle, but count live rows only (the server keeps deleted rows in its
 * statistics until a compaction).
 */
import type { Collection } from './collection.js';
import type { CompiledFilter } from '../expr/index.js';
import { docValue, idf } from '../text/index.js';
import { bm25IndexOf, liveStats } from './bm25-index.js';
import type { SparseRow, SparseVectorColumn } from '../storage/vector-column.js';

export interface Bm25Params {
  readonly k1: number;
  readonly b: number;
  readonly dropRatio: number;
}

export interface CandidateSource {
  readonly rows: Int32Array;
  readonly score: (row: number) => number;
}

export function bm25Source(
  collection: Collection,
  column: SparseVectorColumn,
  query: SparseRow,
  params: Bm25Params,
  eligible: (row: number) => boolean,
): CandidateSource {
  const table = collection.table;
  const index = bm25IndexOf(column);
  const stats = liveStats(index, column, table);
  const alive = table.alive;
  const terms: Array<{ posting: NonNullable<ReturnType<typeof index.postings.get>>; weight: number }> = [];
  for (let i = 0; i < query.indices.length; i++) {
    const posting = index.postings.get(query.indices[i] as number);
    if (!posting) continue;
    let n = 0;
    for (let j = 0; j < posting.length; j++) if (alive[posting.rows[j] as number] === 1) n++;
    if (n === 0) continue;
    terms.push({ posting, weight: Math.fround((query.values[i] as number) * idf(stats.rows, n)) });
  }
  let kept = terms;
  if (params.dropRatio > 0 && terms.length > 0) {
    const sorted = terms.map((t) => Math.abs(t.weight)).sort((a, b) => a - b);
    const threshold = sorted[Math.floor(sorted.length * params.dropRatio)] as number;
    kept = terms.filter((t) => Math.abs(t.weight) >= threshold);
  }
  const avgdl = Math.max(stats.rows === 0 ? 0 : Math.fround(stats.tokens / stats.rows), 1);
  const scores = new Map<number, number>();
  for (const { posting, weight } of kept) {
    for (let j = 0; j < posting.length; j++) {
      const row = posting.rows[j] as number;
      if (alive[row] !== 1) continue;
      const value = Math.fround(weight * docValue(posting.tfs[j] as number, index.docLen[row] as number, params.k1, params.b, avgdl));
      scores.set(row, Math.fround((scores.get(row) ?? 0) + value));
    }
  }
  const rows = Int32Array.from([...scores.keys()].filter(eligible)).sort();
  return { rows, score: (row) => scores.get(row) ?? 0 };
}

/** Which rows a filter and partition set allow, as a test (one pass over the table only when filtered). */
export function eligibility(
  collection: Collection,
  filter: CompiledFilter,
  partitions: ReadonlySet<number>,
  candidates: () => Int32Array,
): (row: number) => boolean {
  if (!filter.matchesAll) {
    const allowed = new Uint8Array(collection.table.size);
    for (const row of candidates()) allowed[row] = 1;
    return (row) => allowed[row] === 1;
  }
  const partitionOf = collection.table.partitionOf;
  return (row) => partitions.has(partitionOf[row] as number);
}
