/**
 * Shared helpers for the Milvus client tests: deterministic vectors and the exact computations the
 * tests compare the fake against.
 */
import { SeededRandom } from '../../src/common/hash.js';

export function randomVectors(count: number, dim: number, seed: string): number[][] {
  const rng = SeededRandom.from(seed);
  return Array.from({ length: count }, () => Array.from({ length: dim }, () => Math.fround(rng.next() * 2 - 1)));
}

/** Scores the way the fake documents them: float64 accumulation of float32 elements, reported as float32. */
export function score(metric: 'L2' | 'IP' | 'COSINE', q: readonly number[], x: readonly number[]): number {
  const qf = q.map(Math.fround);
  const xf = x.map(Math.fround);
  if (metric === 'L2') return Math.fround(qf.reduce((s, v, i) => s + (v - (xf[i] as number)) ** 2, 0));
  const dot = qf.reduce((s, v, i) => s + v * (xf[i] as number), 0);
  if (metric === 'IP') return Math.fround(dot);
  const nq = Math.sqrt(qf.reduce((s, v) => s + v * v, 0));
  const nx = Math.sqrt(xf.reduce((s, v) => s + v * v, 0));
  return Math.fround(nq * nx === 0 ? 0 : dot / (nq * nx));
}

/** Exact top-k: (score by metric direction, then id ascending). */
export function topK(
  metric: 'L2' | 'IP' | 'COSINE',
  query: readonly number[],
  rows: ReadonlyArray<{ id: number; vector: readonly number[] }>,
  k: number,
): Array<{ id: number; score: number }> {
  const larger = metric !== 'L2';
  return rows
    .map((r) => ({ id: r.id, score: score(metric, query, r.vector) }))
    .sort((a, b) => (a.score !== b.score ? (larger ? b.score - a.score : a.score - b.score) : a.id - b.id))
    .slice(0, k);
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}
