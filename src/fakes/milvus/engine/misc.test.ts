import { describe, expect, test } from 'vitest';
import { FixedClock } from '../../../common/clock.js';
import { resolveIndex } from '../schema/index-params.js';
import { crc32, murmur3, partitionForKey } from './partition-hash.js';
import { buildCollectionSchema, type FieldDef } from '../schema/index.js';
import { MilvusError } from '../errors/status.js';
import { Tso } from '../storage/tso.js';

describe('TSO', () => {
  test('hybrid timestamps: physical ms from the clock << 18, logical counter within a millisecond', () => {
    const clock = new FixedClock(1000);
    const tso = new Tso(clock);
    const a = tso.next();
    const b = tso.reserve(5);
    expect(a).toBe((1000n << 18n) | 1n);
    expect(b).toBe(a + 1n);
    expect(tso.next()).toBe(b + 5n);
    clock.advance(1);
    expect(tso.next()).toBe((1001n << 18n) | 1n);
    clock.set(500);
    expect(tso.next() > ((1001n << 18n) | 1n)).toBe(true);
    expect(Tso.physicalMs((1001n << 18n) | 7n)).toBe(1001);
  });
});

describe('partition-key hashing', () => {
  test('uses CRC-32 for strings and murmur3 for int64 keys, stable across runs', () => {
    expect(crc32(new TextEncoder().encode('hello'))).toBe(0x3610a686);
    expect(murmur3(new Uint8Array(0))).toBe(0);
    expect(murmur3(new TextEncoder().encode('hello'))).toBe(0x248bfa47);
    expect(partitionForKey('tenant-a', 16)).toBe(partitionForKey('tenant-a', 16));
    expect(partitionForKey(null, 16)).toBe(0);
    const spread = new Set(Array.from({ length: 64 }, (_, i) => partitionForKey(BigInt(i), 8)));
    expect(spread.size).toBe(8);
  });
});

describe('index params', () => {
  const schema = buildCollectionSchema('c', {
    fields: [
      { name: 'id', dataType: 'Int64', isPrimaryKey: true },
      { name: 'f', dataType: 'FloatVector', typeParams: { dim: 8 } },
      { name: 'b', dataType: 'BinaryVector', typeParams: { dim: 16 } },
      { name: 's', dataType: 'SparseFloatVector' },
      { name: 'i8', dataType: 'Int8Vector', typeParams: { dim: 8 } },
      { name: 't', dataType: 'VarChar', typeParams: { max_length: 8 } },
    ],
  });
  const field = (name: string) => schema.fields.find((f) => f.name === name) as FieldDef;
  const reason = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as MilvusError).message;
    }
    return 'no error';
  };

  test('defaults: AUTOINDEX with COSINE, HAMMING or IP by vector type', () => {
    expect(resolveIndex(field('f'), 'f', []).metricType).toBe('COSINE');
    expect(resolveIndex(field('b'), 'b', []).metricType).toBe('HAMMING');
    expect(resolveIndex(field('s'), 's', []).metricType).toBe('IP');
    expect(resolveIndex(field('f'), 'f', [{ key: 'metric_type', value: 'l2' }]).userParams).toEqual([
      { key: 'index_type', value: 'AUTOINDEX' },
      { key: 'metric_type', value: 'L2' },
    ]);
    expect(resolveIndex(field('t'), 't', []).indexType).toBe('AUTOINDEX');
  });

  test('type, metric and parameter checks', () => {
    expect(reason(() => resolveIndex(field('b'), 'b', [{ key: 'index_type', value: 'HNSW' }]))).toBe(
      'index HNSW do not support data type: BinaryVector: invalid parameter',
    );
    expect(reason(() => resolveIndex(field('i8'), 'i8', [{ key: 'index_type', value: 'IVF_FLAT' }]))).toContain('do not support data type: Int8Vector');
    expect(reason(() => resolveIndex(field('f'), 'f', [{ key: 'index_type', value: 'GPU_CAGRA' }]))).toBe('indexType GPU_CAGRA is not supported: invalid parameter');
    expect(reason(() => resolveIndex(field('s'), 's', [{ key: 'metric_type', value: 'L2' }]))).toBe(
      'metric type not found or not supported, supported: [IP BM25]: invalid parameter',
    );
    expect(reason(() => resolveIndex(field('f'), 'f', [{ key: 'index_type', value: 'IVF_PQ' }, { key: 'params', value: '{"nlist":16,"m":3}' }]))).toBe(
      'The dimension of a vector (dim) should be a multiple of the number of subquantizers (m). Dimension: 8, m: 3: invalid parameter',
    );
    expect(reason(() => resolveIndex(field('f'), 'f', [{ key: 'index_type', value: 'IVF_FLAT' }, { key: 'params', value: '{"nlist":0}' }]))).toBe(
      "param 'nlist' (0) should be in range [1, 65536]: invalid parameter",
    );
    expect(reason(() => resolveIndex(field('t'), 't', [{ key: 'index_type', value: 'Trie' }, { key: 'metric_type', value: 'L2' }]))).toContain(
      'metric type should not be set for scalar index',
    );
    expect(reason(() => resolveIndex(field('t'), 't', [{ key: 'index_type', value: 'HNSW' }]))).toBe('invalid index type: HNSW: invalid parameter');
  });
});
