/**
 * Hash-seeded determinism. Everything that looks random in the fakes (ids, prose, vectors) is drawn
 * from a generator seeded by a hash of the inputs, so the same inputs give the same bytes.
 */

/** 53-bit string hash (cyrb53): fast, well mixed, stable across runs and Node versions. */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A 53-bit hash of a JSON-like value with object keys in sorted order, so equal values hash equal
 * whatever their key order. Walks the value without building its text.
 */
export function hashValue(value: unknown, seed = 0): number {
  const state = { h1: 0xdeadbeef ^ seed, h2: 0x41c6ce57 ^ seed };
  mixValue(state, value);
  let { h1, h2 } = state;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

interface HashState {
  h1: number;
  h2: number;
}

function mixText(state: HashState, text: string): void {
  let { h1, h2 } = state;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  // A terminator keeps boundaries: ("ab","c") and ("a","bc") differ.
  h1 = Math.imul(h1 ^ 0x1f, 2654435761);
  h2 = Math.imul(h2 ^ text.length, 1597334677);
  state.h1 = h1;
  state.h2 = h2;
}

function mixValue(state: HashState, value: unknown): void {
  if (value === null || value === undefined) return mixText(state, value === null ? '\u0000null' : '\u0000undefined');
  switch (typeof value) {
    case 'string':
      return mixText(state, value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return mixText(state, `\u0001${String(value)}`);
    case 'object':
      break;
    default:
      return mixText(state, '\u0000other');
  }
  if (Array.isArray(value)) {
    mixText(state, `\u0002[${value.length}`);
    for (const item of value) mixValue(state, item);
    return;
  }
  const keys = Object.keys(value).sort();
  mixText(state, `\u0003{${keys.length}`);
  for (const key of keys) {
    mixText(state, key);
    mixValue(state, (value as Record<string, unknown>)[key]);
  }
}

/** Hash of several parts; parts are length-prefixed so ("ab","c") and ("a","bc") differ. */
export function hashParts(...parts: ReadonlyArray<string | number | undefined>): number {
  let text = '';
  for (const part of parts) {
    const s = part === undefined ? '\u0000' : String(part);
    text += `${s.length}:${s};`;
  }
  return hash53(text);
}

/** A small deterministic generator (mulberry32 over a 32-bit state). */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = (seed ^ (seed / 4294967296)) >>> 0;
  }

  static from(...parts: ReadonlyArray<string | number | undefined>): SeededRandom {
    return new SeededRandom(hashParts(...parts));
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Approximately standard normal (sum of uniforms; cheap and bounded). */
  normal(): number {
    return this.next() + this.next() + this.next() + this.next() - 2;
  }

  /** `length` characters from `alphabet`. */
  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

/** Deterministic lowercase hex of the given length, derived from the parts. */
export function hexDigest(length: number, ...parts: ReadonlyArray<string | number>): string {
  const rng = SeededRandom.from(...parts);
  return rng.string(length, '0123456789abcdef');
}
