import { describe, expect, test } from 'vitest';
import { SeededRandom, hash53, hashParts, hexDigest } from './hash.js';

describe('hash53', () => {
  test('is stable for the same input and differs for different inputs', () => {
    expect(hash53('llama3.2')).toBe(hash53('llama3.2'));
    expect(hash53('llama3.2')).not.toBe(hash53('llama3.3'));
    expect(hash53('x', 1)).not.toBe(hash53('x', 2));
  });

  test('pins a known value so the output never drifts between releases', () => {
    expect(hash53('fakecontainers')).toMatchInlineSnapshot(`3589936196886581`);
  });
});

describe('hashParts', () => {
  test('keeps part boundaries', () => {
    expect(hashParts('ab', 'c')).not.toBe(hashParts('a', 'bc'));
    expect(hashParts('a', undefined)).not.toBe(hashParts('a', ''));
  });
});

describe('SeededRandom', () => {
  test('replays the same sequence for the same seed', () => {
    const a = SeededRandom.from('seed', 1);
    const b = SeededRandom.from('seed', 1);
    const seqA = Array.from({ length: 5 }, () => a.next());
    const seqB = Array.from({ length: 5 }, () => b.next());
    expect(seqA).toEqual(seqB);
    for (const value of seqA) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of seqA) expect(value).toBeLessThan(1);
  });

  test('int stays within its bounds and pick refuses an empty list', () => {
    const rng = new SeededRandom(7);
    for (let i = 0; i < 200; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  test('hexDigest has the requested length and alphabet', () => {
    const digest = hexDigest(64, 'model', 'llama3.2:latest');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(hexDigest(64, 'model', 'llama3.2:latest')).toBe(digest);
  });
});
