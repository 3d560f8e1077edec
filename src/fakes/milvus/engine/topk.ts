/**
 * Bounded selection of the best K candidates under a total order: score first (by the metric's
 * direction), then primary key ascending. Because the order is total, the selected set and its order
 * do not depend on the order rows are visited in, so results are independent of insertion order,
 * batch sizes and concurrency.
 */
import type { PrimaryKey } from '../storage/table.js';

export interface Hit {
  readonly row: number;
  readonly score: number;
  readonly pk: PrimaryKey;
}

/** Negative when `a` ranks before `b`. */
export function compareHits(larger: boolean, a: Hit, b: Hit): number {
  if (a.score !== b.score) return larger ? b.score - a.score : a.score - b.score;
  return a.pk < b.pk ? -1 : a.pk > b.pk ? 1 : 0;
}

export class TopK {
  readonly #k: number;
  readonly #larger: boolean;
  readonly #scores: Float64Array;
  readonly #rows: Int32Array;
  readonly #pkOf: (row: number) => PrimaryKey;
  #size = 0;

  constructor(k: number, larger: boolean, pkOf: (row: number) => PrimaryKey) {
    this.#k = k;
    this.#larger = larger;
    this.#scores = new Float64Array(Math.max(1, k));
    this.#rows = new Int32Array(Math.max(1, k));
    this.#pkOf = pkOf;
  }

  /** Whether (scoreA,rowA) ranks after (scoreB,rowB): the heap keeps the worst kept hit at its root. */
  #worse(scoreA: number, rowA: number, scoreB: number, rowB: number): boolean {
    if (scoreA !== scoreB) return this.#larger ? scoreA < scoreB : scoreA > scoreB;
    const a = this.#pkOf(rowA);
    const b = this.#pkOf(rowB);
    return a > b;
  }

  /** Cheap pre-check for the scan loop: could a hit with this score still enter? */
  accepts(score: number): boolean {
    if (this.#size < this.#k) return true;
    const root = this.#scores[0] as number;
    return this.#larger ? score >= root : score <= root;
  }

  push(row: number, score: number): void {
    if (this.#k === 0) return;
    if (this.#size < this.#k) {
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.#worse(score, row, this.#scores[parent] as number, this.#rows[parent] as number)) break;
        this.#scores[i] = this.#scores[parent] as number;
        this.#rows[i] = this.#rows[parent] as number;
        i = parent;
      }
      this.#scores[i] = score;
      this.#rows[i] = row;
      return;
    }
    if (!this.#worse(this.#scores[0] as number, this.#rows[0] as number, score, row)) return;
    let i = 0;
    const n = this.#size;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let worst = left;
      if (right < n && this.#worse(this.#scores[right] as number, this.#rows[right] as number, this.#scores[left] as number, this.#rows[left] as number)) {
        worst = right;
      }
      if (!this.#worse(this.#scores[worst] as number, this.#rows[worst] as number, score, row)) break;
      this.#scores[i] = this.#scores[worst] as number;
      this.#rows[i] = this.#rows[worst] as number;
      i = worst;
    }
    this.#scores[i] = score;
    this.#rows[i] = row;
  }

  /** The kept hits, best first. */
  sorted(): Hit[] {
    const hits: Hit[] = [];
    for (let i = 0; i < this.#size; i++) {
      const row = this.#rows[i] as number;
      hits.push({ row, score: this.#scores[i] as number, pk: this.#pkOf(row) });
    }
    return hits.sort((a, b) => compareHits(this.#larger, a, b));
  }
}
