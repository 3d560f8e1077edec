import { DataType, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { uniqueName, withFakeMilvusAndSdk } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: MilvusClient;

withFakeMilvusAndSdk((fake, sdk) => {
  milvus = fake;
  client = sdk;
});

const schema = (dim = 4) => [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vector', data_type: DataType.FloatVector, dim },
  { name: 'title', data_type: DataType.VarChar, max_length: 64 },
];

function methodsSince(mark: number): string[] {
  return milvus.journal().slice(mark).map((e) => e.route ?? '');
}

async function create(name: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await client.createCollection({ collection_name: name, fields: schema(), ...extra });
  expect(res.error_code).toBe('Success');
}

async function indexAndLoad(name: string): Promise<void> {
  expect((await client.createIndex({ collection_name: name, field_name: 'vector', metric_type: 'L2' })).error_code).toBe('Success');
  expect((await client.loadCollectionAsync({ collection_name: name })).error_code).toBe('Success');
}

describe('quick setup', () => {
  test('describe, create, index, load and progress polling, as the SDK drives them', async () => {
    const mark = milvus.journal().length;
    await client.createCollection({ collection_name: 'quick', dimension: 8 });
    expect(methodsSince(mark)).toEqual(['DescribeCollection', 'CreateCollection', 'CreateIndex', 'LoadCollection', 'GetLoadingProgress']);
    expect(milvus.journal()[mark]?.status).toBe(100);
    const described = await client.describeCollection({ collection_name: 'quick' });
    expect(described.schema.fields.map((f) => [f.name, f.data_type, f.fieldID])).toEqual([
      ['id', 'Int64', '100'],
      ['vector', 'FloatVector', '101'],
    ]);
    expect(described.schema.enable_dynamic_field).toBe(true);
    expect(described.consistency_level).toBe('Bounded');
    const index = await client.describeIndex({ collection_name: 'quick' });
    expect(index.index_descriptions[0]?.params).toEqual([
      { key: 'index_type', value: 'AUTOINDEX' },
      { key: 'metric_type', value: 'COSINE' },
    ]);
    expect((await client.getLoadState({ collection_name: 'quick' })).state).toBe('LoadStateLoaded');

    const again = milvus.journal().length;
    await client.createCollection({ collection_name: 'quick', dimension: 8 });
    expect(methodsSince(again)).toEqual(['DescribeCollection', 'DescribeIndex', 'LoadCollection', 'GetLoadingProgress']);
  });
});

describe('collections', () => {
  test('identical re-create is a no-op; a different schema is refused', async () => {
    await create('twice');
    await create('twice');
    // MilvusClient.createCollection throws the failed Status itself.
    await expect(client.createCollection({ collection_name: 'twice', fields: schema(8) })).rejects.toMatchObject({
      error_code: 'UnexpectedError',
      code: 65535,
      reason: 'create duplicate collection with different parameters, collection: twice',
    });
  });

  test('invalid schemas are refused with the proxy wording', async () => {
    const attempt = client.createCollection({
      collection_name: 'bad',
      fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'v', data_type: DataType.FloatVector, dim: 1 }],
    });
    await expect(attempt).rejects.toMatchObject({
      code: 1100,
      error_code: 'IllegalArgument',
      reason: 'invalid dimension: 1. should be in range 2 ~ 32768: invalid parameter',
    });
  });

  test('describe hides $meta, resolves aliases, and reports missing collections with code 100', async () => {
    await client.createCollection({ collection_name: 'dyn', fields: schema(), enable_dynamic_field: true });
    await client.createAlias({ collection_name: 'dyn', alias: 'dyn_alias' });
    const direct = await client.describeCollection({ collection_name: 'dyn' });
    const viaAlias = await client.describeCollection({ collection_name: 'dyn_alias' });
    expect(direct.schema.fields.map((f) => f.name)).toEqual(['id', 'vector', 'title']);
    expect(viaAlias.collectionID).toBe(direct.collectionID);
    expect(viaAlias.aliases).toEqual(['dyn_alias']);
    const missing = await client.describeCollection({ collection_name: 'nothing_here' });
    expect(missing.status).toMatchObject({
      error_code: 'CollectionNotExists',
      code: 100,
      reason: "can't find collection[database=default][collection=nothing_here]",
    });
    expect((await client.hasCollection({ collection_name: 'dyn_alias' })).value).toBe(true);
  });

  test('showCollections keeps its arrays aligned', async () => {
    const res = await client.showCollections();
    // The SDK's type lists only `data`; the raw arrays it zips are on the reply too.
    const raw = res as unknown as Record<string, unknown[]>;
    const names = raw.collection_names ?? [];
    expect(raw.collection_ids).toHaveLength(names.length);
    expect(raw.created_utc_timestamps).toHaveLength(names.length);
    expect(raw.inMemory_percentages).toHaveLength(names.length);
    expect(res.data.find((c) => c.name === 'quick')?.loadedPercentage).toBe('100');
    expect(res.data.find((c) => c.name === 'twice')?.loadedPercentage).toBe('0');
  });

  test('drop is refused while aliases exist and is idempotent otherwise', async () => {
    await create('with_alias');
    await client.createAlias({ collection_name: 'with_alias', alias: 'wa' });
    const refused = await client.dropCollection({ collection_name: 'with_alias' });
    expect(refused.reason).toBe(
      'unable to drop the collection [with_alias] because it has associated aliases [wa], please remove all aliases before dropping the collection',
    );
    expect((await client.dropCollection({ collection_name: 'wa' })).reason).toBe('cannot drop the collection via alias = wa');
    await client.dropAlias({ alias: 'wa' });
    expect((await client.dropCollection({ collection_name: 'with_alias' })).error_code).toBe('Success');
    expect((await client.dropCollection({ collection_name: 'with_alias' })).error_code).toBe('Success');
  });

  test('rename, alter and drop properties, truncate, statistics', async () => {
    await create('old_name');
    expect((await client.renameCollection({ collection_name: 'old_name', new_collection_name: 'new_name' })).error_code).toBe('Success');
    expect((await client.hasCollection({ collection_name: 'old_name' })).value).toBe(false);
    await client.alterCollectionProperties({ collection_name: 'new_name', properties: { 'collection.ttl.seconds': 60 } });
    // `timezone` is set on every new collection (rootcoord createCollectionTask.Prepare).
    expect((await client.describeCollection({ collection_name: 'new_name' })).properties).toEqual([
      { key: 'timezone', value: 'UTC' },
      { key: 'collection.ttl.seconds', value: '60' },
    ]);
    await client.dropCollectionProperties({ collection_name: 'new_name', properties: ['collection.ttl.seconds'] });
    expect((await client.describeCollection({ collection_name: 'new_name' })).properties).toEqual([{ key: 'timezone', value: 'UTC' }]);
    await client.insert({ collection_name: 'new_name', data: [{ id: 1, vector: [1, 2, 3, 4], title: 'a' }] });
    expect((await client.getCollectionStatistics({ collection_name: 'new_name' })).data.row_count).toBe('1');
    await client.truncateCollection({ collection_name: 'new_name' });
    expect((await client.getCollectionStatistics({ collection_name: 'new_name' })).data.row_count).toBe('0');
  });

  test("altering a field's max_length changes what inserts accept", async () => {
    await create('alter_field');
    const long = { id: 1, vector: [1, 0, 0, 0], title: 'x'.repeat(100) };
    expect((await client.insert({ collection_name: 'alter_field', data: [long] })).status.code).toBe(1100);
    const res = await client.alterCollectionFieldProperties({ collection_name: 'alter_field', field_name: 'title', properties: { max_length: 128 } });
    expect(res.error_code).toBe('Success');
    const described = await client.describeCollection({ collection_name: 'alter_field' });
    expect(described.schema.fields.find((f) => f.name === 'title')?.max_length).toBe('128');
    expect((await client.insert({ collection_name: 'alter_field', data: [long] })).status.error_code).toBe('Success');
  });

  test('adding a field bumps the schema timestamp; a stale client gets SchemaMismatch and retries', async () => {
    await create('grows');
    const stale = new MilvusClient({ address: milvus.address, logLevel: 'error', telemetry: { enabled: false } });
    await stale.connectPromise;
    await stale.insert({ collection_name: 'grows', data: [{ id: 1, vector: [1, 0, 0, 0], title: 'a' }] });
    const before = (await client.describeCollection({ collection_name: 'grows' })).update_timestamp;
    const added = await client.addCollectionField({
      collection_name: 'grows',
      field: { name: 'rating', data_type: DataType.Int32, nullable: true, default_value: 5 },
    });
    expect(added.error_code).toBe('Success');
    const after = await client.describeCollection({ collection_name: 'grows' });
    expect(after.update_timestamp).not.toBe(before);
    expect(after.schema.fields.at(-1)).toMatchObject({ name: 'rating', nullable: true, default_value: 5 });
    const mark = milvus.journal().length;
    const res = await stale.insert({ collection_name: 'grows', data: [{ id: 2, vector: [0, 1, 0, 0], title: 'b' }] });
    expect(res.status.error_code).toBe('Success');
    expect(milvus.journal().slice(mark).map((e) => `${e.route}:${e.status}`)).toEqual(['Insert:109', 'DescribeCollection:0', 'Insert:0']);
    await stale.closeConnection();
    const bad = await client.addCollectionField({ collection_name: 'grows', field: { name: 'strict', data_type: DataType.Int32 } });
    expect(bad.code).toBe(1100);
  });
});

describe('partitions', () => {
  test('create, has, show, load, release, drop', async () => {
    await create('parts');
    await client.createPartition({ collection_name: 'parts', partition_name: 'p2024' });
    expect((await client.hasPartition({ collection_name: 'parts', partition_name: 'p2024' })).value).toBe(true);
    const shown = await client.showPartitions({ collection_name: 'parts' });
    expect(shown.partition_names).toEqual(['_default', 'p2024']);
    expect(shown.partitionIDs).toHaveLength(2);
    expect(shown.created_utc_timestamps).toHaveLength(2);
    expect((await client.dropPartition({ collection_name: 'parts', partition_name: '_default' })).reason).toBe(
      'default partition cannot be deleted',
    );
    await client.insert({ collection_name: 'parts', partition_name: 'p2024', data: [{ id: 7, vector: [1, 0, 0, 0], title: 'x' }] });
    const stats = await client.getPartitionStatistics({ collection_name: 'parts', partition_name: 'p2024' });
    expect(stats.data.row_count).toBe('1');
    await client.createIndex({ collection_name: 'parts', field_name: 'vector', metric_type: 'L2' });
    await client.loadPartitions({ collection_name: 'parts', partition_names: ['p2024'] });
    expect((await client.getLoadState({ collection_name: 'parts', partition_names: ['_default'] })).state).toBe('LoadStateNotLoad');
    const refused = await client.dropPartition({ collection_name: 'parts', partition_name: 'p2024' });
    expect(refused.reason).toBe('partition cannot be dropped, partition is loaded, please release it first');
    const hit = await client.search({ collection_name: 'parts', data: [1, 0, 0, 0], limit: 5, partition_names: ['p2024'] });
    expect(hit.results.map((r) => r.id)).toEqual(['7']);
    const notLoaded = await client.search({ collection_name: 'parts', data: [1, 0, 0, 0], limit: 5, partition_names: ['_default'] });
    expect([notLoaded.status.code, notLoaded.status.reason]).toEqual([201, 'failed to search: partition not loaded[partition=_default]']);
    await client.releasePartitions({ collection_name: 'parts', partition_names: ['p2024'] });
    expect((await client.dropPartition({ collection_name: 'parts', partition_name: 'p2024' })).error_code).toBe('Success');
    expect((await client.showPartitions({ collection_name: 'parts' })).partition_names).toEqual(['_default']);
  });

  test('partition key collections get 16 physical partitions by default and route rows by key', async () => {
    await client.createCollection({
      collection_name: 'tenants',
      fields: [...schema(), { name: 'tenant', data_type: DataType.VarChar, max_length: 16, is_partition_key: true }],
      num_partitions: 4,
    });
    const shown = await client.showPartitions({ collection_name: 'tenants' });
    expect(shown.partition_names).toEqual(['_default_0', '_default_1', '_default_2', '_default_3']);
    const refused = await client.createPartition({ collection_name: 'tenants', partition_name: 'p' });
    expect(refused.reason).toBe('disable create partition if partition key mode is used');
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].map((tenant, i) => ({ id: i, vector: [i, 1, 0, 0], title: 't', tenant }));
    await client.insert({ collection_name: 'tenants', data: rows });
    const counts = await Promise.all(
      shown.partition_names.map(async (p) => Number((await client.getPartitionStatistics({ collection_name: 'tenants', partition_name: p })).data.row_count)),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    await indexAndLoad('tenants');
    const one = await client.query({ collection_name: 'tenants', filter: 'tenant == "c"', output_fields: ['id'] });
    expect(one.data).toEqual([{ id: '2' }]);
  });
});

describe('aliases', () => {
  test('create, describe, list, alter, drop and their errors', async () => {
    await create('target_a');
    await create('target_b');
    await client.createAlias({ collection_name: 'target_a', alias: 'current' });
    expect((await client.describeAlias({ collection_name: 'target_a', alias: 'current' })).collection).toBe('target_a');
    expect((await client.listAliases({ collection_name: 'target_a' })).aliases).toEqual(['current']);
    const taken = await client.createAlias({ collection_name: 'target_b', alias: 'current' });
    expect([taken.code, taken.reason]).toEqual([1602, 'current is alias to another collection: target_a: alias already exist[database=default][alias=current]']);
    const clash = await client.createAlias({ collection_name: 'target_a', alias: 'target_b' });
    expect([clash.code, clash.reason]).toEqual([1601, 'alias and collection name conflict[database=default][alias=target_b]']);
    await client.alterAlias({ collection_name: 'target_b', alias: 'current' });
    expect((await client.describeCollection({ collection_name: 'current' })).schema.name).toBe('target_b');
    await client.dropAlias({ alias: 'current' });
    const gone = await client.dropAlias({ alias: 'current' });
    expect([gone.code, gone.reason]).toEqual([1600, 'alias not found[database=default][alias=current]']);
  });
});

describe('indexes and load', () => {
  test('load needs an index on every vector field; search needs a load', async () => {
    const name = uniqueName('needs');
    await create(name);
    const load = await client.loadCollectionAsync({ collection_name: name });
    expect([load.code, load.reason]).toEqual([1100, 'there is no vector index on field: [vector], please create index firstly: invalid parameter']);
    await client.createIndex({ collection_name: name, field_name: 'vector', metric_type: 'L2' });
    const search = await client.search({ collection_name: name, data: [1, 0, 0, 0], limit: 1 });
    expect(search.status.code).toBe(101);
    expect(search.status.reason).toMatch(/^failed to search: collection not loaded\[collection=\d+\]$/);
    const query = await client.query({ collection_name: name, filter: 'id > 0' });
    expect(query.status.reason).toMatch(/^failed to query: collection not loaded/);
    await client.loadCollectionAsync({ collection_name: name });
    expect((await client.getLoadingProgress({ collection_name: name })).progress).toBe('100');
  });

  test('index params are validated, echoed, unique per field, and not droppable while loaded', async () => {
    const name = uniqueName('idx');
    await create(name);
    const badM = await client.createIndex({ collection_name: name, field_name: 'vector', index_type: 'HNSW', metric_type: 'L2', params: { M: 3000 } });
    expect([badM.code, badM.reason]).toEqual([1100, "param 'M' (3000) should be in range [2, 2048]: invalid parameter"]);
    const badMetric = await client.createIndex({ collection_name: name, field_name: 'vector', metric_type: 'HAMMING' });
    expect(badMetric.reason).toBe('metric type HAMMING not found or not supported, supported: [L2 IP COSINE]: invalid parameter');
    const ok = await client.createIndex({
      collection_name: name,
      field_name: 'vector',
      index_name: 'vec_idx',
      index_type: 'HNSW',
      metric_type: 'IP',
      params: { M: 16, efConstruction: 64 },
    });
    expect(ok.error_code).toBe('Success');
    const same = await client.createIndex({ collection_name: name, field_name: 'vector', index_name: 'vec_idx', index_type: 'HNSW', metric_type: 'IP', params: { M: 16, efConstruction: 64 } });
    expect(same.error_code).toBe('Success');
    const other = await client.createIndex({ collection_name: name, field_name: 'vector', index_type: 'IVF_FLAT', metric_type: 'IP', params: { nlist: 8 } });
    expect(other.reason).toBe('CreateIndex failed: at most one distinct index is allowed per field');
    const described = await client.describeIndex({ collection_name: name, index_name: 'vec_idx' });
    expect(described.index_descriptions[0]).toMatchObject({
      index_name: 'vec_idx',
      field_name: 'vector',
      state: 'Finished',
      params: [
        { key: 'index_type', value: 'HNSW' },
        { key: 'metric_type', value: 'IP' },
        { key: 'params', value: '{"M":16,"efConstruction":64}' },
      ],
    });
    expect((await client.listIndexes({ collection_name: name })).indexes).toEqual(['vec_idx']);
    expect((await client.getIndexState({ collection_name: name, index_name: 'vec_idx' })).state).toBe('Finished');
    await client.createIndex({ collection_name: name, field_name: 'title', index_type: 'INVERTED' });
    await client.loadCollectionAsync({ collection_name: name });
    const refused = await client.dropIndex({ collection_name: name, index_name: 'vec_idx' });
    expect(refused.reason).toBe('index cannot be dropped, collection is loaded, please release it first');
    await client.releaseCollection({ collection_name: name });
    expect((await client.dropIndex({ collection_name: name, index_name: 'vec_idx' })).error_code).toBe('Success');
    const missing = await client.describeIndex({ collection_name: name, index_name: 'vec_idx' });
    expect(missing.status).toMatchObject({ error_code: 'IndexNotExist', code: 700 });
  });
});
