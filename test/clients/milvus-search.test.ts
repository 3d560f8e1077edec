import { DataType, MilvusClient, RRFRanker, WeightedRanker } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { bfloat16Table, float16Table } from '../../src/fakes/milvus/engine/metrics.js';
import { toBFloat16Bits, toFloat16Bits } from '../../src/fakes/milvus/storage/rows.js';
import { randomVectors, score, topK, withFakeMilvusAndSdk } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: MilvusClient;
const DIM = 8;
const N = 60;
const l2 = randomVectors(N, DIM, 'l2');
const ip = randomVectors(N, DIM, 'ip');
const cos = randomVectors(N, DIM, 'cos');
const rows = Array.from({ length: N }, (_, i) => ({
  id: i,
  cat: i % 5,
  tag: i % 2 ? 'odd' : 'even',
  l2: l2[i] as number[],
  ip: ip[i] as number[],
  cos: cos[i] as number[],
  color: i % 3 === 0 ? 'red' : 'blue',
}));
const table = (field: 'l2' | 'ip' | 'cos') => rows.map((r) => ({ id: r.id, vector: r[field] }));
const queries = randomVectors(3, DIM, 'queries');
const q0 = queries[0] as number[];

withFakeMilvusAndSdk((fake, sdk) => {
  milvus = fake;
  client = sdk;
});

beforeAll(async () => {
  await client.createCollection({
    collection_name: 'vecs',
    enable_dynamic_field: true,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'cat', data_type: DataType.Int64 },
      { name: 'tag', data_type: DataType.VarChar, max_length: 8 },
      { name: 'l2', data_type: DataType.FloatVector, dim: DIM },
      { name: 'ip', data_type: DataType.FloatVector, dim: DIM },
      { name: 'cos', data_type: DataType.FloatVector, dim: DIM },
    ],
  });
  // Two batches in reverse order: results must not depend on write order.
  await client.insert({ collection_name: 'vecs', data: rows.slice(30).reverse() });
  await client.insert({ collection_name: 'vecs', data: rows.slice(0, 30) });
  for (const [field, metric] of [['l2', 'L2'], ['ip', 'IP'], ['cos', 'COSINE']] as const) {
    await client.createIndex({ collection_name: 'vecs', field_name: field, index_type: 'HNSW', metric_type: metric, params: { M: 8, efConstruction: 32 } });
  }
  await client.loadCollectionAsync({ collection_name: 'vecs' });
});

const ids = (results: Array<{ id?: unknown }>) => results.map((r) => Number(r.id));

describe('dense float search', () => {
  test.each(['l2', 'ip', 'cos'] as const)('exact top-k with the index metric on %s, for several queries', async (field) => {
    const metric = field === 'l2' ? 'L2' : field === 'ip' ? 'IP' : 'COSINE';
    const res = await client.search({ collection_name: 'vecs', anns_field: field, data: queries, limit: 7, output_fields: ['id'] });
    const results = res.results as unknown as Array<Array<{ id: string; score: number }>>;
    expect(results).toHaveLength(3);
    queries.forEach((q, i) => {
      const expected = topK(metric, q, table(field), 7);
      expect(results[i]?.map((r) => [Number(r.id), r.score])).toEqual(expected.map((e) => [e.id, e.score]));
    });
  });

  test('filter, output fields (static and dynamic) and offset', async () => {
    const res = await client.search({
      collection_name: 'vecs',
      anns_field: 'l2',
      data: q0,
      limit: 4,
      offset: 2,
      filter: 'tag == "even" and cat in [0, 2]',
      output_fields: ['tag', 'cat', 'color'],
    });
    const candidates = table('l2').filter((r) => r.id % 2 === 0 && [0, 2].includes(r.id % 5));
    const expected = topK('L2', q0, candidates, 6).slice(2);
    expect(res.results.map((r) => [r.id, r.tag, r.cat, r.color, r.score])).toEqual(
      expected.map((e) => [undefined, 'even', String(e.id % 5), e.id % 3 === 0 ? 'red' : 'blue', e.score]),
    );
    const withId = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: q0, limit: 2, output_fields: ['id'], exprValues: { c: 1 }, filter: 'cat == {c}' });
    expect(ids(withId.results)).toEqual(topK('L2', q0, table('l2').filter((r) => r.id % 5 === 1), 2).map((e) => e.id));
  });

  test('range search keeps range_filter <= d < radius for L2 and radius < s <= range_filter for IP', async () => {
    const all = topK('L2', q0, table('l2'), N);
    const radius = all[20]?.score as number;
    const rangeFilter = all[5]?.score as number;
    const res = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: q0, limit: 100, params: { radius, range_filter: rangeFilter }, output_fields: ['id'] });
    expect(ids(res.results)).toEqual(all.filter((e) => e.score >= rangeFilter && e.score < radius).map((e) => e.id));
    const byIp = topK('IP', q0, table('ip'), N);
    const ipRes = await client.search({ collection_name: 'vecs', anns_field: 'ip', data: q0, limit: 100, params: { radius: byIp[10]?.score }, output_fields: ['id'] });
    expect(ids(ipRes.results)).toEqual(byIp.slice(0, 10).map((e) => e.id));
    const wrong = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: q0, limit: 5, params: { radius: 1, range_filter: 2 } });
    expect(wrong.status.reason).toBe('range_filter must be less than radius for L2/HAMMING/JACCARD: invalid parameter');
  });

  test('group_by returns the best groups with up to group_size hits each', async () => {
    const res = await client.search({ collection_name: 'vecs', anns_field: 'cos', data: q0, limit: 3, group_by_field: 'cat', group_size: 2, output_fields: ['cat'] });
    const ranked = topK('COSINE', q0, table('cos'), N);
    const groups = new Map<number, number[]>();
    for (const e of ranked) {
      const g = e.id % 5;
      if (!groups.has(g) && groups.size === 3) continue;
      const list = groups.get(g) ?? [];
      if (list.length < 2) list.push(e.id);
      groups.set(g, list);
    }
    expect(res.results).toHaveLength(6);
    expect(res.results.map((r) => Number(r.cat))).toEqual([...groups.keys()].flatMap((g) => [g, g]));
    expect(res.results.map((r) => (r.group_by_field_values as Record<string, unknown>).cat)).toEqual(
      [...groups.keys()].flatMap((g) => [String(g), String(g)]),
    );
  });

  test('default output is every field, $meta included; results do not depend on write order', async () => {
    const res = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: q0, limit: 1 });
    const best = topK('L2', q0, table('l2'), 1)[0]?.id as number;
    // The proxy appends the primary key last when `*` (or its name) asks for it.
    expect(Object.keys(res.results[0] ?? {})).toEqual(['score', 'cat', 'tag', 'l2', 'ip', 'cos', '$meta', 'id']);
    expect(res.results[0]?.$meta).toEqual({ color: best % 3 === 0 ? 'red' : 'blue' });
    expect(res.results[0]?.l2).toEqual(rows[best]?.l2);
  });

  test('search by primary keys uses the stored vectors as queries', async () => {
    const res = await client.search({ collection_name: 'vecs', anns_field: 'ip', ids: [4, 9], limit: 3, output_fields: ['id'] });
    const results = res.results as unknown as Array<Array<{ id: string; score: number }>>;
    expect(results.map((list) => list.map((r) => Number(r.id)))).toEqual(
      [4, 9].map((id) => topK('IP', rows[id]?.ip as number[], table('ip'), 3).map((e) => e.id)),
    );
  });

  test('metric mismatch, limits and missing vectors are refused like Milvus', async () => {
    const mismatch = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: q0, limit: 1, metric_type: 'IP' });
    expect([mismatch.status.code, mismatch.status.reason]).toEqual([1100, 'fail to search: metric type not match: invalid [expected=L2][actual=IP]: invalid parameter']);
    const tooMany = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: q0, limit: 16000, offset: 1000 });
    expect(tooMany.status.reason).toBe('offset+topk [17000] is invalid, it should be in range [1, 16384], but got 17000');
    const wrongDim = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: [1, 2, 3], limit: 1 });
    expect(wrongDim.status.reason).toBe('vector dimension mismatch, expected vector size(byte) 32, actual 12.');
    const badFilter = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: q0, limit: 1, filter: 'nope >' });
    expect(badFilter.status.code).toBe(1100);
    expect(badFilter.status.reason).toMatch(/^failed to create query plan: cannot parse expression: nope >/);
  });
});

test('results do not depend on batch sizes, interleaving, concurrency or consistency level', async () => {
  await client.createCollection({
    collection_name: 'twin',
    consistency_level: 'Eventually',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'l2', data_type: DataType.FloatVector, dim: DIM },
    ],
  });
  await client.createIndex({ collection_name: 'twin', field_name: 'l2', metric_type: 'L2' });
  await client.loadCollectionAsync({ collection_name: 'twin' });
  const shuffled = [...rows].sort((a, b) => ((a.id * 37) % N) - ((b.id * 37) % N));
  await Promise.all(Array.from({ length: 12 }, (_, i) => client.insert({ collection_name: 'twin', data: shuffled.slice(i * 5, i * 5 + 5).map((r) => ({ id: r.id, l2: r.l2 })) })));
  await client.delete({ collection_name: 'twin', ids: [3, 4] });
  await client.upsert({ collection_name: 'twin', data: [3, 4].map((id) => ({ id, l2: rows[id]?.l2 })) });
  for (const level of ['Strong', 'Bounded', 'Eventually'] as const) {
    const a = await client.search({ collection_name: 'vecs', anns_field: 'l2', data: queries, limit: 10, output_fields: ['id'] });
    const b = await client.search({ collection_name: 'twin', anns_field: 'l2', data: queries, limit: 10, output_fields: ['id'], consistency_level: level as never });
    expect(b.results).toEqual(a.results);
  }
});

describe('hybrid search', () => {
  const requests = () => [
    { anns_field: 'l2', data: q0, params: { nprobe: 10 } },
    { anns_field: 'cos', data: queries[1] as number[], expr: 'cat != 4' },
  ];

  test('RRF: score = Σ 1/(k + rank), ties by id', async () => {
    const res = await client.hybridSearch({ collection_name: 'vecs', data: requests(), rerank: RRFRanker(30), limit: 5, output_fields: ['id'] });
    const a = topK('L2', q0, table('l2'), 5);
    const b = topK('COSINE', queries[1] as number[], table('cos').filter((r) => r.id % 5 !== 4), 5);
    const fused = new Map<number, number>();
    [a, b].forEach((list) => list.forEach((e, i) => fused.set(e.id, (fused.get(e.id) ?? 0) + 1 / (30 + i + 1))));
    const expected = [...fused].map(([id, s]) => ({ id, score: Math.fround(s) })).sort((x, y) => y.score - x.score || x.id - y.id).slice(0, 5);
    expect(res.results.map((r) => [Number(r.id), r.score])).toEqual(expected.map((e) => [e.id, e.score]));
  });

  test('weighted: score = Σ wᵢ·norm(sᵢ), L2 as 1 − 2·atan(d)/π and COSINE as (1 + s)/2', async () => {
    const res = await client.hybridSearch({ collection_name: 'vecs', data: requests(), rerank: WeightedRanker([0.7, 0.3]), limit: 4, output_fields: ['id'] });
    const a = topK('L2', q0, table('l2'), 4);
    const b = topK('COSINE', queries[1] as number[], table('cos').filter((r) => r.id % 5 !== 4), 4);
    const fused = new Map<number, number>();
    a.forEach((e) => fused.set(e.id, (fused.get(e.id) ?? 0) + 0.7 * (1 - (2 * Math.atan(e.score)) / Math.PI)));
    b.forEach((e) => fused.set(e.id, (fused.get(e.id) ?? 0) + 0.3 * ((1 + e.score) / 2)));
    const expected = [...fused].map(([id, s]) => ({ id, score: Math.fround(s) })).sort((x, y) => y.score - x.score || x.id - y.id).slice(0, 4);
    expect(res.results.map((r) => [Number(r.id), r.score])).toEqual(expected.map((e) => [e.id, e.score]));
    const bad = await client.hybridSearch({ collection_name: 'vecs', data: requests(), rerank: WeightedRanker([1]), limit: 4 });
    expect(bad.status.code).toBe(1100);
  });
});

describe('iterators', () => {
  test('the search iterator pages through the exact ranking without gaps or repeats', async () => {
    const iterator = await client.searchIterator({ collection_name: 'vecs', anns_field: 'ip', data: q0, batchSize: 7, limit: 25, output_fields: ['id'] });
    const seen: number[] = [];
    for await (const batch of iterator) seen.push(...ids(batch as Array<{ id: string }>));
    expect(seen).toEqual(topK('IP', q0, table('ip'), 25).map((e) => e.id));
  });

  test('the query iterator walks every match in primary-key order', async () => {
    const iterator = await client.queryIterator({ collection_name: 'vecs', filter: 'tag == "odd"', batchSize: 9, output_fields: ['id'] });
    const seen: number[] = [];
    for await (const batch of iterator) seen.push(...ids(batch as Array<{ id: string }>));
    expect(seen).toEqual(rows.filter((r) => r.id % 2 === 1).map((r) => r.id));
  });
});

describe('query', () => {
  test('limit, offset, count(*), get by ids and the empty-expression rule', async () => {
    const page = await client.query({ collection_name: 'vecs', filter: 'cat == 3', limit: 3, offset: 2, output_fields: ['cat'] });
    expect(page.data).toEqual([13, 18, 23].map((id) => ({ cat: '3', id: String(id) })));
    const everything = await client.query({ collection_name: 'vecs', limit: 2, output_fields: ['*'] });
    expect(everything.data[0]).toMatchObject({ id: '0', $meta: { color: 'red' } });
    expect((await client.count({ collection_name: 'vecs', filter: 'color == "red"' })).data).toBe(20);
    const got = await client.get({ collection_name: 'vecs', ids: [5, 1, 999], output_fields: ['tag'] });
    expect(got.data).toEqual([{ tag: 'odd', id: '1' }, { tag: 'odd', id: '5' }]);
    const dynamicKey = await client.query({ collection_name: 'vecs', filter: 'id < 2', output_fields: ['color'] });
    expect(dynamicKey.data).toEqual([{ id: '0', $meta: { color: 'red' } }, { id: '1', $meta: { color: 'blue' } }]);
    const noLimit = await client.query({ collection_name: 'vecs', filter: '' });
    expect([noLimit.status.code, noLimit.status.reason]).toEqual([1100, 'empty expression should be used with limit: invalid parameter']);
    const window = await client.query({ collection_name: 'vecs', filter: 'id > 0', limit: 16384, offset: 1 });
    expect(window.status.reason).toBe('invalid max query result window, (offset+limit) should be in range [1, 16384], but got 16385');
    const unknown = await client.query({ collection_name: 'vecs', filter: 'id > 0', output_fields: ['nope'], limit: 1 });
    expect(unknown.status.code).toBe(0);
  });
});

describe('other vector types', () => {
  beforeAll(async () => {
    await client.createCollection({
      collection_name: 'kinds',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'ham', data_type: DataType.BinaryVector, dim: 16 },
        { name: 'jac', data_type: DataType.BinaryVector, dim: 16 },
        { name: 'half', data_type: DataType.Float16Vector, dim: 4 },
        { name: 'brain', data_type: DataType.BFloat16Vector, dim: 4 },
      ],
    });
    await client.createCollection({
      collection_name: 'kinds2',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'i8v', data_type: DataType.Int8Vector, dim: 4 },
        { name: 'sp', data_type: DataType.SparseFloatVector },
      ],
    });
    const data = Array.from({ length: 12 }, (_, i) => ({
      id: i,
      ham: [i * 17 % 256, (i * 29 + 3) % 256],
      jac: [(i * 7 + 1) % 256, (i * 13) % 256],
      half: [i / 3, -i / 7, 1, 0.5 * i],
      brain: [i / 5, 2, -i, 0.25],
    }));
    await client.insert({ collection_name: 'kinds', data });
    await client.insert({
      collection_name: 'kinds2',
      data: Array.from({ length: 12 }, (_, i) => ({ id: i, i8v: [i, -i, i * 3, 5], sp: { [i % 4]: i / 2, 10: 1, [20 + i]: 3 } })),
    });
    for (const [field, metric] of [['ham', 'HAMMING'], ['jac', 'JACCARD'], ['half', 'L2'], ['brain', 'IP']] as const) {
      await client.createIndex({ collection_name: 'kinds', field_name: field, metric_type: metric });
    }
    await client.createIndex({ collection_name: 'kinds2', field_name: 'i8v', index_type: 'HNSW', metric_type: 'L2', params: { M: 8, efConstruction: 16 } });
    await client.createIndex({ collection_name: 'kinds2', field_name: 'sp', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'IP' });
    await client.loadCollectionAsync({ collection_name: 'kinds' });
    await client.loadCollectionAsync({ collection_name: 'kinds2' });
  });

  const popcount = (x: number) => x.toString(2).split('').filter((c) => c === '1').length;

  test('HAMMING and JACCARD over packed bits', async () => {
    const q = [0b10110010, 0b00001111];
    const ham = await client.search({ collection_name: 'kinds', anns_field: 'ham', data: q, limit: 12, output_fields: ['id'] });
    const expectedHam = Array.from({ length: 12 }, (_, i) => {
      const v = [i * 17 % 256, (i * 29 + 3) % 256];
      return { id: i, score: popcount((q[0] as number) ^ (v[0] as number)) + popcount((q[1] as number) ^ (v[1] as number)) };
    }).sort((a, b) => a.score - b.score || a.id - b.id);
    expect(ham.results.map((r) => [Number(r.id), r.score])).toEqual(expectedHam.map((e) => [e.id, e.score]));
    const jac = await client.search({ collection_name: 'kinds', anns_field: 'jac', data: q, limit: 3, output_fields: ['id'] });
    const expectedJac = Array.from({ length: 12 }, (_, i) => {
      const v = [(i * 7 + 1) % 256, (i * 13) % 256];
      const and = popcount((q[0] as number) & (v[0] as number)) + popcount((q[1] as number) & (v[1] as number));
      const or = popcount((q[0] as number) | (v[0] as number)) + popcount((q[1] as number) | (v[1] as number));
      return { id: i, score: Math.fround(or === 0 ? 0 : 1 - and / or) };
    }).sort((a, b) => a.score - b.score || a.id - b.id).slice(0, 3);
    expect(jac.results.map((r) => [Number(r.id), r.score])).toEqual(expectedJac.map((e) => [e.id, e.score]));
  });

  test('Float16 and BFloat16 vectors are compared at their stored precision', async () => {
    const h = (x: number) => float16Table()[toFloat16Bits(x)] as number;
    const b = (x: number) => bfloat16Table()[toBFloat16Bits(x)] as number;
    const q = [0.3, -1.1, 0.7, 2];
    const half = await client.search({ collection_name: 'kinds', anns_field: 'half', data: q, limit: 4, output_fields: ['id'] });
    const halfRows = Array.from({ length: 12 }, (_, i) => ({ id: i, vector: [i / 3, -i / 7, 1, 0.5 * i].map(h) }));
    expect(half.results.map((r) => [Number(r.id), r.score])).toEqual(topK('L2', q.map(h), halfRows, 4).map((e) => [e.id, e.score]));
    const brain = await client.search({ collection_name: 'kinds', anns_field: 'brain', data: q, limit: 4, output_fields: ['id'] });
    const brainRows = Array.from({ length: 12 }, (_, i) => ({ id: i, vector: [i / 5, 2, -i, 0.25].map(b) }));
    expect(brain.results.map((r) => [Number(r.id), r.score])).toEqual(topK('IP', q.map(b), brainRows, 4).map((e) => [e.id, e.score]));
  });

  test('Int8 vectors and sparse inner product', async () => {
    const q = [3, -1, 4, 1];
    const res = await client.search({ collection_name: 'kinds2', anns_field: 'i8v', data: q, limit: 3, output_fields: ['id'] });
    const int8Rows = Array.from({ length: 12 }, (_, i) => ({ id: i, vector: [i, -i, i * 3, 5] }));
    expect(res.results.map((r) => [Number(r.id), r.score])).toEqual(topK('L2', q, int8Rows, 3).map((e) => [e.id, e.score]));
    const sq = { 1: 2, 10: 0.5, 25: 1 };
    const sparse = await client.search({ collection_name: 'kinds2', anns_field: 'sp', data: sq, limit: 4, output_fields: ['id'] });
    const expected = Array.from({ length: 12 }, (_, i) => {
      const row: Record<number, number> = { [i % 4]: Math.fround(i / 2), 10: 1, [20 + i]: 3 };
      const s = Object.entries(sq).reduce((acc, [k, v]) => acc + v * (row[Number(k)] ?? 0), 0);
      return { id: i, score: Math.fround(s) };
    }).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, 4);
    expect(sparse.results.map((r) => [Number(r.id), r.score])).toEqual(expected.map((e) => [e.id, e.score]));
  });
});

test('score helper agrees with the fake on an exact tie', () => {
  expect(score('IP', [1, 0], [1, 0])).toBe(1);
});
