/**
 * Exact distance kernels. Every score is accumulated in float64 and reported as float32
 * (`Math.fround`), the width Milvus puts on the wire:
 *   L2       = Σ (qᵢ − xᵢ)²                      squared Euclidean, smaller is better
 *   IP       = Σ qᵢ·xᵢ                            larger is better
 *   COSINE   = IP / (‖q‖·‖x‖), 0 when a norm is 0  larger is better
 *   HAMMING  = popcount(q XOR x)                  smaller is better
 *   JACCARD  = 1 − popcount(q AND x) / popcount(q OR x), 0 when both are empty; smaller is better
 *   sparse IP = Σ over shared indices qᵢ·xᵢ        larger is better
 * Float16/BFloat16 elements are widened to float32 exactly through lookup tables; Int8 elements are
 * used as integers. Kernels read chunk memory in place: no allocation per row.
 */
import type { DenseChunk, SparseRow } from '../storage/vector-column.js';

export type MetricName = 'L2' | 'IP' | 'COSINE' | 'HAMMING' | 'JACCARD' | 'BM25';

/** Whether a larger score ranks first. */
export function largerIsBetter(metric: string): boolean {
  return metric === 'IP' || metric === 'COSINE' || metric === 'BM25';
}

let f16Table: Float32Array | undefined;
let bf16Table: Float32Array | undefined;

/** IEEE half precision to float32, for every one of the 65536 bit patterns. */
export function float16Table(): Float32Array {
  if (!f16Table) {
    f16Table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) {
      const sign = h & 0x8000 ? -1 : 1;
      const exp = (h >> 10) & 0x1f;
      const frac = h & 0x3ff;
      let v: number;
      if (exp === 0) v = frac * 2 ** -24;
      else if (exp === 31) v = frac ? Number.NaN : Number.POSITIVE_INFINITY;
      else v = (1 + frac / 1024) * 2 ** (exp - 15);
      f16Table[h] = sign * v;
    }
  }
  return f16Table;
}

/** bfloat16 (the top 16 bits of a float32) to float32. */
export function bfloat16Table(): Float32Array {
  if (!bf16Table) {
    bf16Table = new Float32Array(65536);
    const u32 = new Uint32Array(1);
    const f32 = new Float32Array(u32.buffer);
    for (let h = 0; h < 65536; h++) {
      u32[0] = h << 16;
      bf16Table[h] = f32[0] as number;
    }
  }
  return bf16Table;
}

const POPCOUNT = new Uint8Array(256);
for (let i = 0; i < 256; i++) POPCOUNT[i] = (i & 1) + (POPCOUNT[i >> 1] as number);

/** A query turned into float64 elements (dense) plus its norm, ready for a scan. */
export interface DenseQuery {
  readonly values: Float64Array;
  readonly norm: number;
}

export function denseQuery(elements: ArrayLike<number>, table?: Float32Array): DenseQuery {
  const values = new Float64Array(elements.length);
  let sq = 0;
  for (let i = 0; i < elements.length; i++) {
    const v = table ? (table[elements[i] as number] as number) : (elements[i] as number);
    values[i] = v;
    sq += v * v;
  }
  return { values, norm: Math.sqrt(sq) };
}

/** Score of one stored dense row against a dense query. */
export function denseScore(
  metric: string,
  q: DenseQuery,
  chunk: DenseChunk,
  offset: number,
  table: Float32Array | undefined,
): number {
  const qv = q.values;
  const d = qv.length;
  if (metric === 'L2') {
    let s = 0;
    if (table) {
      for (let i = 0; i < d; i++) {
        const t = (qv[i] as number) - (table[chunk[offset + i] as number] as number);
        s += t * t;
      }
    } else {
      for (let i = 0; i < d; i++) {
        const t = (qv[i] as number) - (chunk[offset + i] as number);
        s += t * t;
      }
    }
    return Math.fround(s);
  }
  let dot = 0;
  let sq = 0;
  if (table) {
    for (let i = 0; i < d; i++) {
      const x = table[chunk[offset + i] as number] as number;
      dot += (qv[i] as number) * x;
      sq += x * x;
    }
  } else if (metric === 'IP') {
    for (let i = 0; i < d; i++) dot += (qv[i] as number) * (chunk[offset + i] as number);
    return Math.fround(dot);
  } else {
    for (let i = 0; i < d; i++) {
      const x = chunk[offset + i] as number;
      dot += (qv[i] as number) * x;
      sq += x * x;
    }
  }
  if (metric === 'IP') return Math.fround(dot);
  const denominator = q.norm * Math.sqrt(sq);
  return Math.fround(denominator === 0 ? 0 : dot / denominator);
}

/** HAMMING or JACCARD between packed bit vectors. */
export function binaryScore(metric: string, q: Uint8Array, chunk: DenseChunk, offset: number): number {
  let xor = 0;
  let and = 0;
  let or = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i] as number;
    const b = chunk[offset + i] as number;
    xor += POPCOUNT[a ^ b] as number;
    and += POPCOUNT[a & b] as number;
    or += POPCOUNT[a | b] as number;
  }
  if (metric === 'HAMMING') return xor;
  return Math.fround(or === 0 ? 0 : 1 - and / or);
}

/** Inner product of two sparse rows (both sorted by index). */
export function sparseScore(q: SparseRow, x: SparseRow): number {
  let i = 0;
  let j = 0;
  let s = 0;
  const qi = q.indices;
  const xi = x.indices;
  while (i < qi.length && j < xi.length) {
    const a = qi[i] as number;
    const b = xi[j] as number;
    if (a === b) {
      s += (q.values[i++] as number) * (x.values[j++] as number);
    } else if (a < b) i++;
    else j++;
  }
  return Math.fround(s);
}
