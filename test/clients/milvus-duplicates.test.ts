/**
 * Duplicate primary keys and hybrid-search windows, through the official SDK (gRPC and HttpClient).
 *
 * Sources for the rules pinned here (Milvus 2.6):
 * - insert never deduplicates: every copy is stored (proxy task_insert.go has no PK check);
 * - query/get keep one copy per key, the one with the largest timestamp; among copies of one write
 *   the first met stays (querynode `MergeSegcoreRetrieveResults`, proxy `reduceRetrieveResults`,
 *   `typeutil.SelectMinPKWithTimestamp`, PR #33936); offset and limit count copies before they collapse;
 * - `count(*)` counts every copy (milvus#37789);
 * - search returns each key once, its best-scoring copy (proxy search reduce skips an id it already took);
 * - delete removes every copy; upsert deletes the keys in its partition (all partitions in
 *   partition-key mode) then inserts (task_upsert.go deletePreExecute);
 * - an upsert batch with a key twice: 1100 "duplicate primary keys are not allowed in the same batch"
 *   (2.6.7+, PR #46035, task_upsert.go PreExecute `CheckDuplicatePkExist`);
 * - statistics sum stored segment rows: deleted and upserted-over rows count until a compaction
 *   (datacoord `GetNumRowsOfCollection`, milvus#50193);
 * - hybrid search: each sub-request's own limit is its candidate count; every sub-request must carry the
 *   same nq (task_search.go `checkNq`: "sub search request nq should be the same"); one list per query.
 */
import { DataType, HttpClient, MilvusClient, RRFRanker } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { randomVectors, score, topK, withFakeMilvusAndSdk } from './milvus-helpers.js';

let milvus: StartedFakeMilvus | undefined;
let client: MilvusClient;
let http: HttpClient;
const DIM = 4;

withFakeMilvusAndSdk((fake, sdk) => {
  milvus = fake;
  client = sdk;
  http = new HttpClient({ endpoint: fake.url });
});

async function fresh(name: string, extra: Record<string, unknown> = {}): Promise<void> {
  await client.createCollection({
    collection_name: name,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'tag', data_type: DataType.VarChar, max_length: 16 },
      { name: 'v', data_type: DataType.FloatVector, dim: DIM },
    ],
    index_params: [{ field_name: 'v', index_type: 'FLAT', metric_type: 'L2' }],
    ...extra,
  });
  await client.loadCollectionAsync({ collection_name: name });
}

const count = async (name: string, filter = '') =>
  Number((await client.query({ collection_name: name, filter, output_fields: ['count(*)'] })).data[0]?.['count(*)']);
const stats = async (name: string) => Number((await client.getCollectionStatistics({ collection_name: name })).data.row_count);
const tags = async (name: string, filter: string, extra: Record<string, unknown> = {}) =>
  (await client.query({ collection_name: name, filter, output_fields: ['id', 'tag'], ...extra })).data.map((r) => [Number(r.id), r.tag]);

describe('duplicate primary keys', () => {
  test('an insert never deduplicates; query and get return the newest copy; count(*) counts every copy', async () => {
    await fresh('dups');
    await client.insert({ collection_name: 'dups', data: [{ id: 1, tag: 'first', v: [0, 0, 0, 0] }, { id: 2, tag: 'two', v: [1, 1, 1, 1] }] });
    await client.insert({ collection_name: 'dups', data: [{ id: 1, tag: 'second', v: [5, 5, 5, 5] }] });
    expect(await count('dups')).toBe(3);
    expect(await count('dups', 'id == 1')).toBe(2);
    expect(await tags('dups', 'id >= 0')).toEqual([[1, 'second'], [2, 'two']]);
    const got = await client.get({ collection_name: 'dups', ids: [1], output_fields: ['tag'] });
    expect(got.data.map((r) => r.tag)).toEqual(['second']);
    // A filter sees every copy: the older copy still matches a filter the newer one fails.
    expect(await tags('dups', 'tag == "first"')).toEqual([[1, 'first']]);
    expect(await stats('dups')).toBe(3);
  });

  test('copies within one write: the first one is returned', async () => {
    await fresh('dups_batch');
    await client.insert({
      collection_name: 'dups_batch',
      data: [{ id: 7, tag: 'a', v: [0, 0, 0, 0] }, { id: 7, tag: 'b', v: [0, 0, 0, 1] }],
    });
    expect(await count('dups_batch')).toBe(2);
    expect(await tags('dups_batch', 'id == 7')).toEqual([[7, 'a']]);
  });

  test('offset and limit count copies before they collapse, so a page may be short', async () => {
    await fresh('dups_page');
    await client.insert({ collection_name: 'dups_page', data: [1, 2, 3].map((id) => ({ id, tag: `old${id}`, v: [id, 0, 0, 0] })) });
    await client.insert({ collection_name: 'dups_page', data: [{ id: 1, tag: 'new1', v: [9, 9, 9, 9] }] });
    expect(await tags('dups_page', '', { limit: 2 })).toEqual([[1, 'new1']]);
    expect(await tags('dups_page', '', { limit: 3 })).toEqual([[1, 'new1'], [2, 'old2']]);
    expect(await tags('dups_page', '', { limit: 2, offset: 2 })).toEqual([[2, 'old2'], [3, 'old3']]);
  });

  test('search returns each key once, with its best-scoring copy', async () => {
    await fresh('dups_search');
    await client.insert({ collection_name: 'dups_search', data: [{ id: 1, tag: 'near', v: [0, 0, 0, 0.1] }, { id: 2, tag: 'mid', v: [0, 0, 0, 0.5] }] });
    await client.insert({ collection_name: 'dups_search', data: [{ id: 1, tag: 'far', v: [0, 0, 0, 9] }] });
    const res = await client.search({ collection_name: 'dups_search', data: [0, 0, 0, 0], limit: 3, output_fields: ['id', 'tag'] });
    expect(res.results.map((r) => [Number(r.id), r.tag, r.score])).toEqual([
      [1, 'near', score('L2', [0, 0, 0, 0], [0, 0, 0, 0.1])],
      [2, 'mid', score('L2', [0, 0, 0, 0], [0, 0, 0, 0.5])],
    ]);
  });

  test('delete removes every copy; statistics keep counting them until a compaction', async () => {
    await fresh('dups_delete');
    await client.insert({ collection_name: 'dups_delete', data: [{ id: 1, tag: 'a', v: [0, 0, 0, 0] }] });
    await client.insert({ collection_name: 'dups_delete', data: [{ id: 1, tag: 'b', v: [0, 0, 0, 0] }, { id: 2, tag: 'c', v: [0, 0, 0, 0] }] });
    const deleted = await client.delete({ collection_name: 'dups_delete', filter: 'tag == "a"' });
    expect(deleted.delete_cnt).toBe('1');
    expect(await count('dups_delete')).toBe(1);
    expect(await tags('dups_delete', 'id >= 0')).toEqual([[2, 'c']]);
    expect(await stats('dups_delete')).toBe(3);
    const compaction = await client.compact({ collection_name: 'dups_delete' });
    expect(compaction.status.error_code).toBe('Success');
    expect(await stats('dups_delete')).toBe(1);
    expect((await http.getCollectionStatistics({ collectionName: 'dups_delete' } as never)).data).toEqual({ rowCount: 1 });
  });

  test('upsert replaces every copy in its partition, and only there', async () => {
    await fresh('dups_upsert');
    await client.createPartition({ collection_name: 'dups_upsert', partition_name: 'p2' });
    await client.loadCollectionAsync({ collection_name: 'dups_upsert' });
    await client.insert({ collection_name: 'dups_upsert', data: [{ id: 1, tag: 'a', v: [0, 0, 0, 0] }, { id: 1, tag: 'b', v: [0, 0, 0, 0] }] });
    await client.insert({ collection_name: 'dups_upsert', partition_name: 'p2', data: [{ id: 1, tag: 'p2', v: [0, 0, 0, 0] }] });
    expect(await count('dups_upsert')).toBe(3);
    await client.upsert({ collection_name: 'dups_upsert', data: [{ id: 1, tag: 'up', v: [0, 0, 0, 0] }] });
    // The two _default copies are gone, the p2 copy (another partition) stays.
    expect(await count('dups_upsert')).toBe(2);
    expect(await tags('dups_upsert', 'id == 1')).toEqual([[1, 'up']]);
    expect(await tags('dups_upsert', 'id == 1', { partition_names: ['p2'] })).toEqual([[1, 'p2']]);
    expect(await stats('dups_upsert')).toBe(4);
  });

  test('a key twice in one upsert is refused and nothing is stored', async () => {
    await fresh('dups_refused');
    const refused = await client.upsert({
      collection_name: 'dups_refused',
      data: [{ id: 3, tag: 'a', v: [0, 0, 0, 0] }, { id: 3, tag: 'b', v: [0, 0, 0, 0] }],
    });
    expect(refused.status).toMatchObject({ code: 1100, reason: 'duplicate primary keys are not allowed in the same batch: invalid parameter' });
    expect(await count('dups_refused')).toBe(0);
    const viaRest = await http.upsert({ collectionName: 'dups_refused', data: [{ id: 4, tag: 'a', v: [0, 0, 0, 0] }, { id: 4, tag: 'b', v: [0, 0, 0, 0] }] });
    expect(viaRest).toMatchObject({ code: 1100, message: 'duplicate primary keys are not allowed in the same batch: invalid parameter' });
    expect(await count('dups_refused')).toBe(0);
  });

  test('REST: inserted copies, the newest returned, counted by count(*) and get_stats', async () => {
    await fresh('dups_rest');
    await http.insert({ collectionName: 'dups_rest', data: [{ id: 1, tag: 'x', v: [0, 0, 0, 0] }] });
    await http.insert({ collectionName: 'dups_rest', data: [{ id: 1, tag: 'y', v: [0, 0, 0, 0] }] });
    const rows = await http.query({ collectionName: 'dups_rest', filter: 'id == 1', outputFields: ['tag'] });
    expect(rows.data).toEqual([{ id: '1', tag: 'y' }]);
    const counted = await http.query({ collectionName: 'dups_rest', filter: '', outputFields: ['count(*)'] });
    expect(counted.data).toEqual([{ 'count(*)': '2' }]);
    expect((await http.getCollectionStatistics({ collectionName: 'dups_rest' } as never)).data).toEqual({ rowCount: 2 });
  });
});

describe('hybrid search windows', () => {
  const N = 30;
  const a = randomVectors(N, DIM, 'hy-a');
  const b = randomVectors(N, DIM, 'hy-b');
  const qs = randomVectors(2, DIM, 'hy-q');
  const tableOf = (vs: number[][]) => vs.map((vector, id) => ({ id, vector }));

  beforeAll(async () => {
    await client.createCollection({
      collection_name: 'hy',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'a', data_type: DataType.FloatVector, dim: DIM },
        { name: 'b', data_type: DataType.FloatVector, dim: DIM },
      ],
      index_params: [
        { field_name: 'a', index_type: 'FLAT', metric_type: 'L2' },
        { field_name: 'b', index_type: 'FLAT', metric_type: 'IP' },
      ],
    });
    await client.insert({ collection_name: 'hy', data: a.map((v, id) => ({ id, a: v, b: b[id] })) });
    await client.loadCollectionAsync({ collection_name: 'hy' });
  });

  const rrf = (lists: Array<Array<{ id: number }>>, k: number, limit: number, offset = 0) => {
    const fused = new Map<number, number>();
    lists.forEach((list) => list.forEach((h, i) => fused.set(h.id, (fused.get(h.id) ?? 0) + 1 / (k + i + 1))));
    return [...fused]
      .map(([id, s]) => [id, Math.fround(s)] as [number, number])
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(offset, offset + limit);
  };

  test('each sub-request takes its own limit as its candidate count', async () => {
    const q = qs[0] as number[];
    const res = await client.hybridSearch({
      collection_name: 'hy',
      data: [
        { anns_field: 'a', data: q, limit: 2 },
        { anns_field: 'b', data: q, limit: 6 },
      ],
      rerank: RRFRanker(60),
      limit: 5,
      offset: 1,
    });
    const expected = rrf([topK('L2', q, tableOf(a), 2), topK('IP', q, tableOf(b), 6)], 60, 5, 1);
    expect(res.results.map((r) => [Number(r.id), r.score])).toEqual(expected);
  });

  test('several query vectors: one fused list per query', async () => {
    const res = await client.hybridSearch({
      collection_name: 'hy',
      data: [
        { anns_field: 'a', data: qs, limit: 4 },
        { anns_field: 'b', data: qs, limit: 4 },
      ],
      rerank: RRFRanker(60),
      limit: 3,
    });
    const lists = res.results as unknown as Array<Array<{ id: string; score: number }>>;
    expect(lists).toHaveLength(2);
    qs.forEach((q, i) => {
      const expected = rrf([topK('L2', q, tableOf(a), 4), topK('IP', q, tableOf(b), 4)], 60, 3);
      expect((lists[i] ?? []).map((r) => [Number(r.id), r.score])).toEqual(expected);
    });
  });

  test('sub-requests with different numbers of query vectors are refused', async () => {
    const res = await client.hybridSearch({
      collection_name: 'hy',
      data: [
        { anns_field: 'a', data: qs, limit: 4 },
        { anns_field: 'b', data: qs[0] as number[], limit: 4 },
      ],
      rerank: RRFRanker(60),
      limit: 3,
    });
    expect(res.status).toMatchObject({
      code: 1100,
      reason: 'sub search request nq should be the same: invalid parameter[expected=2][actual=1]',
    });
  });

  test('REST: search[i].limit is the sub-request window, and nq > 1 gives one list per query', async () => {
    const q = qs[1] as number[];
    const res = await http.hybridSearch({
      collectionName: 'hy',
      search: [
        { data: [q], annsField: 'a', limit: 1 },
        { data: [q], annsField: 'b', limit: 3 },
      ],
      rerank: { strategy: 'rrf', params: { k: 10 } },
      limit: 4,
    } as never);
    const expected = rrf([topK('L2', q, tableOf(a), 1), topK('IP', q, tableOf(b), 3)], 10, 4);
    expect((res.data as unknown as Array<{ id: string; distance: number }>).map((r) => [Number(r.id), Math.fround(r.distance)])).toEqual(expected);
    const two = (await http.hybridSearch({
      collectionName: 'hy',
      search: [
        { data: qs, annsField: 'a', limit: 2 },
        { data: qs, annsField: 'b', limit: 2 },
      ],
      rerank: { strategy: 'rrf', params: { k: 10 } },
      limit: 2,
    } as never)) as { topks?: number[]; data: unknown[] };
    expect(two.topks).toEqual([2, 2]);
    expect(two.data).toHaveLength(4);
  });
});

test('the fake served every call above', () => {
  expect(milvus?.address).toMatch(/:\d+$/);
});
