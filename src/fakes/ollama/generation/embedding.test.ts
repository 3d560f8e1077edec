import { describe, expect, test } from 'vitest';
import { Embedder, VECTOR_DECIMALS, quantize, truncateDims, vectorsJson } from './embedding.js';

describe('vectorsJson', () => {
  test('prints exactly the quantized values, parseable as JSON', () => {
    const values = [0, 1, -1, 0.5, -0.0000001, 0.1234567, -0.99999994, 0.00000004, 0.30000001, 2.5, -12.0000003];
    const parsed = JSON.parse(vectorsJson([Float64Array.from(values), new Float64Array()]).toString()) as number[][];
    expect(parsed[0]).toEqual(values.map(quantize));
    expect(parsed[1]).toEqual([]);
    expect(VECTOR_DECIMALS).toBe(7);
  });

  test('round-trips random unit-vector components', () => {
    const v = new Embedder('m', 256).embed('random components');
    const parsed = JSON.parse(vectorsJson([v]).toString()) as number[][];
    expect(parsed[0]).toEqual(Array.from(v, quantize));
  });
});

describe('Embedder', () => {
  test('is deterministic, unit length, and related texts are closer than unrelated ones', () => {
    const e = new Embedder('nomic-embed-text:latest', 768);
    const a = e.embed('the cat sat on the mat');
    expect(Array.from(a)).toEqual(Array.from(new Embedder('nomic-embed-text:latest', 768).embed('the cat sat on the mat')));
    const norm = Math.sqrt(a.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 10);
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, v, i) => s + v * (y[i] as number), 0);
    expect(dot(a, e.embed('cats sitting on mats'))).toBeGreaterThan(dot(a, e.embed('quarterly revenue projections')) + 0.3);
    expect(dot(a, e.embed('the mat on which a cat sat'))).toBeLessThan(0.9999);
  });

  test('truncation keeps the first dimensions and re-normalises', () => {
    const v = truncateDims(new Embedder('m', 64).embed('hello world'), 16);
    expect(v).toHaveLength(16);
    expect(Math.sqrt(v.reduce((s, x) => s + x * x, 0))).toBeCloseTo(1, 10);
  });
});
