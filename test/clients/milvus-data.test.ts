import { DataType, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { withFakeMilvusAndSdk } from './milvus-helpers.js';
import { toFloat16Bits } from '../../src/fakes/milvus/storage/rows.js';
import { float16Table } from '../../src/fakes/milvus/engine/metrics.js';

let milvus: StartedFakeMilvus;
let client: MilvusClient;

withFakeMilvusAndSdk((fake, sdk) => {
  milvus = fake;
  client = sdk;
});

async function loadAll(name: string, vectorFields: Record<string, string>): Promise<void> {
  for (const [field, metric] of Object.entries(vectorFields)) {
    const res = await client.createIndex({ collection_name: name, field_name: field, metric_type: metric });
    expect(res.error_code).toBe('Success');
  }
  expect((await client.loadCollectionAsync({ collection_name: name })).error_code).toBe('Success');
}

const f32 = (x: number) => Math.fround(x);
const f16 = (x: number) => float16Table()[toFloat16Bits(x)] as number;

describe('field types', () => {
  test('every scalar type round-trips through insert and query', async () => {
    await client.createCollection({
      collection_name: 'scalars',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'v', data_type: DataType.FloatVector, dim: 2 },
        { name: 'b', data_type: DataType.Bool },
        { name: 'i8', data_type: DataType.Int8 },
        { name: 'i16', data_type: DataType.Int16 },
        { name: 'i32', data_type: DataType.Int32 },
        { name: 'i64', data_type: DataType.Int64 },
        { name: 'f', data_type: DataType.Float },
        { name: 'd', data_type: DataType.Double },
        { name: 's', data_type: DataType.VarChar, max_length: 16 },
        { name: 'j', data_type: DataType.JSON },
        { name: 'arr', data_type: DataType.Array, element_type: DataType.Int64, max_capacity: 4 },
        { name: 'tags', data_type: DataType.Array, element_type: DataType.VarChar, max_capacity: 3, max_length: 8 },
      ],
    });
    const rows = [
      { id: 1, v: [0.5, 0.25], b: true, i8: -128, i16: 32767, i32: -5, i64: '9007199254740993', f: 0.1, d: 0.1, s: 'héllo', j: { a: [1, { b: null }] }, arr: [1, 2], tags: ['x'] },
      { id: 2, v: [1, 2], b: false, i8: 127, i16: -1, i32: 2147483647, i64: -3, f: -2.5, d: 1e300, s: '', j: 'text', arr: [], tags: ['a', 'b', 'c'] },
    ];
    const res = await client.insert({ collection_name: 'scalars', data: rows });
    expect(res.status.error_code).toBe('Success');
    expect(res.IDs).toMatchObject({ int_id: { data: ['1', '2'] } });
    expect(res.insert_cnt).toBe('2');
    await loadAll('scalars', { v: 'L2' });
    const back = await client.query({ collection_name: 'scalars', filter: 'id > 0', output_fields: ['*'] });
    expect(back.data).toEqual([
      { id: '1', v: [0.5, 0.25], b: true, i8: -128, i16: 32767, i32: -5, i64: '9007199254740993', f: f32(0.1), d: 0.1, s: 'héllo', j: { a: [1, { b: null }] }, arr: ['1', '2'], tags: ['x'] },
      { id: '2', v: [1, 2], b: false, i8: 127, i16: -1, i32: 2147483647, i64: '-3', f: -2.5, d: 1e300, s: '', j: 'text', arr: [], tags: ['a', 'b', 'c'] },
    ]);
  });

  test('every vector type round-trips', async () => {
    await client.createCollection({
      collection_name: 'vectors',
      fields: [
        { name: 'id', data_type: DataType.VarChar, is_primary_key: true, max_length: 8 },
        { name: 'bin', data_type: DataType.BinaryVector, dim: 16 },
        { name: 'half', data_type: DataType.Float16Vector, dim: 3 },
        { name: 'brain', data_type: DataType.BFloat16Vector, dim: 3 },
        { name: 'i8v', data_type: DataType.Int8Vector, dim: 3 },
      ],
    });
    await client.createCollection({
      collection_name: 'sparse',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'sp', data_type: DataType.SparseFloatVector },
      ],
    });
    const rows = [
      { id: 'a', bin: [255, 1], half: [0.1, -2, 1000], brain: [1.5, -0.25, 3], i8v: [-128, 0, 127] },
      { id: 'b', bin: [0, 128], half: [0, 0.5, 65504], brain: [0, 0, 0], i8v: [1, 2, 3] },
    ];
    expect((await client.insert({ collection_name: 'vectors', data: rows })).status.error_code).toBe('Success');
    await loadAll('vectors', { bin: 'HAMMING', half: 'L2', brain: 'IP', i8v: 'L2' });
    const back = await client.query({ collection_name: 'vectors', filter: 'id in ["a", "b"]', output_fields: ['*'] });
    expect(back.data).toEqual([
      { id: 'a', bin: [255, 1], half: [0.1, -2, 1000].map(f16), brain: [1.5, -0.25, 3], i8v: [-128, 0, 127] },
      { id: 'b', bin: [0, 128], half: [0, 0.5, 65504], brain: [0, 0, 0], i8v: [1, 2, 3] },
    ]);
    await client.insert({ collection_name: 'sparse', data: [{ id: 1, sp: { 3: 0.5, 100: 2 } }, { id: 2, sp: { 7: 1 } }] });
    await loadAll('sparse', { sp: 'IP' });
    const sparse = await client.query({ collection_name: 'sparse', filter: 'id > 0', output_fields: ['sp'] });
    expect(sparse.data).toEqual([{ sp: { 3: 0.5, 100: 2 }, id: '1' }, { sp: { 7: 1 }, id: '2' }]);
  });

  test('nullable fields read null and defaulted fields read their default', async () => {
    await client.createCollection({
      collection_name: 'nullables',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'v', data_type: DataType.FloatVector, dim: 2 },
        { name: 'maybe', data_type: DataType.Int32, nullable: true },
        { name: 'label', data_type: DataType.VarChar, max_length: 8, default_value: 'none' },
        { name: 'both', data_type: DataType.Double, nullable: true, default_value: 1.5 },
      ],
    });
    await client.insert({
      collection_name: 'nullables',
      data: [
        { id: 1, v: [1, 1], maybe: 7, label: 'x', both: 2 },
        { id: 2, v: [1, 1], maybe: null, label: null, both: null },
        { id: 3, v: [1, 1] },
      ],
    });
    await loadAll('nullables', { v: 'L2' });
    const back = await client.query({ collection_name: 'nullables', filter: 'id > 0', output_fields: ['maybe', 'label', 'both'] });
    expect(back.data).toEqual([
      { maybe: 7, label: 'x', both: 2, id: '1' },
      { maybe: null, label: 'none', both: 1.5, id: '2' },
      { maybe: null, label: 'none', both: 1.5, id: '3' },
    ]);
    const nulls = await client.query({ collection_name: 'nullables', filter: 'maybe is null', output_fields: ['id'] });
    expect(nulls.data.map((r) => r.id)).toEqual(['2', '3']);
  });
});

describe('insert validation', () => {
  beforeAll(async () => {
    await client.createCollection({
      collection_name: 'strict',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'v', data_type: DataType.FloatVector, dim: 4 },
        { name: 'small', data_type: DataType.Int8 },
        { name: 'name', data_type: DataType.VarChar, max_length: 4 },
        { name: 'list', data_type: DataType.Array, element_type: DataType.Int32, max_capacity: 2 },
      ],
    });
  });
  const ok = { id: 1, v: [1, 2, 3, 4], small: 1, name: 'abcd', list: [1] };

  test.each([
    ['a vector of the wrong size', { v: [1, 2, 3] }, 65535, 'the length(3) of float data should divide the dim(4)'],
    ['a NaN in a float vector', { v: [1, Number.NaN, 3, 4] }, 65535, "value 'NaN' is not a number or infinity"],
    ['an infinity in a float vector', { v: [1, 2, Number.NEGATIVE_INFINITY, 4] }, 65535, "value '-Inf' is not a number or infinity"],
    ['a string over max_length (bytes)', { name: 'ééé' }, 1100, 'length of varchar field name exceeds max length, row number: 0, length: 6, max length: 4: invalid parameter'],
    ['an array over max_capacity', { list: [1, 2, 3] }, 1100, 'the length (3) of 0th array exceeds max capacity (2): invalid parameter[expected=valid length array][actual=array length exceeds max capacity]'],
    ['an Int8 out of range', { small: 300 }, 1100, "the 0th element (300) out of range: [-128, 127]: invalid parameter[expected=integer doesn't overflow][actual=out of range]"],
    ['a missing field', { small: undefined }, 1100, 'the num_rows (0) of field (small) is not equal to passed num_rows (1): invalid parameter[expected=1][actual=0]'],
  ])('rejects %s', async (_label, change, code, reason) => {
    const res = await client.insert({ collection_name: 'strict', data: [{ ...ok, ...change }] });
    expect([res.status.code, res.status.reason]).toEqual([code, reason]);
    expect((await client.getCollectionStatistics({ collection_name: 'strict' })).data.row_count).toBe('0');
  });

  test('insert into a missing partition reports it', async () => {
    const res = await client.insert({ collection_name: 'strict', partition_name: 'nope', data: [ok] });
    expect([res.status.code, res.status.error_code, res.status.reason]).toEqual([200, 'MetaFailed', 'partition not found[partition=nope]']);
  });
});

describe('writes', () => {
  test('auto ids are int64 above 2^53, derived from the clock, and queryable as strings', async () => {
    await client.createCollection({
      collection_name: 'auto',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true, autoID: true },
        { name: 'v', data_type: DataType.FloatVector, dim: 2 },
      ],
    });
    const res = await client.insert({ collection_name: 'auto', data: [{ v: [1, 0] }, { v: [0, 1] }] });
    const ids = (res.IDs as unknown as { int_id: { data: string[] } }).int_id.data;
    expect(BigInt(ids[0] as string) > 2n ** 53n).toBe(true);
    expect(BigInt(ids[1] as string)).toBe(BigInt(ids[0] as string) + 1n);
    expect(BigInt(ids[0] as string) >> 18n).toBe(BigInt(Date.parse('2026-03-01T10:00:00Z')));
    await loadAll('auto', { v: 'IP' });
    const back = await client.query({ collection_name: 'auto', filter: `id == ${ids[1]}`, output_fields: ['id'] });
    expect(back.data).toEqual([{ id: ids[1] }]);
    await client.alterCollectionProperties({ collection_name: 'auto', properties: { allow_insert_auto_id: 'true' } });
    // The SDK decides client-side which fields to send from its cached describe: refresh it.
    await client.describeCollection({ collection_name: 'auto' });
    const explicit = await client.insert({ collection_name: 'auto', data: [{ id: 42, v: [1, 1] }] });
    expect(explicit.IDs).toMatchObject({ int_id: { data: ['42'] } });
  });

  test('upsert replaces by key; delete works by filter and by ids', async () => {
    await client.createCollection({
      collection_name: 'mutable',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'v', data_type: DataType.FloatVector, dim: 2 },
        { name: 'tag', data_type: DataType.VarChar, max_length: 8 },
      ],
    });
    await loadAll('mutable', { v: 'L2' });
    await client.insert({ collection_name: 'mutable', data: [1, 2, 3, 4].map((id) => ({ id, v: [id, 0], tag: `t${id}` })) });
    const up = await client.upsert({ collection_name: 'mutable', data: [{ id: 2, v: [9, 9], tag: 'new' }, { id: 5, v: [5, 0], tag: 't5' }] });
    expect(up.upsert_cnt).toBe('2');
    let rows = await client.query({ collection_name: 'mutable', filter: 'id > 0', output_fields: ['tag'] });
    expect(rows.data.map((r) => `${r.id}:${r.tag}`)).toEqual(['1:t1', '2:new', '3:t3', '4:t4', '5:t5']);
    const byFilter = await client.deleteEntities({ collection_name: 'mutable', filter: 'tag like "t%" and id < 4' });
    expect(byFilter.delete_cnt).toBe('2');
    const byIds = await client.delete({ collection_name: 'mutable', ids: [4, 99] });
    expect(byIds.delete_cnt).toBe('2');
    rows = await client.query({ collection_name: 'mutable', filter: 'id > 0', output_fields: ['tag'] });
    expect(rows.data.map((r) => r.id)).toEqual(['2', '5']);
    expect((await client.count({ collection_name: 'mutable' })).data).toBe(2);
  });

  test('flush and flushSync report sealed segments and flushed state', async () => {
    const flushed = await client.flushSync({ collection_names: ['mutable'] });
    expect(flushed.flushed).toBe(true);
    const raw = await client.flush({ collection_names: ['mutable'] });
    expect(Object.keys(raw.coll_segIDs)).toEqual(['mutable']);
  });

  test('concurrent writers never lose a row', async () => {
    await client.createCollection({
      collection_name: 'busy',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'v', data_type: DataType.FloatVector, dim: 2 },
      ],
    });
    await Promise.all(
      Array.from({ length: 20 }, (_, batch) =>
        client.insert({ collection_name: 'busy', data: Array.from({ length: 50 }, (_, i) => ({ id: batch * 50 + i, v: [batch, i] })) }),
      ),
    );
    expect((await client.getCollectionStatistics({ collection_name: 'busy' })).data.row_count).toBe('1000');
  });
});
