/**
 * ORDER BY (`order_by_fields`, Milvus 3.0) through the official SDK 3.0.6: query and search over gRPC
 * (`MilvusClient`) and REST v2 (`HttpClient`). The SDK joins `[{ field, order }]` into
 * `"field:order,..."` (`normalizeOrderByFields`, utils/Format.js) and sends it as the `order_by_fields`
 * query / search param.
 */
import { DataType, HttpClient, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { withFakeMilvusAndSdk } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: MilvusClient;
let rest: HttpClient;

withFakeMilvusAndSdk((fake, sdk) => {
  milvus = fake;
  client = sdk;
});

const C = 'shop';
// vec[0] = id, so L2 distance to [0, 0] ranks ids 1, 2, 3, ... in order.
const ROWS = [
  { id: 1, vec: [1, 0], price: 30, name: 'pear', qty: 2, meta: { rank: 3 }, color: 'red' },
  { id: 2, vec: [2, 0], price: null, name: 'apple', qty: 1, meta: { rank: 1 }, color: 'blue' },
  { id: 3, vec: [3, 0], price: 10, name: 'Zucchini', qty: 2, meta: {}, color: 'green' },
  { id: 4, vec: [4, 0], price: 20, name: 'éclair', qty: 1, meta: { rank: 'x' }, color: 'red' },
  { id: 5, vec: [5, 0], price: 20, name: 'banana', qty: 3, meta: { rank: 2 } },
  { id: 6, vec: [6, 0], price: 5, name: 'fig', qty: 3, meta: { rank: 0 }, color: 'amber' },
];

beforeAll(async () => {
  rest = new HttpClient({ endpoint: milvus.url });
  await client.createCollection({
    collection_name: C,
    enable_dynamic_field: true,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      { name: 'price', data_type: DataType.Double, nullable: true },
      { name: 'name', data_type: DataType.VarChar, max_length: 16 },
      { name: 'qty', data_type: DataType.Int32 },
      { name: 'meta', data_type: DataType.JSON },
      { name: 'tags', data_type: DataType.Array, element_type: DataType.Int64, max_capacity: 2, nullable: true },
    ],
  });
  expect((await client.insert({ collection_name: C, data: ROWS })).status.error_code).toBe('Success');
  await client.createIndex({ collection_name: C, field_name: 'vec', metric_type: 'L2' });
  await client.loadCollectionSync({ collection_name: C });
});

const ids = (data: ReadonlyArray<Record<string, unknown>>) => data.map((r) => Number(r.id));

async function queryIds(order: Parameters<MilvusClient['query']>[0]['order_by_fields'], extra: Record<string, unknown> = {}) {
  const res = await client.query({ collection_name: C, filter: 'id > 0', output_fields: ['id', 'price'], limit: 10, order_by_fields: order, ...extra });
  expect(res.status.error_code).toBe('Success');
  return ids(res.data);
}

async function queryError(request: Record<string, unknown>) {
  const res = await client.query({ collection_name: C, filter: 'id > 0', limit: 10, ...request });
  return { code: res.status.code, reason: res.status.reason };
}

describe('query order_by_fields (task_query.go, orderby.ParseOrderByFields)', () => {
  test('desc puts nulls first, asc puts them last (PostgreSQL defaults, order_by_field.go NewOrderByField)', async () => {
    expect(await queryIds('price:desc')).toEqual([2, 1, 4, 5, 3, 6]);
    // Ties (4 and 5 at 20) come in primary-key order in the fake.
    expect(await queryIds([{ field: 'price', order: 'asc' }])).toEqual([6, 3, 4, 5, 1, 2]);
    expect(await queryIds('price')).toEqual([6, 3, 4, 5, 1, 2]);
  });

  test('explicit nulls_first / nulls_last and the spelled-out directions', async () => {
    expect(await queryIds('price:asc:nulls_first')).toEqual([2, 6, 3, 4, 5, 1]);
    expect(await queryIds('price:descending:nulls_last')).toEqual([1, 4, 5, 3, 6, 2]);
  });

  test('several keys, strings byte-wise, offset and limit after the sort', async () => {
    // qty asc, then name desc: byte order puts 'Z' before lower case and 'é' after 'z'.
    expect(await queryIds([{ field: 'qty' }, { field: 'name', order: 'desc' }])).toEqual([4, 2, 1, 3, 6, 5]);
    expect(await queryIds('name')).toEqual([3, 2, 5, 6, 1, 4]);
    const page = await client.query({ collection_name: C, filter: '', output_fields: ['name'], limit: 2, offset: 1, order_by: 'qty:desc,id:desc' });
    // Rows keep the primary key, as a plain query's do (translateToOutputFieldIDs adds it).
    expect(page.data).toEqual([{ id: '5', name: 'banana' }, { id: '3', name: 'Zucchini' }]);
  });

  test('a duplicated key sorts by its newest copy only (DeduplicatePK before OrderByLimit, milvus#48298)', async () => {
    await client.createCollection({
      collection_name: 'dups',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
        { name: 'score', data_type: DataType.Int64 },
      ],
    });
    await client.insert({ collection_name: 'dups', data: [{ id: 1, vec: [0, 0], score: 100 }, { id: 2, vec: [0, 0], score: 50 }] });
    await client.insert({ collection_name: 'dups', data: [{ id: 1, vec: [0, 0], score: 1 }] });
    await client.createIndex({ collection_name: 'dups', field_name: 'vec', metric_type: 'L2' });
    await client.loadCollectionSync({ collection_name: 'dups' });
    const res = await client.query({ collection_name: 'dups', filter: 'id > 0', output_fields: ['score'], limit: 5, order_by_fields: 'score:desc' });
    expect(res.data).toEqual([{ id: '2', score: '50' }, { id: '1', score: '1' }]);
  });

  test('refusals in the proxy words (task_query.go PreExecute, milvus#48729 E2E error cases)', async () => {
    const bad = 'invalid parameter';
    expect(await client.query({ collection_name: C, filter: 'id > 0', order_by_fields: 'price' }).then((r) => r.status.reason)).toBe(
      `ORDER BY requires explicit limit: ${bad}`,
    );
    expect(await queryError({ order_by_fields: 'price:up' })).toEqual({ code: 1100, reason: `invalid order direction 'up' for field 'price', must be 'asc' or 'desc': ${bad}` });
    expect(await queryError({ order_by_fields: 'price:asc:nulls_middle' })).toEqual({
      code: 1100,
      reason: `invalid null ordering 'nulls_middle', must be 'nulls_first' or 'nulls_last': ${bad}`,
    });
    expect(await queryError({ order_by_fields: 'nope' })).toEqual({ code: 1100, reason: `order_by field 'nope' does not exist in collection schema: ${bad}` });
    // Dynamic keys and JSON paths are not sortable in query (only in search).
    expect((await queryError({ order_by_fields: 'color' })).reason).toBe(`order_by field 'color' does not exist in collection schema: ${bad}`);
    expect((await queryError({ order_by_fields: 'vec' })).reason).toBe(`order_by field 'vec' has type FloatVector which is not sortable: ${bad}`);
    expect((await queryError({ order_by_fields: 'meta' })).reason).toBe(`order_by field 'meta' has type JSON which is not sortable: ${bad}`);
    expect((await queryError({ order_by_fields: 'tags' })).reason).toBe(`order_by field 'tags' has type Array which is not sortable: ${bad}`);
    // count(*) is an aggregate: validateOrderByFieldsWithGroupBy only allows GROUP BY columns.
    expect(await queryError({ output_fields: ['count(*)'], order_by_fields: 'price' })).toEqual({
      code: 1100,
      reason: `ORDER BY field 'price' is not valid: when using GROUP BY or aggregates, ORDER BY can only reference GROUP BY columns. Valid targets are: []: ${bad}`,
    });
  });

  test('order by with the query iterator flag is refused', async () => {
    const res = await queryError({ order_by_fields: 'price', params: { iterator: true } });
    expect(res).toEqual({ code: 1100, reason: 'ORDER BY with iterator is not supported: invalid parameter' });
  });
});

describe('search order_by_fields (search_util.go parseOrderByFields, search_pipeline.go orderByOperator)', () => {
  const search = (extra: Record<string, unknown>) =>
    client.search({ collection_name: C, data: [0, 0], limit: 4, output_fields: ['id', 'price'], ...extra });

  test('the top-k by distance is chosen first, then re-sorted by the fields', async () => {
    const plain = await search({});
    expect(ids(plain.results)).toEqual([1, 2, 3, 4]);
    const asc = await search({ order_by_fields: [{ field: 'price', order: 'asc' }] });
    expect(asc.status.error_code).toBe('Success');
    // Only ids 1..4 (the top 4 by distance), price asc, the null last (milvus#50163).
    expect(ids(asc.results)).toEqual([3, 4, 1, 2]);
    expect(asc.results.map((r) => r.score)).toEqual([9, 16, 1, 4]);
    expect(ids((await search({ order_by_fields: 'price:desc' })).results)).toEqual([2, 1, 4, 3]);
    expect(ids((await search({ order_by_fields: 'price:asc:nulls_first' })).results)).toEqual([2, 3, 4, 1]);
  });

  test('JSON paths, dynamic keys and $meta paths; missing paths are null', async () => {
    // meta["rank"]: 3, 1, missing, "x" for ids 1..4; numbers by value, a string against a number by the
    // raw JSON text ('"x"' < '1'), the missing path last.
    expect(ids((await search({ order_by_fields: 'meta["rank"]:asc' })).results)).toEqual([4, 2, 1, 3]);
    // color (dynamic): red, blue, green, red.
    expect(ids((await search({ order_by_fields: 'color:desc' })).results)).toEqual([1, 4, 3, 2]);
    expect(ids((await search({ order_by_fields: '$meta["color"]' })).results)).toEqual([2, 3, 1, 4]);
  });

  test('each query vector sorts its own hits', async () => {
    const res = await client.search({ collection_name: C, data: [[0, 0], [6, 0]], limit: 2, output_fields: ['id', 'name'], order_by_fields: 'name' });
    expect((res.results as unknown as Array<Array<{ id: string }>>).map(ids)).toEqual([[2, 1], [5, 6]]);
  });

  test('with grouping, whole groups move by their first hit', async () => {
    const res = await search({ group_by_field: 'qty', limit: 3, order_by_fields: 'qty:desc' });
    // Groups by distance: qty 2 (id 1), qty 1 (id 2), qty 3 (id 5); sorted by qty desc.
    expect(ids(res.results)).toEqual([5, 1, 2]);
  });

  test('refusals (plain errors are 65535; the iterator clash is 1100)', async () => {
    const reason = async (order: string, extra: Record<string, unknown> = {}) => {
      const res = await search({ order_by_fields: order, ...extra });
      return `${res.status.code} ${res.status.reason}`;
    };
    expect(await reason('vec')).toBe(
      `65535 order_by field 'vec' has unsortable type FloatVector; supported types: bool, int8/16/32/64, float, double, string, varchar; for JSON fields use path syntax like field["key"]`,
    );
    expect(await reason('meta')).toContain(`65535 order_by field 'meta' has unsortable type JSON;`);
    expect(await reason('price:sideways')).toBe(`65535 invalid order direction 'sideways' for field 'price', expected 'asc' or 'desc'`);
    expect(await reason('name["a"]')).toBe(`65535 order_by field 'name["a"]' has brackets but is not a JSON type`);
    expect(await reason('meta[rank]')).toMatch(/^65535 invalid JSON path in order_by field 'meta\[rank\]': /);
    expect(await reason('price', { params: { iterator: true } })).toBe(
      '1100 order_by is not supported when using search iterator: invalid parameter[expected=][actual=]',
    );
  });
});

describe('query GROUP BY and aggregations (Milvus 3.0: pymilvus#3178, milvus-sdk-node#584) stay refused', () => {
  const unsupported = (what: string) => `${what} is not supported by fakecontainers' fake Milvus: unsupported operation`;

  test('gRPC: group_by_fields and aggregate output fields answer 3000; a lone count(*) still counts', async () => {
    const grouped = await client.query({ collection_name: C, filter: 'id > 0', output_fields: ['qty', 'count(*)'], group_by_fields: ['qty'] });
    expect(grouped.status).toMatchObject({ code: 3000, reason: unsupported('query with group_by_fields') });
    const maxed = await client.query({ collection_name: C, filter: 'id > 0', output_fields: ['MAX(price)'] });
    expect(maxed.status).toMatchObject({ code: 3000, reason: unsupported('query aggregation (MAX(price))') });
    const counted = await client.query({ collection_name: C, filter: 'id > 0', output_fields: ['count(*)'] });
    expect(counted.data).toEqual([{ 'count(*)': '6' }]);
  });

  test('REST: groupByFields (milvus#52071) is forwarded and refused, not ignored', async () => {
    const res = await rest.query({ collectionName: C, filter: 'id > 0', outputFields: ['qty', 'count(*)'], groupByFields: ['qty'] } as never);
    expect(res).toMatchObject({ code: 3000, message: unsupported('query with group_by_fields') });
  });
});

describe('REST v2 orderByFields', () => {
  test('query (milvus#51173): ["field:desc"] becomes order_by_fields', async () => {
    const res = await rest.query({ collectionName: C, filter: 'id > 2', outputFields: ['name'], limit: 3, orderByFields: ['qty:desc', 'name'] } as never);
    expect(res.code).toBe(0);
    expect(ids(res.data as Array<Record<string, unknown>>)).toEqual([5, 6, 3]);
    const refused = await rest.query({ collectionName: C, filter: 'id > 2', orderByFields: ['qty:desc'] } as never);
    // REST query defaults limit to 100, so the limit rule does not fire; a bad field does.
    expect(refused.code).toBe(0);
    const bad = await rest.query({ collectionName: C, filter: 'id > 2', orderByFields: ['meta'] } as never);
    expect(bad).toMatchObject({ code: 1100, message: "order_by field 'meta' has type JSON which is not sortable: invalid parameter" });
  });

  test('search (milvus#52071): orderByFields and searchParams.order_by_fields', async () => {
    const body = { collectionName: C, data: [[0, 0]], annsField: 'vec', limit: 4, outputFields: ['id', 'price'] };
    const a = await rest.search({ ...body, orderByFields: ['price:desc'] } as never);
    expect(ids(a.data as Array<Record<string, unknown>>)).toEqual([2, 1, 4, 3]);
    const b = await rest.search({ ...body, searchParams: { order_by_fields: 'price' } } as never);
    expect(ids(b.data as Array<Record<string, unknown>>)).toEqual([3, 4, 1, 2]);
  });
});
