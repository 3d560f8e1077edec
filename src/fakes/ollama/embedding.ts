import { SeededRandom, hashParts } from '../../common/hash.js';
import { contentStems, words } from './words.js';

/**
 * Deterministic embeddings that carry meaning: each word stem has a fixed pseudo-random direction
 * (per model), and a text's vector is the weighted sum of its stems' directions, normalised. Texts
 * that share words or stems therefore point the same way; unrelated texts are near-orthogonal. A
 * small per-text component keeps different texts with the same stems apart.
 */
const RESIDUAL_POOL = 512;
const RESIDUAL_MIX = 4;

export class Embedder {
  readonly #model: string;
  readonly #dims: number;
  readonly #directions = new Map<string, Float32Array>();
  readonly #maxCached: number;

  constructor(model: string, dims: number, maxCached = 4096) {
    this.#model = model;
    this.#dims = dims;
    this.#maxCached = maxCached;
  }

  get dims(): number {
    return this.#dims;
  }

  /** Unit-length vector for the text. */
  embed(text: string): Float64Array {
    const out = new Float64Array(this.#dims);
    const stems = contentStems(text);
    const counts = new Map<string, number>();
    for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (const [s, count] of counts) addScaled(out, this.#direction(`w:${s}`), 1 + Math.log(count));
    // A small text-specific part keeps different texts with the same stems apart, and gives
    // stopword-only or empty texts a stable vector. It mixes a few pooled directions chosen by the
    // text's hash: as distinctive as a fresh random vector, at the cost of a lookup.
    const residual = counts.size === 0 ? 1 : 0.15;
    const rng = new SeededRandom(hashParts('residual', words(text).join(' ')));
    for (let i = 0; i < RESIDUAL_MIX; i++) {
      const sign = rng.next() < 0.5 ? -1 : 1;
      addScaled(out, this.#direction(`pool:${rng.int(0, RESIDUAL_POOL - 1)}`), (sign * residual) / Math.sqrt(RESIDUAL_MIX));
    }
    normalize(out);
    return out;
  }

  #direction(key: string): Float32Array {
    const hit = this.#directions.get(key);
    if (hit) return hit;
    const rng = new SeededRandom(hashParts('embedding', this.#model, key));
    const v = new Float32Array(this.#dims);
    for (let i = 0; i < v.length; i++) v[i] = rng.normal();
    normalize(v);
    if (this.#directions.size >= this.#maxCached) this.#directions.clear();
    this.#directions.set(key, v);
    return v;
  }
}

function addScaled(target: Float64Array, source: Float32Array, scale: number): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] as number) * scale;
}

export function normalize<V extends Float32Array | Float64Array>(v: V): V {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) * (v[i] as number);
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** Keeps the first `dims` components and re-normalises (Ollama's `dimensions` option). */
export function truncateDims(v: Float64Array, dims: number): Float64Array {
  return dims >= v.length ? v : normalize(v.slice(0, dims));
}

/** Decimal places the fake prints per component: float32-like precision, and a fast exact formatter. */
export const VECTOR_DECIMALS = 7;
const SCALE = 10 ** VECTOR_DECIMALS;

/** The component as the fake reports it: rounded to {@link VECTOR_DECIMALS} places. */
export function quantize(x: number): number {
  return Math.round(x * SCALE) / SCALE;
}

/**
 * Writes vectors as a JSON array of arrays (`[[0.0123457,-0.5],[...]]`) straight into bytes. Embedding
 * replies are dominated by number formatting; writing fixed-point digits by hand is several times
 * faster than `JSON.stringify` of doubles and prints the same values {@link quantize} returns.
 */
export function vectorsJson(vectors: readonly ArrayLike<number>[]): Buffer {
  let capacity = 2;
  for (const v of vectors) capacity += v.length * (VECTOR_DECIMALS + 5) + 3;
  const out = Buffer.allocUnsafe(capacity);
  let at = 0;
  out[at++] = 0x5b; // [
  for (let j = 0; j < vectors.length; j++) {
    if (j > 0) out[at++] = 0x2c;
    out[at++] = 0x5b;
    const v = vectors[j] as ArrayLike<number>;
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out[at++] = 0x2c;
      at = writeFixed(out, at, v[i] as number);
    }
    out[at++] = 0x5d;
  }
  out[at++] = 0x5d;
  return out.subarray(0, at);
}

/** ASCII digits of 0000..9999, four bytes each: two table lookups print seven decimals. */
const DIGITS = new Uint8Array(40_000);
for (let i = 0; i < 10_000; i++) {
  DIGITS[i * 4] = 0x30 + Math.floor(i / 1000);
  DIGITS[i * 4 + 1] = 0x30 + (Math.floor(i / 100) % 10);
  DIGITS[i * 4 + 2] = 0x30 + (Math.floor(i / 10) % 10);
  DIGITS[i * 4 + 3] = 0x30 + (i % 10);
}

function writeFixed(out: Buffer, at: number, x: number): number {
  let k = Math.round(x * SCALE);
  if (k === 0) {
    out[at] = 0x30;
    return at + 1;
  }
  if (k < 0) {
    out[at++] = 0x2d;
    k = -k;
  }
  if (k >= SCALE) {
    const whole = Math.floor(k / SCALE);
    k -= whole * SCALE;
    at = writeInt(out, at, whole);
    if (k === 0) return at;
  } else out[at++] = 0x30;
  out[at++] = 0x2e;
  // VECTOR_DECIMALS is 7: three digits from the high part, four from the low part.
  const hi = (k / 10_000) | 0;
  const lo = k - hi * 10_000;
  out[at] = DIGITS[hi * 4 + 1] as number;
  out[at + 1] = DIGITS[hi * 4 + 2] as number;
  out[at + 2] = DIGITS[hi * 4 + 3] as number;
  out[at + 3] = DIGITS[lo * 4] as number;
  out[at + 4] = DIGITS[lo * 4 + 1] as number;
  out[at + 5] = DIGITS[lo * 4 + 2] as number;
  out[at + 6] = DIGITS[lo * 4 + 3] as number;
  let end = at + 7;
  while (out[end - 1] === 0x30) end--;
  return end;
}

function writeInt(out: Buffer, at: number, n: number): number {
  if (n < 10) {
    out[at++] = 0x30 + n;
    return at;
  }
  const text = String(n);
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}
