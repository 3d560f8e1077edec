import { SeededRandom, hashParts } from '../../../common/hash.js';
import { identifierParts, isStopword, stem, words } from './words.js';

/**
 * Deterministic embeddings that carry meaning: each word stem has a fixed pseudo-random direction
 * (per model), and a text's vector is the weighted sum of its stems' directions, normalised. Texts
 * that share words or stems therefore point the same way; unrelated texts are near-orthogonal. A
 * small dense, text-specific part keeps different texts with the same stems apart (and leaves no
 * component exactly zero).
 *
 * Stem directions are sparse (SPARSE_NONZERO components of ±1/√k at hashed positions): random sparse
 * vectors are as close to orthogonal as dense ones for this purpose, and summing them costs a fraction
 * of the dense arithmetic, which is what embedding throughput is made of.
 */
const RESIDUAL_POOL = 512;
const SPARSE_NONZERO = 64;

interface SparseDirection {
  index: Int32Array;
  value: Float64Array;
}

export class Embedder {
  readonly #model: string;
  readonly #dims: number;
  readonly #stems = new Map<string, SparseDirection>();
  readonly #pool = new Map<number, Float64Array>();
  readonly #maxCached: number;

  constructor(model: string, dims: number, maxCached = 8192) {
    this.#model = model;
    this.#dims = dims;
    this.#maxCached = maxCached;
  }

  get dims(): number {
    return this.#dims;
  }

  /** Unit-length vector for the text. */
  embed(text: string): Float64Array {
    const all = words(text);
    const counts = new Map<string, number>();
    // Identifier parts count too, so code search over camelCase finds `likeMatcher` by "matcher".
    for (const word of [...all, ...identifierParts(text)]) {
      if (word.length <= 1 || isStopword(word)) continue;
      const s = stem(word);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const rng = new SeededRandom(hashParts('residual', all.join(' ')));
    const residual = this.#residual(rng.int(0, RESIDUAL_POOL - 1));
    const out = new Float64Array(this.#dims);
    // Stopword-only or empty texts are all residual; otherwise it is a small part.
    const scale = counts.size === 0 ? 1 : 0.15;
    for (let i = 0; i < out.length; i++) out[i] = (residual[i] as number) * scale;
    for (const [s, count] of counts) {
      const direction = this.#stem(s);
      const weight = 1 + Math.log(count);
      const { index, value } = direction;
      for (let k = 0; k < index.length; k++) out[index[k] as number] += (value[k] as number) * weight;
    }
    return normalize(out);
  }

  #stem(word: string): SparseDirection {
    const hit = this.#stems.get(word);
    if (hit) return hit;
    const rng = new SeededRandom(hashParts('embedding', this.#model, 'w', word));
    const nonzero = Math.min(SPARSE_NONZERO, this.#dims);
    const index = new Int32Array(nonzero);
    const value = new Float64Array(nonzero);
    const magnitude = 1 / Math.sqrt(nonzero);
    for (let k = 0; k < nonzero; k++) {
      index[k] = rng.int(0, this.#dims - 1);
      value[k] = rng.next() < 0.5 ? -magnitude : magnitude;
    }
    if (this.#stems.size >= this.#maxCached) this.#stems.clear();
    const direction = { index, value };
    this.#stems.set(word, direction);
    return direction;
  }

  #residual(slot: number): Float64Array {
    const hit = this.#pool.get(slot);
    if (hit) return hit;
    const rng = new SeededRandom(hashParts('embedding', this.#model, 'pool', slot));
    const v = new Float64Array(this.#dims);
    for (let i = 0; i < v.length; i++) v[i] = rng.normal();
    normalize(v);
    this.#pool.set(slot, v);
    return v;
  }
}

export function normalize(v: Float64Array): Float64Array {
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

/** The component as the fake reports it: rounded (half away from zero) to {@link VECTOR_DECIMALS} places. */
export function quantize(x: number): number {
  return scaled(x) / SCALE;
}

function scaled(x: number): number {
  return x >= 0 ? Math.floor(x * SCALE + 0.5) : -Math.floor(-x * SCALE + 0.5);
}

/**
 * Writes vectors as a JSON array of arrays (`[[0.0123457,-0.5],[...]]`) straight into bytes. Embedding
 * replies are dominated by number formatting; writing fixed-point digits by hand is several times
 * faster than `JSON.stringify` of doubles and prints the same values {@link quantize} returns.
 */
export function vectorsJson(vectors: readonly Float64Array[]): Buffer {
  let capacity = 2;
  for (const v of vectors) capacity += v.length * (VECTOR_DECIMALS + 5) + 3;
  // Uninitialised memory, seen through a plain Uint8Array view: element stores stay monomorphic (a
  // Buffer's prototype differs) and nothing is zero-filled first.
  const buffer = Buffer.allocUnsafe(capacity);
  const out = new Uint8Array(buffer.buffer, buffer.byteOffset, capacity);
  let at = 0;
  out[at++] = 0x5b; // [
  for (let j = 0; j < vectors.length; j++) {
    if (j > 0) out[at++] = 0x2c;
    out[at++] = 0x5b;
    const v = vectors[j] as Float64Array;
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out[at++] = 0x2c;
      const x = v[i] as number;
      let k = scaled(x);
      if (k < 0) {
        out[at++] = 0x2d;
        k = -k;
      }
      if (k === 0) out[at++] = 0x30;
      else if (k < SCALE) {
        // The common case, |x| < 1: "0." and seven digits from two table lookups, trailing zeros cut.
        const hi = (k / 10_000) | 0;
        const lo = (k - hi * 10_000) << 2;
        const h = hi << 2;
        out[at] = 0x30;
        out[at + 1] = 0x2e;
        out[at + 2] = DIGITS[h + 1] as number;
        out[at + 3] = DIGITS[h + 2] as number;
        out[at + 4] = DIGITS[h + 3] as number;
        out[at + 5] = DIGITS[lo] as number;
        out[at + 6] = DIGITS[lo + 1] as number;
        out[at + 7] = DIGITS[lo + 2] as number;
        out[at + 8] = DIGITS[lo + 3] as number;
        at += 9;
        while (out[at - 1] === 0x30) at--;
      } else at = writeFixed(out, at, k);
    }
    out[at++] = 0x5d;
  }
  out[at++] = 0x5d;
  return buffer.subarray(0, at);
}

/** ASCII digits of 0000..9999, four bytes each: two table lookups print seven decimals. */
const DIGITS = new Uint8Array(40_000);
for (let i = 0; i < 10_000; i++) {
  DIGITS[i * 4] = 0x30 + Math.floor(i / 1000);
  DIGITS[i * 4 + 1] = 0x30 + (Math.floor(i / 100) % 10);
  DIGITS[i * 4 + 2] = 0x30 + (Math.floor(i / 10) % 10);
  DIGITS[i * 4 + 3] = 0x30 + (i % 10);
}

/** A non-negative scaled value of 1 or more: whole part, then the decimals (if any). */
function writeFixed(out: Uint8Array, at: number, k: number): number {
  const whole = Math.floor(k / SCALE);
  let frac = k - whole * SCALE;
  at = writeInt(out, at, whole);
  if (frac === 0) return at;
  out[at++] = 0x2e;
  for (let d = VECTOR_DECIMALS - 1; d >= 0; d--) {
    out[at + d] = 0x30 + (frac % 10);
    frac = Math.floor(frac / 10);
  }
  at += VECTOR_DECIMALS;
  while (out[at - 1] === 0x30) at--;
  return at;
}

function writeInt(out: Uint8Array, at: number, n: number): number {
  if (n < 10) {
    out[at++] = 0x30 + n;
    return at;
  }
  const text = String(n);
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}
