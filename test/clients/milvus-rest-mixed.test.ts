/**
 * One fake, two transports: what the gRPC MilvusClient writes, the REST HttpClient reads, and the
 * other way round, with the same scores from both.
 */
import { DataType, HttpClient, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { randomVectors, topK, withFakeMilvusAndSdk } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let grpc: MilvusClient;
let rest: HttpClient;
const vectors = randomVectors(20, 4, 'mixed');
const query = randomVectors(1, 4, 'mixed-q')[0] as number[];

withFakeMilvusAndSdk((fake, sdk) => {
  milvus = fake;
  grpc = sdk;
});

beforeAll(async () => {
  rest = new HttpClient({ endpoint: milvus.url });
  await grpc.createCollection({
    collection_name: 'shared',
    enable_dynamic_field: true,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'title', data_type: DataType.VarChar, max_length: 32 },
      { name: 'price', data_type: DataType.Float },
      { name: 'meta', data_type: DataType.JSON },
      { name: 'tags', data_type: DataType.Array, element_type: DataType.Int64, max_capacity: 4 },
      { name: 'vector', data_type: DataType.FloatVector, dim: 4 },
    ],
  });
  await grpc.createIndex({ collection_name: 'shared', field_name: 'vector', index_type: 'FLAT', metric_type: 'IP' });
  await grpc.loadCollectionSync({ collection_name: 'shared' });
});

test('rows written over gRPC read back over REST, in REST shapes', async () => {
  const data = vectors
    .slice(0, 10)
    .map((vector, i) => ({
      id: i,
      title: `t${i}`,
      price: 0.1 * i,
      meta: { i, even: i % 2 === 0 },
      tags: [i, 10 * i],
      vector,
      note: `n${i}`,
    }));
  const inserted = await grpc.insert({ collection_name: 'shared', data });
  expect(inserted.status.error_code).toBe('Success');
  const { data: rows } = await rest.query({ collectionName: 'shared', filter: 'id in [3]', outputFields: ['*'] });
  const { vector, ...scalars } = rows[0] as Record<string, unknown>;
  expect(scalars).toEqual({
    id: '3',
    title: 't3',
    price: 0.3,
    meta: { i: 3, even: false },
    tags: ['3', '30'],
    note: 'n3',
  });
  // Float32 elements travel in their shortest decimal form and read back exactly.
  expect((vector as number[]).map(Math.fround)).toEqual(vectors[3]);
});

test('rows written over REST read back over gRPC', async () => {
  const data = vectors
    .slice(10)
    .map((vector, i) => ({ id: 10 + i, title: `r${i}`, price: 2.5, meta: { rest: true }, tags: [], vector }));
  expect((await rest.insert({ collectionName: 'shared', data })).data).toEqual({
    insertCount: 10,
    insertIds: data.map((r) => String(r.id)),
  });
  const read = await grpc.query({
    collection_name: 'shared',
    filter: 'id >= 10 and id < 12',
    output_fields: ['title', 'price', 'meta', 'tags'],
  });
  expect(read.data).toEqual([
    { id: '10', title: 'r0', price: 2.5, meta: { rest: true }, tags: [] },
    { id: '11', title: 'r1', price: 2.5, meta: { rest: true }, tags: [] },
  ]);
});

test('both transports search the same rows with the same scores', async () => {
  const expected = topK(
    'IP',
    query,
    vectors.map((vector, id) => ({ id, vector })),
    5,
  ).map((h) => [h.id, h.score]);
  const overGrpc = await grpc.search({ collection_name: 'shared', data: [query], limit: 5 });
  expect(overGrpc.results.map((r) => [Number(r.id), Math.fround(r.score)])).toEqual(expected);
  const overRest = await rest.search({ collectionName: 'shared', data: [query], limit: 5 } as never);
  expect(
    (overRest.data as Array<Record<string, unknown>>).map((r) => [Number(r.id), Math.fround(r.distance as number)]),
  ).toEqual(expected);
});

test('schema objects made on one side are seen on the other', async () => {
  await rest.createDatabase({ dbName: 'mix' });
  await rest.createCollection({ dbName: 'mix', collectionName: 'from_rest', dimension: 2 });
  const described = await grpc.describeCollection({ db_name: 'mix', collection_name: 'from_rest' });
  expect(described.schema.fields.map((f) => [f.name, f.data_type])).toEqual([
    ['id', 'Int64'],
    ['vector', 'FloatVector'],
  ]);
  expect((await grpc.getLoadState({ db_name: 'mix', collection_name: 'from_rest' })).state).toBe('LoadStateLoaded');
  await grpc.createAlias({ collection_name: 'shared', alias: 'shared_v1' });
  expect((await rest.describeAlias({ aliasName: 'shared_v1' } as never)).data).toEqual({
    aliasName: 'shared_v1',
    collectionName: 'shared',
    dbName: 'default',
  });
  await rest.dropAlias({ aliasName: 'shared_v1' } as never);
  expect((await grpc.listAliases({ collection_name: 'shared' })).aliases).toEqual([]);
});
