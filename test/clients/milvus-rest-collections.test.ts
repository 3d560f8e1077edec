/**
 * REST v2 through the official HttpClient: collections, fields, partitions, indexes, aliases and
 * databases, with the replies checked field by field against what the real handlers return.
 */
import { HttpClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { startTestMilvus } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: HttpClient;

beforeAll(async () => {
  milvus = await startTestMilvus();
  client = new HttpClient({ endpoint: milvus.url });
});

afterAll(async () => {
  await milvus.close();
});

const field = (fieldName: string, dataType: string, extra: Record<string, unknown> = {}) => ({
  fieldName,
  dataType,
  ...extra,
});

describe('collections', () => {
  test('quick setup creates, indexes and loads, and describe reports it all', async () => {
    expect(await client.createCollection({ collectionName: 'quick', dimension: 4, metricType: 'L2' })).toEqual({
      code: 0,
      data: {},
    });
    const described = await client.describeCollection({ collectionName: 'quick' });
    const id = milvus.service.store.collection('default', 'quick').id;
    expect(described).toEqual({
      code: 0,
      message: '',
      data: {
        aliases: [],
        autoId: false,
        collectionID: Number(id),
        collectionName: 'quick',
        consistencyLevel: 'Bounded',
        description: '',
        enableDynamicField: true,
        fields: [
          {
            autoId: false,
            clusteringKey: false,
            description: '',
            id: 100,
            name: 'id',
            nullable: false,
            partitionKey: false,
            primaryKey: true,
            type: 'Int64',
          },
          {
            autoId: false,
            clusteringKey: false,
            description: '',
            id: 101,
            name: 'vector',
            nullable: false,
            params: [{ key: 'dim', value: '4' }],
            partitionKey: false,
            primaryKey: false,
            type: 'FloatVector',
          },
        ],
        functions: [],
        indexes: [{ fieldName: 'vector', indexName: 'vector', metricType: 'L2' }],
        load: 'LoadStateLoaded',
        partitionsNum: 1,
        // Every collection gets `timezone` from its database or UTC (rootcoord createCollectionTask.Prepare).
        properties: [{ key: 'timezone', value: 'UTC' }],
        shardsNum: 1,
      },
    });
    expect(await client.getCollectionLoadState({ collectionName: 'quick' })).toEqual({
      code: 0,
      message: '',
      data: { loadState: 'LoadStateLoaded', loadProgress: 100 },
    });
    // Creating the same collection again is idempotent, as CreateCollection, CreateIndex and Load are.
    expect((await client.createCollection({ collectionName: 'quick', dimension: 4, metricType: 'L2' })).code).toBe(0);
    expect(await client.createCollection({ collectionName: 'quick', dimension: 8 })).toEqual({
      code: 65535,
      message: 'create duplicate collection with different parameters, collection: quick',
    });
  });

  test('quick setup with a VarChar key, custom names and params', async () => {
    await client.createCollection({
      collectionName: 'named',
      dimension: 2,
      idType: 'VarChar',
      autoID: false,
      primaryFieldName: 'pk',
      vectorFieldName: 'emb',
      params: { max_length: 32, enableDynamicField: false, shardsNum: 2, consistencyLevel: 'Strong', ttlSeconds: 60 },
    });
    const { data } = await client.describeCollection({ collectionName: 'named' });
    expect(data).toMatchObject({
      enableDynamicField: false,
      shardsNum: 2,
      consistencyLevel: 'Strong',
      properties: [{ key: 'collection.ttl.seconds', value: '60' }, { key: 'timezone', value: 'UTC' }],
      fields: [
        { name: 'pk', type: 'VarChar', params: [{ key: 'max_length', value: '32' }] },
        { name: 'emb', type: 'FloatVector' },
      ],
      indexes: [{ fieldName: 'emb', indexName: 'emb', metricType: 'COSINE' }],
    });
  });

  test('a custom schema with index params (the SDK test shape: autoId works, enabledDynamicField is ignored)', async () => {
    const created = await client.createCollection({
      collectionName: 'custom',
      schema: {
        autoId: true,
        enabledDynamicField: true,
        fields: [
          field('my_id', 'Int64', { isPrimary: true }),
          field('my_vector', 'FloatVector', { elementTypeParams: { dim: 5 } }),
          field('tags', 'Array', {
            elementDataType: 'VarChar',
            elementTypeParams: { max_capacity: 4, max_length: 16 },
          }),
          field('score', 'Int32', { nullable: true, defaultValue: 7 }),
        ],
      },
      indexParams: [
        {
          metricType: 'L2',
          fieldName: 'my_vector',
          indexName: 'my_vector',
          params: { index_type: 'IVF_FLAT', nlist: 128 },
        },
      ],
    } as never);
    expect(created.code).toBe(0);
    const { data } = await client.describeCollection({ collectionName: 'custom' });
    expect(data).toMatchObject({ autoId: true, enableDynamicField: false, load: 'LoadStateLoaded' });
    expect((data as unknown as { fields: unknown[] }).fields.slice(2)).toEqual([
      {
        autoId: false,
        clusteringKey: false,
        description: '',
        elementType: 'VarChar',
        id: 102,
        name: 'tags',
        nullable: false,
        params: [
          { key: 'max_capacity', value: '4' },
          { key: 'max_length', value: '16' },
        ],
        partitionKey: false,
        primaryKey: false,
        type: 'Array',
      },
      // defaultValue is the ValueField oneof as Go's encoding/json prints it.
      {
        autoId: false,
        clusteringKey: false,
        defaultValue: { Data: { IntData: 7 } },
        description: '',
        id: 103,
        name: 'score',
        nullable: true,
        partitionKey: false,
        primaryKey: false,
        type: 'Int32',
      },
    ]);
    const index = await client.describeIndex({ collectionName: 'custom', indexName: 'my_vector' });
    expect(index).toEqual({
      code: 0,
      data: [
        {
          failReason: '',
          fieldName: 'my_vector',
          indexName: 'my_vector',
          indexState: 'Finished',
          indexType: 'IVF_FLAT',
          indexedRows: 0,
          metricType: 'L2',
          pendingRows: 0,
          totalRows: 0,
        },
      ],
    });
  });

  test('without index params the collection is created but not loaded; describe says why it has no index', async () => {
    await client.createCollection({
      collectionName: 'bare',
      schema: {
        fields: [
          field('id', 'Int64', { isPrimary: true }),
          field('v', 'FloatVector', { elementTypeParams: { dim: 2 } }),
        ],
      },
    } as never);
    expect(await client.getCollectionLoadState({ collectionName: 'bare' })).toEqual({
      code: 0,
      data: { loadState: 'LoadStateNotLoad' },
    });
    const described = await client.describeCollection({ collectionName: 'bare' });
    expect(described.data).toMatchObject({ load: 'LoadStateNotLoad', indexes: [] });
    expect((described as { message?: string }).message).toBe('index not found[collection=bare];');
    expect(await client.loadCollection({ collectionName: 'bare' })).toEqual({
      code: 1100,
      message: 'there is no vector index on field: [v], please create index firstly: invalid parameter',
    });
    expect(await client.listIndexes({ collectionName: 'bare' })).toEqual({ code: 0, data: [] });
    await client.createIndex({
      collectionName: 'bare',
      indexParams: [
        {
          fieldName: 'v',
          indexName: 'v_idx',
          metricType: 'IP',
          params: { index_type: 'HNSW', M: 8, efConstruction: 64 },
        },
      ],
    } as never);
    expect(await client.loadCollection({ collectionName: 'bare' })).toEqual({ code: 0, data: {} });
    expect(await client.listIndexes({ collectionName: 'bare' })).toEqual({ code: 0, data: ['v_idx'] });
  });

  test('a type name is case-sensitive, and an index on an undefined field fails after the collection exists', async () => {
    expect(
      await client.createCollection({
        collectionName: 'typo',
        schema: { fields: [field('id', 'int64', { isPrimary: true })] },
      } as never),
    ).toEqual({
      code: 1100,
      message: 'invalid parameter, data type int64 is invalid(case sensitive).',
    });
    const reply = await client.createCollection({
      collectionName: 'late',
      schema: {
        fields: [
          field('id', 'Int64', { isPrimary: true }),
          field('v', 'FloatVector', { elementTypeParams: { dim: 2 } }),
        ],
      },
      indexParams: [{ fieldName: 'nope', indexName: 'x', metricType: 'L2' }],
    } as never);
    expect(reply).toEqual({
      code: 1802,
      message: "missing required parameters, error: `nope` hasn't defined in schema",
    });
    expect((await client.hasCollection({ collectionName: 'late' } as never)).data.has).toBe(true);
  });

  test('list, has, stats, rename, drop', async () => {
    await client.createCollection({ collectionName: 'temp', dimension: 2 });
    expect((await client.listCollections()).data).toEqual(expect.arrayContaining(['quick', 'custom', 'temp']));
    expect(await client.hasCollection({ collectionName: 'nope' } as never)).toEqual({ code: 0, data: { has: false } });
    expect(await client.getCollectionStatistics({ collectionName: 'temp' })).toEqual({
      code: 0,
      data: { rowCount: 0 },
    });
    expect(await client.renameCollection({ collectionName: 'temp', newCollectionName: 'temp2' })).toEqual({
      code: 0,
      data: {},
    });
    expect((await client.hasCollection({ collectionName: 'temp' } as never)).data.has).toBe(false);
    expect(await client.releaseCollection({ collectionName: 'temp2' })).toEqual({ code: 0, data: {} });
    expect(await client.dropCollection({ collectionName: 'temp2' })).toEqual({ code: 0, data: {} });
    expect(await client.getCollectionLoadState({ collectionName: 'temp2' })).toEqual({
      code: 100,
      message: 'collection not found[collection=temp2]',
    });
    expect(await client.describeCollection({ collectionName: 'temp2' })).toEqual({
      code: 100,
      message: "can't find collection[database=default][collection=temp2]",
    });
  });

  test('properties, fields, flush, compaction, refresh', async () => {
    expect(
      await client.alterCollectionProperties({
        collectionName: 'quick',
        properties: { 'collection.ttl.seconds': 1000000, 'mmap.enabled': true },
      }),
    ).toEqual({ code: 0, data: {} });
    // Values go through Go's %v: a JSON number 1000000 is "1e+06".
    expect((await client.describeCollection({ collectionName: 'quick' })).data).toMatchObject({
      properties: [
        { key: 'timezone', value: 'UTC' },
        { key: 'collection.ttl.seconds', value: '1e+06' },
        { key: 'mmap.enabled', value: 'true' },
      ],
    });
    // commonpb.KeyValuePair has `omitempty` on both fields.
    await client.alterCollectionProperties({ collectionName: 'quick', properties: { 'collection.description': '' } });
    expect((await client.describeCollection({ collectionName: 'quick' })).data).toMatchObject({
      properties: expect.arrayContaining([{ key: 'collection.description' }]),
    });
    await client.dropCollectionProperties({
      collectionName: 'quick',
      propertyKeys: ['mmap.enabled', 'collection.description'],
    });
    expect((await client.describeCollection({ collectionName: 'quick' })).data).toMatchObject({
      properties: [{ key: 'timezone', value: 'UTC' }, { key: 'collection.ttl.seconds', value: '1e+06' }],
    });

    expect(
      await client.addCollectionField({
        collectionName: 'quick',
        schema: { fieldName: 'note', dataType: 'VarChar', nullable: true, elementTypeParams: { max_length: 8 } },
      }),
    ).toEqual({ code: 0, data: {} });
    expect(
      await client.alterCollectionFieldProperties({
        collectionName: 'quick',
        fieldName: 'note',
        fieldParams: { max_length: 64 },
      }),
    ).toEqual({ code: 0, data: {} });
    const note = (
      (await client.describeCollection({ collectionName: 'quick' })).data as unknown as {
        fields: Array<{ name: string }>;
      }
    ).fields.find((f) => f.name === 'note');
    expect(note).toEqual({
      autoId: false,
      clusteringKey: false,
      description: '',
      id: 103,
      name: 'note',
      nullable: true,
      params: [{ key: 'max_length', value: '64' }],
      partitionKey: false,
      primaryKey: false,
      type: 'VarChar',
    });
    expect(
      await client.addCollectionField({ collectionName: 'quick', schema: { fieldName: 'strict', dataType: 'Int64' } }),
    ).toEqual({
      code: 1100,
      message: 'added field must be nullable, please check it, field name = strict: invalid parameter',
    });

    expect(await client.flushCollection({ collectionName: 'quick' })).toEqual({ code: 0, data: {} });
    milvus.service.insert('default', 'quick', { rows: [{ id: 1, vector: [0, 0, 0, 1] }] });
    const truncate = (client as unknown as { POST: (url: string, data: unknown) => Promise<unknown> }).POST(
      '/vectordb/collections/truncate',
      { collectionName: 'quick' },
    );
    expect(await truncate).toEqual({ code: 0, data: {} });
    expect((await client.getCollectionStatistics({ collectionName: 'quick' } as never)).data).toEqual({ rowCount: 0 });
    expect(await client.refreshLoad({ collectionName: 'quick' })).toEqual({ code: 0, data: {} });
    const compact = (await client.compactCollection({ collectionName: 'quick' })) as {
      code: number;
      data: { compactionID: number };
    };
    expect(compact.code).toBe(0);
    expect(compact.data.compactionID).toBeGreaterThan(0);
    // The server reads `jobID`; the SDK sends `compactionID`, so the server sees job 0.
    expect(
      await client.getCompactionState({ collectionName: 'quick', compactionID: compact.data.compactionID }),
    ).toEqual({
      code: 0,
      data: {
        compactionID: 0,
        state: 'Completed',
        executingPlanNumber: 0,
        timeoutPlanNumber: 0,
        completedPlanNumber: 0,
      },
    });
  });
});

describe('partitions, indexes, aliases', () => {
  test('partition lifecycle', async () => {
    expect(await client.listPartitions({ collectionName: 'quick' })).toEqual({ code: 0, data: ['_default'] });
    expect(await client.createPartition({ collectionName: 'quick', partitionName: 'p1' })).toEqual({
      code: 0,
      data: {},
    });
    expect(await client.hasPartition({ collectionName: 'quick', partitionName: 'p1' })).toEqual({
      code: 0,
      data: { has: true },
    });
    expect(await client.getPartitionStatistics({ collectionName: 'quick', partitionName: 'p1' })).toEqual({
      code: 0,
      data: { rowCount: 0 },
    });
    expect(await client.releasePartitions({ collectionName: 'quick', partitionNames: ['p1'] })).toEqual({
      code: 0,
      data: {},
    });
    expect(await client.getCollectionLoadState({ collectionName: 'quick', partitionNames: ['p1'] } as never)).toEqual({
      code: 0,
      data: { loadState: 'LoadStateNotLoad' },
    });
    expect(await client.loadPartitions({ collectionName: 'quick', partitionNames: ['p1'] })).toEqual({
      code: 0,
      data: {},
    });
    expect(await client.dropPartition({ collectionName: 'quick', partitionName: 'p1' })).toEqual({
      code: 65535,
      message: 'partition cannot be dropped, partition is loaded, please release it first',
    });
    await client.releasePartitions({ collectionName: 'quick', partitionNames: ['p1'] });
    expect(await client.dropPartition({ collectionName: 'quick', partitionName: 'p1' })).toEqual({ code: 0, data: {} });
    expect(await client.getPartitionStatistics({ collectionName: 'quick', partitionName: 'p1' })).toEqual({
      code: 200,
      message: 'partition not found[partition=p1]',
    });
  });

  test('index properties, and dropping an index only after release', async () => {
    expect(
      await client.alterIndexProperties({
        collectionName: 'quick',
        indexName: 'vector',
        properties: { 'mmap.enabled': true },
      }),
    ).toEqual({ code: 0, data: {} });
    expect(milvus.service.describeIndex('default', 'quick')[0]?.userParams).toContainEqual({
      key: 'mmap.enabled',
      value: 'true',
    });
    expect(
      await client.dropIndexProperties({
        collectionName: 'quick',
        indexName: 'vector',
        propertyKeys: ['mmap.enabled'],
      }),
    ).toEqual({ code: 0, data: {} });
    expect(milvus.service.describeIndex('default', 'quick')[0]?.userParams).not.toContainEqual({
      key: 'mmap.enabled',
      value: 'true',
    });
    expect(await client.dropIndex({ collectionName: 'custom', indexName: 'my_vector' })).toEqual({
      code: 65535,
      message: 'index cannot be dropped, collection is loaded, please release it first',
    });
    await client.releaseCollection({ collectionName: 'custom' });
    expect(await client.dropIndex({ collectionName: 'custom', indexName: 'my_vector' })).toEqual({ code: 0, data: {} });
    expect(await client.describeIndex({ collectionName: 'custom', indexName: 'my_vector' })).toEqual({
      code: 700,
      message: 'index not found[collection=custom]',
    });
  });

  test('alias lifecycle', async () => {
    expect(await client.createAlias({ collectionName: 'quick', aliasName: 'q_alias' })).toEqual({ code: 0, data: {} });
    expect(await client.describeAlias({ aliasName: 'q_alias' } as never)).toEqual({
      code: 0,
      data: { aliasName: 'q_alias', collectionName: 'quick', dbName: 'default' },
    });
    expect(await client.listAliases({})).toEqual({ code: 0, data: ['q_alias'] });
    expect((await client.describeCollection({ collectionName: 'quick' })).data).toMatchObject({ aliases: ['q_alias'] });
    expect(await client.alterAlias({ collectionName: 'named', aliasName: 'q_alias' })).toEqual({ code: 0, data: {} });
    expect((await client.describeAlias({ aliasName: 'q_alias' } as never)).data.collectionName).toBe('named');
    expect(await client.dropAlias({ aliasName: 'q_alias' })).toEqual({ code: 0, data: {} });
    expect(await client.describeAlias({ aliasName: 'q_alias' } as never)).toEqual({
      code: 1600,
      message: 'alias not found[database=default][alias=q_alias]',
    });
  });
});

describe('databases', () => {
  test('lifecycle, properties, and a client bound to a database', async () => {
    expect(
      await client.createDatabase({ dbName: 'analytics', properties: { 'database.max.collections': 10 } }),
    ).toEqual({ code: 0, data: {} });
    expect((await client.listDatabases()).data).toEqual(['default', 'analytics']);
    const described = await client.describeDatabase({ dbName: 'analytics' });
    expect(described).toEqual({
      code: 0,
      data: {
        dbName: 'analytics',
        dbID: Number(milvus.service.describeDatabase('analytics').id),
        properties: [{ key: 'database.max.collections', value: '10' }],
      },
    });
    await client.alterDatabaseProperties({ dbName: 'analytics', properties: { 'database.force.deny.writing': false } });
    await client.dropDatabaseProperties({ dbName: 'analytics', propertyKeys: ['database.max.collections'] });
    expect((await client.describeDatabase({ dbName: 'analytics' })).data.properties).toEqual([
      { key: 'database.force.deny.writing', value: 'false' },
    ]);

    const scoped = new HttpClient({ endpoint: milvus.url, database: 'analytics' });
    await scoped.createCollection({ collectionName: 'inside', dimension: 2 });
    expect((await scoped.listCollections({})).data).toEqual(['inside']);
    // The SDK's listCollections() defaults its argument to { dbName: 'default' }, whatever the client's database.
    expect((await scoped.listCollections()).data).not.toContain('inside');
    expect((await client.hasCollection({ collectionName: 'inside' } as never)).data.has).toBe(false);
    expect(await client.dropDatabase({ dbName: 'analytics' })).toEqual({
      code: 65535,
      message: 'database:analytics not empty, must drop all collections before drop database',
    });
    await scoped.dropCollection({ collectionName: 'inside' });
    expect(await client.dropDatabase({ dbName: 'analytics' })).toEqual({ code: 0, data: {} });
    expect(await client.describeDatabase({ dbName: 'analytics' })).toEqual({
      code: 800,
      message: 'database not found[database=analytics]',
    });
    expect(await scoped.listCollections({})).toEqual({ code: 800, message: 'database not found[database=analytics]' });
  });
});
