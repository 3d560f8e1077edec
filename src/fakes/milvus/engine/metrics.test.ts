import { describe, expect, test } from 'vitest';
import { bfloat16Table, binaryScore, denseQuery, denseScore, float16Table, largerIsBetter, sparseScore } from './metrics.js';
import { normalise, rrf, weighted } from './rerank.js';
import { toBFloat16Bits, toFloat16Bits } from '../storage/rows.js';
import { TopK, type Hit } from './topk.js';

describe('half-precision tables', () => {
  test('decode IEEE half and bfloat16 bit patterns exactly', () => {
    const f16 = float16Table();
    expect([f16[0x3c00], f16[0xc000], f16[0x7bff], f16[0x0001], f16[0x7c00], f16[0x8000]]).toEqual([1, -2, 65504, 2 ** -24, Infinity, -0]);
    expect(Number.isNaN(f16[0x7e00])).toBe(true);
    const bf16 = bfloat16Table();
    expect([bf16[0x3f80], bf16[0xc040], bf16[0x3e80]]).toEqual([1, -3, 0.25]);
  });

  test('float32 to half rounds to nearest even; bfloat16 truncates like the SDK', () => {
    expect(toFloat16Bits(0.1)).toBe(0x2e66);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(70000)).toBe(0x7c00);
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(toFloat16Bits(2 ** -25)).toBe(0);
    expect(toBFloat16Bits(1.00999)).toBe(0x3f81);
  });
});

describe('dense kernels', () => {
  const row = new Float32Array([0, 0, 1, 2, 3, 0]);
  test('L2 is squared, IP is a dot product, COSINE normalises both sides', () => {
    const q = denseQuery([1, 2, 2]);
    expect(denseScore('L2', q, row, 3, undefined)).toBe(Math.fround(1 + 1 + 4));
    expect(denseScore('IP', q, row, 3, undefined)).toBe(Math.fround(2 + 6 + 0));
    expect(denseScore('COSINE', q, row, 3, undefined)).toBe(Math.fround(8 / (3 * Math.sqrt(13))));
    expect(denseScore('COSINE', denseQuery([0, 0, 0]), row, 3, undefined)).toBe(0);
    expect(largerIsBetter('L2')).toBe(false);
    expect(largerIsBetter('COSINE')).toBe(true);
  });

  test('half-precision rows go through the table', () => {
    const bits = new Uint16Array([0x3c00, 0x4000]);
    const q = denseQuery(new Uint16Array([0x3c00, 0x3c00]), float16Table());
    expect(denseScore('IP', q, bits, 0, float16Table())).toBe(3);
  });

  test('binary and sparse kernels', () => {
    const stored = new Uint8Array([0b1111_0000, 0b0000_0001]);
    expect(binaryScore('HAMMING', new Uint8Array([0b1000_0001, 0b0000_0001]), stored, 0)).toBe(4);
    expect(binaryScore('JACCARD', new Uint8Array([0b1000_0001, 0b0000_0001]), stored, 0)).toBe(Math.fround(1 - 2 / 6));
    expect(binaryScore('JACCARD', new Uint8Array([0, 0]), new Uint8Array([0, 0]), 0)).toBe(0);
    const a = { indices: Uint32Array.from([1, 5, 9]), values: Float32Array.from([2, 3, 4]) };
    const b = { indices: Uint32Array.from([0, 5, 9, 12]), values: Float32Array.from([7, 0.5, 0.25, 1]) };
    expect(sparseScore(a, b)).toBe(Math.fround(1.5 + 1));
  });
});

describe('top-k selection', () => {
  test('keeps the K best under (score, primary key), whatever the visiting order', () => {
    const pks = [50n, 10n, 30n, 20n, 40n, 60n];
    const scores = [0.5, 0.9, 0.9, 0.1, 0.9, 0.7];
    const orders = [
      [0, 1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1, 0],
      [2, 0, 4, 1, 5, 3],
    ];
    for (const order of orders) {
      const top = new TopK(4, true, (row) => pks[row] as bigint);
      for (const row of order) top.push(row, scores[row] as number);
      expect(top.sorted().map((h) => h.pk)).toEqual([10n, 30n, 40n, 60n]);
    }
    const smallest = new TopK(2, false, (row) => pks[row] as bigint);
    for (const row of [0, 1, 2, 3, 4, 5]) smallest.push(row, scores[row] as number);
    expect(smallest.sorted().map((h) => h.score)).toEqual([0.1, 0.5]);
  });
});

describe('rerankers', () => {
  const hit = (row: number, score: number): Hit => ({ row, score, pk: BigInt(row) });
  test('RRF sums 1/(k + rank) and breaks ties by key', () => {
    const fused = rrf([[hit(1, 9), hit(2, 8)], [hit(2, 0.1), hit(3, 0.05)]], 60);
    expect(fused.map((h) => [h.row, h.score])).toEqual([
      [2, Math.fround(1 / 62 + 1 / 61)],
      [1, Math.fround(1 / 61)],
      [3, Math.fround(1 / 62)],
    ]);
  });

  test('weighted applies the metric normalisation', () => {
    expect(normalise('IP', 0)).toBe(0.5);
    expect(normalise('COSINE', 0.5)).toBe(0.75);
    expect(normalise('L2', 0)).toBe(1);
    const fused = weighted([[hit(1, 1)], [hit(1, 0)]], [0.6, 0.4], ['L2', 'COSINE'], true);
    expect(fused[0]?.score).toBe(Math.fround(0.6 * (1 - (2 * Math.atan(1)) / Math.PI) + 0.4 * 0.5));
    expect(weighted([[hit(1, 3)]], [0.5], ['IP'], false)[0]?.score).toBe(1.5);
  });
});
