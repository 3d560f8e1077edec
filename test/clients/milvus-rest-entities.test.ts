/**
 * REST v2 data routes through the official HttpClient: insert, upsert, delete, query, get, search and
 * hybrid search, with every score computed here by hand (float64 accumulation of float32 elements,
 * reported as float32 — which JSON carries in Go's shortest float32 form).
 */
import { HttpClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { randomVectors, score, startTestMilvus, topK } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: HttpClient;
const DIM = 8;
const N = 120;
const vec = randomVectors(N, DIM, 'rest-l2');
const cos = randomVectors(N, DIM, 'rest-cos');
const rows = Array.from({ length: N }, (_, i) => ({
  id: i,
  cat: i % 4,
  tag: i % 2 ? 'odd' : 'even',
  vec: vec[i] as number[],
  cos: cos[i] as number[],
  color: i % 3 === 0 ? 'red' : 'blue',
}));
const queries = randomVectors(2, DIM, 'rest-queries');
const q0 = queries[0] as number[];
const q1 = queries[1] as number[];
const table = (field: 'vec' | 'cos') => rows.map((r) => ({ id: r.id, vector: r[field] }));

type Row = Record<string, unknown>;
const post = <T = { code: number; data: Row[]; message?: string; topks?: number[] }>(
  path: string,
  body: Record<string, unknown>,
) =>
  (client as unknown as { POST: (url: string, data: unknown) => Promise<T> }).POST(`/vectordb/entities/${path}`, body);
const hits = (data: Row[]) => data.map((r) => [Number(r.id), Math.fround(r.distance as number)]);

beforeAll(async () => {
  milvus = await startTestMilvus();
  client = new HttpClient({ endpoint: milvus.url });
  const created = await client.createCollection({
    collectionName: 'items',
    schema: {
      enableDynamicField: true,
      fields: [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'cat', dataType: 'Int64' },
        { fieldName: 'tag', dataType: 'VarChar', elementTypeParams: { max_length: 8 } },
        { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: DIM } },
        { fieldName: 'cos', dataType: 'FloatVector', elementTypeParams: { dim: DIM } },
      ],
    },
    indexParams: [
      {
        fieldName: 'vec',
        indexName: 'vec',
        metricType: 'L2',
        params: { index_type: 'HNSW', M: 8, efConstruction: 32 },
      },
      { fieldName: 'cos', indexName: 'cos', metricType: 'COSINE' },
    ],
  } as never);
  expect(created.code).toBe(0);
  // Two batches in reverse order: results must not depend on write order.
  const second = await client.insert({ collectionName: 'items', data: rows.slice(60).reverse() });
  expect(second).toEqual({
    code: 0,
    cost: 0,
    data: {
      insertCount: 60,
      insertIds: rows
        .slice(60)
        .reverse()
        .map((r) => String(r.id)),
    },
  });
  await client.insert({ collectionName: 'items', data: rows.slice(0, 60) });
});

afterAll(async () => {
  await milvus.close();
});

describe('query and get', () => {
  test('defaults: every output field, limit 100, rows in key order, int64 values as strings', async () => {
    const { code, data } = await client.query({ collectionName: 'items' } as never);
    expect(code).toBe(0);
    expect(data.map((r) => r.id)).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
    const row = data[3] as Row;
    expect(Object.keys(row).sort()).toEqual(['cat', 'color', 'cos', 'id', 'tag', 'vec']);
    expect(row).toMatchObject({ id: '3', cat: '3', tag: 'odd', color: 'red' });
    expect((row.vec as number[]).map(Math.fround)).toEqual(rows[3]?.vec);
  });

  test('filter, limit, offset, output fields, templates and count(*)', async () => {
    const page = await client.query({
      collectionName: 'items',
      filter: 'cat == 1 and tag == "odd"',
      outputFields: ['tag'],
      limit: 3,
      offset: 2,
    });
    expect(page.data).toEqual([
      { id: '9', tag: 'odd' },
      { id: '13', tag: 'odd' },
      { id: '17', tag: 'odd' },
    ]);
    const templated = await client.query({
      collectionName: 'items',
      filter: 'id in {ids} and color == {c}',
      exprParams: { ids: [3, 4, 6], c: 'red' },
      outputFields: ['id'],
    } as never);
    expect(templated.data).toEqual([{ id: '3' }, { id: '6' }]);
    expect((await client.query({ collectionName: 'items', filter: '', outputFields: ['count(*)'] })).data).toEqual([
      { 'count(*)': '120' },
    ]);
    expect(await client.query({ collectionName: 'items', filter: '', outputFields: ['id'], limit: 0 })).toEqual({
      code: 1100,
      message: 'empty expression should be used with limit: invalid parameter',
    });
    expect(
      await client.query({
        collectionName: 'items',
        filter: 'nope > 1',
        outputFields: ['id'],
        limit: 1,
        consistencyLevel: 'Fast',
      } as never),
    ).toEqual({
      code: 1100,
      message:
        "consistencyLevel can only be [Strong, Session, Bounded, Eventually, Customized], default: Bounded, err:parameter:'Fast' is incorrect, please check it: invalid parameter",
    });
  });

  test('get by ids given as strings or numbers, one or many', async () => {
    const many = await client.get({ collectionName: 'items', id: ['7', 2, 999], outputFields: ['tag'] } as never);
    expect(many).toEqual({
      code: 0,
      cost: 0,
      data: [
        { id: '2', tag: 'even' },
        { id: '7', tag: 'odd' },
      ],
    });
    expect((await client.get({ collectionName: 'items', id: 5, outputFields: ['color'] })).data).toEqual([
      { id: '5', color: 'blue' },
    ]);
    expect(await client.get({ collectionName: 'items', id: ['x'], outputFields: ['id'] })).toEqual({
      code: 1806,
      message:
        'please check the primary key and its\' type can only in [int, string], error: unable to cast "x" of type string to int64',
    });
  });
});

describe('search', () => {
  test('one query: exact L2 distances in order, only the key and distance by default', async () => {
    const result = await client.search({ collectionName: 'items', annsField: 'vec', data: [q0], limit: 10 } as never);
    expect(result.code).toBe(0);
    expect((result as { topks?: number[] }).topks).toEqual([10]);
    const data = result.data as Row[];
    expect(hits(data)).toEqual(topK('L2', q0, table('vec'), 10).map((h) => [h.id, h.score]));
    expect(Object.keys(data[0] as Row).sort()).toEqual(['distance', 'id']);
  });

  test('no hits is an empty list, without topks', async () => {
    expect(
      await client.search({ collectionName: 'items', annsField: 'vec', data: [q0], filter: 'id < 0' } as never),
    ).toEqual({ code: 0, cost: 0, data: [] });
  });

  test('the default limit is 100', async () => {
    const result = await client.search({ collectionName: 'items', annsField: 'cos', data: [q0] } as never);
    expect((result.data as Row[]).length).toBe(100);
    expect(hits((result.data as Row[]).slice(0, 3))).toEqual(
      topK('COSINE', q0, table('cos'), 3).map((h) => [h.id, h.score]),
    );
  });

  test('two queries: topks lets the SDK split the flat rows per query', async () => {
    const result = await client.search({
      collectionName: 'items',
      annsField: 'vec',
      data: [q0, q1],
      limit: 4,
      outputFields: ['tag'],
    } as never);
    expect(result.topks).toEqual([4, 4]);
    const [first, second] = result.data as unknown as Row[][];
    expect(hits(first as Row[])).toEqual(topK('L2', q0, table('vec'), 4).map((h) => [h.id, h.score]));
    expect(hits(second as Row[])).toEqual(topK('L2', q1, table('vec'), 4).map((h) => [h.id, h.score]));
    expect(Object.keys((first as Row[])[0] as Row).sort()).toEqual(['distance', 'id', 'tag']);
  });

  test('filter, offset, dynamic output fields, grouping', async () => {
    const reds = table('vec').filter((r) => r.id % 3 === 0 && r.id % 4 === 2);
    const result = await client.search({
      collectionName: 'items',
      annsField: 'vec',
      data: [q0],
      filter: 'color == "red" and cat == 2',
      limit: 3,
      offset: 1,
      outputFields: ['color'],
    } as never);
    expect(hits(result.data as Row[])).toEqual(
      topK('L2', q0, reds, 4)
        .slice(1)
        .map((h) => [h.id, h.score]),
    );
    expect((result.data as Row[]).every((r) => r.color === 'red')).toBe(true);

    const grouped = await client.search({
      collectionName: 'items',
      annsField: 'vec',
      data: [q0],
      limit: 3,
      groupingField: 'cat',
      outputFields: ['cat'],
    } as never);
    const expected: Array<[number, number]> = [];
    const seen = new Set<number>();
    for (const h of topK('L2', q0, table('vec'), N)) {
      if (seen.has(h.id % 4) || expected.length === 3) continue;
      seen.add(h.id % 4);
      expected.push([h.id, h.score]);
    }
    expect(hits(grouped.data as Row[])).toEqual(expected);
  });

  test('search params: metric_type is checked, metricType is ignored as the real server ignores it, radius/range_filter bound the distances', async () => {
    expect(
      await client.search({
        collectionName: 'items',
        annsField: 'vec',
        data: [q0],
        searchParams: { metric_type: 'IP' },
      } as never),
    ).toEqual({
      code: 1100,
      message: 'fail to search: metric type not match: invalid [expected=L2][actual=IP]: invalid parameter',
    });
    expect(
      (
        await client.search({
          collectionName: 'items',
          annsField: 'vec',
          data: [q0],
          limit: 2,
          searchParams: { metricType: 'IP' },
        } as never)
      ).code,
    ).toBe(0);
    const all = topK('L2', q0, table('vec'), N);
    const low = all[5]?.score as number;
    const high = all[12]?.score as number;
    const ranged = await client.search({
      collectionName: 'items',
      annsField: 'vec',
      data: [q0],
      limit: 50,
      searchParams: { params: { radius: high, range_filter: low } },
    } as never);
    expect(hits(ranged.data as Row[])).toEqual(
      all.filter((h) => h.score >= low && h.score < high).map((h) => [h.id, h.score]),
    );
  });

  test('a key given in searchParams wins over the one the handler appends, as the proxy reads the first', async () => {
    const result = await client.search({
      collectionName: 'items',
      annsField: 'vec',
      data: [q0],
      limit: 10,
      searchParams: { topk: 2 },
    } as never);
    expect(hits(result.data as Row[])).toEqual(topK('L2', q0, table('vec'), 2).map((h) => [h.id, h.score]));
  });

  test('searchParams: params must be an object and may not contradict the flat keys', async () => {
    expect(
      await post('search', { collectionName: 'items', annsField: 'vec', data: [q0], searchParams: { params: [1] } }),
    ).toEqual({
      code: 1100,
      message: 'searchParams.params must be a dict: invalid parameter',
    });
    expect(
      await post('search', {
        collectionName: 'items',
        annsField: 'vec',
        data: [q0],
        searchParams: { radius: 5, params: { radius: 6 } },
      }),
    ).toEqual({
      code: 1100,
      message: 'ambiguous parameter: radius, in search_param: 5, in search_param.params: 6: invalid parameter',
    });
  });

  test('search by primary keys uses their stored vectors', async () => {
    const result = await post('search', { collectionName: 'items', annsField: 'vec', ids: ['3'], limit: 3 });
    expect(hits(result.data)).toEqual(
      topK('L2', rows[3]?.vec as number[], table('vec'), 3).map((h) => [h.id, h.score]),
    );
    expect(await post('search', { collectionName: 'items', annsField: 'vec', ids: [3], data: [q0] })).toEqual({
      code: 1100,
      message:
        "primary keys (ids) and query vectors (data) are mutually exclusive. Please provide either 'ids' or 'data', not both",
    });
    expect(await post('search', { collectionName: 'items', annsField: 'vec' })).toEqual({
      code: 1802,
      message: "either 'ids' (for primary key search) or 'data' (for vector search) must be provided",
    });
  });

  test('wrong vectors are refused by the REST layer (1801)', async () => {
    expect(await client.search({ collectionName: 'items', data: [q0] } as never)).toEqual({
      code: 1801,
      message:
        'can only accept json format request, error: search without annsField, but already found multiple vector fields: [vec, cos,,,]: invalid parameter',
    });
    expect(await client.search({ collectionName: 'items', annsField: 'tag', data: [q0] } as never)).toEqual({
      code: 1801,
      message: 'can only accept json format request, error: cannot find a vector field: field not found[field=tag]',
    });
    expect(await client.search({ collectionName: 'items', annsField: 'vec', data: [[1, 2, 3]] } as never)).toEqual({
      code: 1801,
      message:
        'can only accept json format request, error: dimension: 8, but length of []float: 3: invalid parameter[expected=FloatVector][actual=[[1,2,3]]]',
    });
  });

  test('hybrid search: RRF and weighted fusion, computed by hand', async () => {
    const limit = 5;
    const lists = [topK('L2', q0, table('vec'), limit), topK('COSINE', q1, table('cos'), limit)];
    const fuse = (contribution: (list: number, rank: number, s: number) => number) => {
      const fused = new Map<number, number>();
      lists.forEach((list, li) =>
        list.forEach((h, i) => fused.set(h.id, (fused.get(h.id) ?? 0) + contribution(li, i + 1, h.score))),
      );
      return [...fused]
        .map(([id, s]) => [id, Math.fround(s)] as [number, number])
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit);
    };
    const search = [
      { data: [q0], annsField: 'vec', limit },
      { data: [q1], annsField: 'cos', limit },
    ];
    const rrf = await client.hybridSearch({
      collectionName: 'items',
      search,
      rerank: { strategy: 'rrf', params: { k: 10 } },
      limit,
      outputFields: ['tag'],
    } as never);
    expect(hits(rrf.data as Row[])).toEqual(fuse((_l, rank) => 1 / (10 + rank)));
    expect((rrf as { topks?: number[] }).topks).toEqual([limit]);
    const norm = (li: number, s: number) => (li === 0 ? 1 - (2 * Math.atan(s)) / Math.PI : (1 + s) / 2);
    const weighted = await post('advanced_search', {
      collectionName: 'items',
      search,
      rerank: { strategy: 'weighted', params: { weights: [0.7, 0.3] } },
      limit,
    });
    expect(hits(weighted.data)).toEqual(fuse((li, _rank, s) => ([0.7, 0.3][li] as number) * norm(li, s)));
    expect(
      await post('hybrid_search', { collectionName: 'items', search, rerank: { strategy: 'max', params: {} } }),
    ).toEqual({
      code: 1100,
      message: 'unsupported rank type max: invalid parameter',
    });
    expect(
      await post('hybrid_search', { collectionName: 'items', search, searchAggregation: { fields: ['cat'] } }),
    ).toEqual({
      code: 1100,
      message: 'searchAggregation is not supported for hybrid search: invalid parameter',
    });
    expect(
      await post('hybrid_search', {
        collectionName: 'items',
        search,
        rerank: { strategy: 'rrf' },
        groupingField: 'cat',
      }),
    ).toMatchObject({ code: 3000 });
    // SearchReqV2 has no highlighter (handler_v2.go search): the key is ignored (milvus-rest-text.test.ts).
    expect(
      await post('search', {
        collectionName: 'items',
        annsField: 'vec',
        data: [q0],
        highlighter: { type: 'Lexical' },
      }),
    ).toMatchObject({ code: 0 });
  });

  test('binary vectors: quick setup by vectorFieldType, base64 in and out, Hamming distances', async () => {
    // The SDK fills metricType with COSINE, which a binary vector refuses.
    expect(
      await client.createCollection({
        collectionName: 'bits',
        dimension: 16,
        vectorFieldType: 'BinaryVector',
      } as never),
    ).toEqual({
      code: 1100,
      message:
        'binary vector index does not support metric type: COSINE: invalid parameter[expected=valid index params][actual=invalid index params]',
    });
    const created = await client.createCollection({
      collectionName: 'bits',
      dimension: 16,
      vectorFieldType: 'BinaryVector',
      metricType: 'HAMMING',
    } as never);
    expect(created.code).toBe(0);
    const codes = [
      [0b10110000, 0b00000001],
      [0xff, 0xff],
      [0, 0],
    ];
    const data = codes.map((bytes, id) => ({ id, vector: Buffer.from(bytes).toString('base64') }));
    await client.insert({ collectionName: 'bits', data });
    const probe = [0b10100000, 0b00000001];
    const popcount = (a: number[], b: number[]) =>
      a.reduce((n, x, i) => n + [...((x ^ (b[i] as number)) >>> 0).toString(2)].filter((c) => c === '1').length, 0);
    const result = await client.search({
      collectionName: 'bits',
      data: [Buffer.from(probe).toString('base64')],
      limit: 3,
      outputFields: ['vector'],
    } as never);
    const expected = codes.map((c, id) => ({ id, d: popcount(probe, c) })).sort((a, b) => a.d - b.d || a.id - b.id);
    expect(result.data).toEqual(
      expected.map(({ id, d }) => ({ id: String(id), distance: d, vector: data[id]?.vector })),
    );
    expect((await client.describeCollection({ collectionName: 'bits' } as never)).data).toMatchObject({
      indexes: [{ metricType: 'HAMMING' }],
    });
  });
});

describe('writes', () => {
  test('upsert replaces rows; delete reports what it removed', async () => {
    const upsert = await client.upsert({
      collectionName: 'items',
      data: [{ ...rows[3], tag: 'changed', color: 'green' }],
    });
    expect(upsert).toEqual({ code: 0, cost: 0, data: { upsertCount: 1, upsertIds: ['3'] } });
    expect((await client.get({ collectionName: 'items', id: 3, outputFields: ['tag', 'color'] })).data).toEqual([
      { id: '3', tag: 'changed', color: 'green' },
    ]);
    expect(await client.delete({ collectionName: 'items', filter: 'id in [0, 1, 500]' })).toEqual({
      code: 0,
      data: { deleteCount: 3 },
    });
    expect(await client.delete({ collectionName: 'items', filter: 'tag == "changed"' })).toEqual({
      code: 0,
      data: { deleteCount: 1 },
    });
    expect((await client.query({ collectionName: 'items', filter: '', outputFields: ['count(*)'] })).data).toEqual([
      { 'count(*)': '117' },
    ]);
    // Statistics count stored rows (datacoord sums segment rows): the upserted-over row and the four
    // deleted ones stay until a compaction (milvus#50193).
    expect((await client.getCollectionStatistics({ collectionName: 'items' } as never)).data).toEqual({
      rowCount: 121,
    });
    const compact = (client as unknown as { POST: (url: string, data: unknown) => Promise<{ code: number }> }).POST;
    expect(await compact.call(client, '/vectordb/collections/compact', { collectionName: 'items' })).toMatchObject({ code: 0 });
    expect((await client.getCollectionStatistics({ collectionName: 'items' } as never)).data).toEqual({
      rowCount: 117,
    });
    expect(await client.delete({ collectionName: 'items', filter: '' })).toMatchObject({ code: 1802 });
    expect(
      await client.delete({ collectionName: 'items', filter: 'id in {ids}', exprParams: { ids: [2, 4] } } as never),
    ).toEqual({ code: 0, data: { deleteCount: 2 } });
  });

  test('partial upserts touch only the fields sent; inserts may target a partition', async () => {
    const partial = await post('upsert', {
      collectionName: 'items',
      partialUpdate: true,
      data: [{ id: 5, tag: 'patched' }],
    });
    expect(partial).toEqual({ code: 0, cost: 0, data: { upsertCount: 1, upsertIds: ['5'] } });
    expect((await client.get({ collectionName: 'items', id: 5, outputFields: ['tag', 'cat', 'color'] })).data).toEqual([
      { id: '5', tag: 'patched', cat: '1', color: 'blue' },
    ]);
    await client.createPartition({ collectionName: 'items', partitionName: 'extra' } as never);
    await client.insert({ collectionName: 'items', partitionName: 'extra', data: [{ ...rows[1], id: 1000 }] } as never);
    expect(
      (
        await client.query({
          collectionName: 'items',
          filter: 'id > 0',
          partitionNames: ['extra'],
          outputFields: ['id'],
        })
      ).data,
    ).toEqual([{ id: '1000' }]);
    expect(
      (await client.getPartitionStatistics({ collectionName: 'items', partitionName: 'extra' } as never)).data,
    ).toEqual({ rowCount: 1 });
  });

  test('row problems are 1804; a released collection cannot be searched', async () => {
    const { vec: _v, ...noVector } = rows[0] as Row;
    expect(await client.insert({ collectionName: 'items', data: [noVector] })).toEqual({
      code: 1804,
      message: 'fail to deal the insert data, error: row 0 does not has field vec',
    });
    expect(await client.insert({ collectionName: 'items', data: [{ ...rows[0], tag: 5 }] })).toEqual({
      code: 1804,
      message: 'fail to deal the insert data, error: field tag expects a string, got 5',
    });
    expect(await client.insert({ collectionName: 'missing', data: [] })).toEqual({
      code: 100,
      message: "can't find collection[database=default][collection=missing]",
    });
    await client.releaseCollection({ collectionName: 'items' } as never);
    const released = await client.search({ collectionName: 'items', annsField: 'vec', data: [q0] } as never);
    expect(released.code).toBe(101);
    expect(released.message).toMatch(/^failed to search: collection not loaded\[collection=\d+\]$/);
    await client.loadCollection({ collectionName: 'items' } as never);
  });
});
