/**
 * Hybrid-search rerankers. Each sub-search yields a ranked list (rank 1 = best); a row's fused score:
 *   RRF:      Σᵢ 1 / (k + rankᵢ)                over the lists the row appears in (k defaults to 60)
 *   weighted: Σᵢ wᵢ · norm(scoreᵢ)               with the metric's normalisation (unless norm_score=false):
 *             IP: 0.5 + atan(s)/π;  BM25: 2·atan(s)/π;  COSINE: (1 + s)/2;  L2, HAMMING, JACCARD: 1 − 2·atan(s)/π
 *             (proxy reScorer / rerank getNormalizeFunc)
 * Fused scores are reported as float32; ties are broken by primary key ascending.
 */
import { compareHits, type Hit } from './topk.js';

export function normalise(metric: string, score: number): number {
  switch (metric) {
    case 'IP':
      return 0.5 + Math.atan(score) / Math.PI;
    case 'BM25':
      return (2 * Math.atan(score)) / Math.PI;
    case 'COSINE':
      return (1 + score) * 0.5;
    default:
      return 1 - (2 * Math.atan(score)) / Math.PI;
  }
}

function fuse(lists: readonly Hit[][], contribution: (list: number, rank: number, hit: Hit) => number): Hit[] {
  // Keyed by primary key, as the proxy's rerank is: copies of a duplicated key that two sub-searches
  // found fuse into one hit (the first list's copy supplies the output fields).
  const fused = new Map<Hit['pk'], Hit>();
  lists.forEach((list, li) => {
    list.forEach((hit, index) => {
      const add = contribution(li, index + 1, hit);
      const previous = fused.get(hit.pk);
      fused.set(hit.pk, { row: previous?.row ?? hit.row, pk: hit.pk, score: (previous?.score ?? 0) + add });
    });
  });
  const out = [...fused.values()].map((h) => ({ ...h, score: Math.fround(h.score) }));
  return out.sort((a, b) => compareHits(true, a, b));
}

export function rrf(lists: readonly Hit[][], k: number): Hit[] {
  return fuse(lists, (_list, rank) => 1 / (k + rank));
}

export function weighted(lists: readonly Hit[][], weights: readonly number[], metrics: readonly string[], normScore: boolean): Hit[] {
  return fuse(lists, (list, _rank, hit) => {
    const w = weights[list] ?? 0;
    return w * (normScore ? normalise(metrics[list] ?? 'IP', hit.score) : hit.score);
  });
}
