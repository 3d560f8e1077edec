import { SeededRandom, hashParts } from '../../common/hash.js';
import { contentStems, words } from './words.js';

/**
 * Deterministic embeddings that carry meaning: each word stem has a fixed pseudo-random direction
 * (per model), and a text's vector is the weighted sum of its stems' directions, normalised. Texts
 * that share words or stems therefore point the same way; unrelated texts are near-orthogonal. A
 * small per-text component keeps different texts with the same stems apart.
 */
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
    // Stopword-only or empty texts still get a stable, text-specific vector.
    const residual = counts.size === 0 ? 1 : 0.15;
    addScaled(out, this.#direction(`t:${words(text).join(' ')}`, false), residual);
    normalize(out);
    return out;
  }

  #direction(key: string, cache = true): Float32Array {
    const hit = this.#directions.get(key);
    if (hit) return hit;
    const rng = new SeededRandom(hashParts('embedding', this.#model, key));
    const v = new Float32Array(this.#dims);
    for (let i = 0; i < v.length; i++) v[i] = rng.normal();
    normalize(v);
    if (cache) {
      if (this.#directions.size >= this.#maxCached) this.#directions.clear();
      this.#directions.set(key, v);
    }
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

function writeFixed(out: Buffer, at: number, x: number): number {
  let k = Math.round(x * SCALE);
  if (k === 0) {
    out[at++] = 0x30;
    return at;
  }
  if (k < 0) {
    out[at++] = 0x2d;
    k = -k;
  }
  const whole = Math.floor(k / SCALE);
  let frac = k - whole * SCALE;
  at = writeInt(out, at, whole);
  if (frac === 0) return at;
  let digits = VECTOR_DECIMALS;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  out[at++] = 0x2e;
  for (let d = digits - 1; d >= 0; d--) {
    out[at + d] = 0x30 + (frac % 10);
    frac = Math.floor(frac / 10);
  }
  return at + digits;
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
