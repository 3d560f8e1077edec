/**
 * The BM25 function's per-document output (bm25_function.go): each token's hash maps to how often the
 * token occurs, as a sparse row sorted by index; and the scoring pieces segcore uses (storage
 * BM25Stats.BuildIDF, knowhere GetDocValueBM25Computer), in float32 as the server computes them.
 */
import { tokenHash } from './hash.js';

export interface TermCounts {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/**
 * @example
 * termCounts(['a', 'b', 'a']); // indices sorted by hash, values [2, 1] or [1, 2]
 */
export function termCounts(terms: readonly string[]): TermCounts {
  const counts = new Map<number, number>();
  for (const term of terms) {
    const h = tokenHash(term);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const indices = Uint32Array.from(counts.keys()).sort();
  const values = new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) values[i] = counts.get(indices[i] as number) as number;
  return { indices, values };
}

/** idf = ln(1 + (N − n + 0.5)/(n + 0.5)) in float64, stored as float32 (BM25Stats.BuildIDF). */
export function idf(numRows: number, rowsWithTerm: number): number {
  return Math.fround(Math.log(1 + (numRows - rowsWithTerm + 0.5) / (rowsWithTerm + 0.5)));
}

/** tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)) in float32 (GetDocValueBM25Computer). */
export function docValue(tf: number, docLen: number, k1: number, b: number, avgdl: number): number {
  const f = Math.fround;
  const norm = f(f(1 - b) + f(b * f(docLen / avgdl)));
  return f(f(tf * f(k1 + 1)) / f(tf + f(k1 * norm)));
}
