/**
 * Upsert field operators (`field_ops`: REPLACE, ARRAY_APPEND, ARRAY_REMOVE; Milvus 2.6.17+, PR #49328,
 * REST #49724) through the official SDK (gRPC `upsert({ field_ops })`) and REST v2 `fieldOps`.
 * Rules: proxy upsert_field_ops.go `validateFieldPartialUpdateOps` (checks and their words) and the
 * design doc "Array Field Partial Update Operators" (APPEND keeps order and duplicates, REMOVE drops
 * every match, NaN never matches, a null payload changes nothing, a non-REPLACE op implies partial_update).
 */
import { DataType, HttpClient, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import { withFakeMilvusAndSdk } from './milvus-helpers.js';

let client: MilvusClient;
let http: HttpClient;

withFakeMilvusAndSdk((fake, sdk) => {
  client = sdk;
  http = new HttpClient({ endpoint: fake.url });
});

const restUpsert = (body: Record<string, unknown>) =>
  (http as unknown as { POST: (url: string, data: unknown) => Promise<{ code: number; message?: string; data?: unknown }> }).POST(
    '/vectordb/entities/upsert',
    body,
  );

beforeAll(async () => {
  await client.createCollection({
    collection_name: 'ops',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'tags', data_type: DataType.Array, element_type: DataType.VarChar, max_capacity: 5, max_length: 8, nullable: true },
      { name: 'nums', data_type: DataType.Array, element_type: DataType.Double, max_capacity: 10 },
      { name: 'label', data_type: DataType.VarChar, max_length: 8 },
      { name: 'v', data_type: DataType.FloatVector, dim: 2 },
    ],
    index_params: [{ field_name: 'v', index_type: 'FLAT', metric_type: 'L2' }],
  });
  await client.loadCollectionAsync({ collection_name: 'ops' });
  await client.insert({
    collection_name: 'ops',
    data: [
      { id: 1, tags: ['a', 'b'], nums: [1, 2, 1, Number.NaN], label: 'one', v: [0, 0] },
      { id: 2, tags: null, nums: [], label: 'two', v: [1, 1] },
    ],
  });
});

const row = async (id: number) =>
  (await client.query({ collection_name: 'ops', filter: `id == ${id}`, output_fields: ['tags', 'nums', 'label'] })).data[0];

describe('field ops through gRPC', () => {
  test('ARRAY_APPEND keeps stored elements, then the payload, duplicates included; other fields stay', async () => {
    const res = await client.upsert({
      collection_name: 'ops',
      data: [{ id: 1, tags: ['b', 'c'] }],
      field_ops: [{ field_name: 'tags', op: 'ARRAY_APPEND' }],
    } as never);
    expect(res.status.error_code).toBe('Success');
    expect(await row(1)).toMatchObject({ tags: ['a', 'b', 'b', 'c'], label: 'one' });
  });

  test('ARRAY_REMOVE drops every match, and NaN never matches', async () => {
    await client.upsert({
      collection_name: 'ops',
      data: [{ id: 1, nums: [1, Number.NaN] }],
      field_ops: [{ field_name: 'nums', op: 'ARRAY_REMOVE' }],
    } as never);
    const nums = (await row(1))?.nums as number[];
    expect(nums).toHaveLength(2);
    expect(nums[0]).toBe(2);
    expect(Number.isNaN(nums[1])).toBe(true);
  });

  test('a null stored array takes the payload; a key not stored yet is inserted as sent', async () => {
    for (const data of [[{ id: 2, tags: ['x'] }], [{ id: 3, tags: ['new'], nums: [5], label: 'three', v: [3, 3] }]]) {
      const res = await client.upsert({ collection_name: 'ops', data, field_ops: [{ field_name: 'tags', op: 'ARRAY_APPEND' }] } as never);
      expect(res.status.error_code).toBe('Success');
    }
    expect(await row(2)).toMatchObject({ tags: ['x'], label: 'two' });
    expect(await row(3)).toMatchObject({ tags: ['new'], nums: [5], label: 'three' });
  });

  test('an append past max_capacity is refused and nothing changes', async () => {
    const before = await row(1);
    const res = await client.upsert({
      collection_name: 'ops',
      data: [{ id: 1, tags: ['d', 'e'] }],
      field_ops: [{ field_name: 'tags', op: 'ARRAY_APPEND' }],
    } as never);
    expect(res.status).toMatchObject({ code: 1100, reason: 'array length 6 exceeds max_capacity 5: invalid parameter' });
    const alone = await client.upsert({
      collection_name: 'ops',
      data: [{ id: 1, tags: ['1', '2', '3', '4', '5', '6'] }],
      field_ops: [{ field_name: 'tags', op: 'ARRAY_APPEND' }],
    } as never);
    expect(alone.status.reason).toBe('ARRAY_APPEND payload for field "tags" row 0 has length 6 exceeding max_capacity 5: invalid parameter');
    expect(await row(1)).toEqual(before);
  });

  test('bad ops get the proxy refusals', async () => {
    const cases: Array<[unknown[], string]> = [
      [[{ field_name: 'label', op: 'ARRAY_APPEND' }], 'op ARRAY_APPEND requires Array field, but field "label" is VarChar: invalid parameter'],
      [[{ field_name: 'id', op: 'ARRAY_REMOVE' }], 'field "id" is the primary key and cannot carry a partial-update op: invalid parameter'],
      [[{ field_name: 'nope', op: 'ARRAY_REMOVE' }], 'field "nope" not found in collection schema: invalid parameter'],
      [[{ field_name: 'nums', op: 'ARRAY_REMOVE' }], 'partial-update op targets field "nums" not present in fields_data: invalid parameter'],
      [
        [{ field_name: 'tags', op: 'ARRAY_REMOVE' }, { field_name: 'tags', op: 'REPLACE' }],
        'duplicate partial-update op for field "tags": invalid parameter',
      ],
    ];
    for (const [fieldOps, reason] of cases) {
      const res = await client.upsert({ collection_name: 'ops', data: [{ id: 1, tags: ['a'] }], field_ops: fieldOps } as never);
      expect(res.status).toMatchObject({ code: 1100, reason });
    }
    // The SDK itself refuses an op name it does not know, before any call.
    await expect(
      client.upsert({ collection_name: 'ops', data: [{ id: 1, tags: ['a'] }], field_ops: [{ field_name: 'tags', op: 'ARRAY_EXTEND' }] } as never),
    ).rejects.toThrow(/unsupported field partial update op/);
  });

  test('REPLACE overwrites the field (the SDK marks any field_ops upsert partial, so other fields stay)', async () => {
    const res = await client.upsert({
      collection_name: 'ops',
      data: [{ id: 1, tags: ['z'] }],
      field_ops: [{ field_name: 'tags', op: 'REPLACE' }],
    } as never);
    expect(res.status.error_code).toBe('Success');
    expect(await row(1)).toMatchObject({ tags: ['z'], label: 'one' });
  });

  test('a partial update needs the collection loaded (the proxy reads the stored rows first)', async () => {
    await client.releaseCollection({ collection_name: 'ops' });
    const res = await client.upsert({
      collection_name: 'ops',
      data: [{ id: 1, tags: ['q'] }],
      field_ops: [{ field_name: 'tags', op: 'ARRAY_APPEND' }],
    } as never);
    expect(res.status.code).toBe(101);
    await client.loadCollectionAsync({ collection_name: 'ops' });
  });
});

describe('field ops through REST v2', () => {
  test('fieldOps append and remove; an unknown op is refused', async () => {
    expect(await restUpsert({ collectionName: 'ops', data: [{ id: 3, tags: ['more'] }], fieldOps: [{ fieldName: 'tags', op: 'ARRAY_APPEND' }] })).toMatchObject({
      code: 0,
      data: { upsertCount: 1 },
    });
    expect(await restUpsert({ collectionName: 'ops', data: [{ id: 3, tags: ['new'] }], fieldOps: [{ fieldName: 'tags', op: 'ARRAY_REMOVE' }] })).toMatchObject({ code: 0 });
    expect(await row(3)).toMatchObject({ tags: ['more'], label: 'three' });
    expect(await restUpsert({ collectionName: 'ops', data: [{ id: 3, tags: ['x'] }], fieldOps: [{ fieldName: 'tags', op: 'ARRAY_EXTEND' }] })).toEqual({
      code: 1100,
      message: 'unsupported partial update op: ARRAY_EXTEND: invalid parameter',
    });
    expect(await restUpsert({ collectionName: 'ops', data: [{ id: 3, label: 'x' }], fieldOps: [{ fieldName: 'label', op: 'ARRAY_APPEND' }] })).toEqual({
      code: 1100,
      message: 'op ARRAY_APPEND requires Array field, but field "label" is VarChar: invalid parameter',
    });
    expect(await row(3)).toMatchObject({ tags: ['more'], label: 'three' });
  });
});
