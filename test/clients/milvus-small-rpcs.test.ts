import { DataType, ErrorCode, type MilvusClient, ShowPartitionsType } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import { withFakeMilvusAndSdk } from './milvus-helpers.js';

/**
 * The small RPCs of issue 9 item 8, as Milvus 2.6's proxy answers them (internal/proxy/impl.go,
 * task.go showPartitionsTask, task_search.go / task_query.go PreExecute; datacoord
 * compaction_policy_forcemerge.go), pinned through the Node SDK; its own specs (PartitionKey.spec.ts,
 * Compaction.spec.ts, BatchDescribeCollection.spec.ts) assert the same codes.
 */
let client: MilvusClient;
withFakeMilvusAndSdk((_, c) => (client = c));

const fields = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vector', data_type: DataType.FloatVector, dim: 2 },
];

beforeAll(async () => {
  await client.createCollection({ collection_name: 'parts', fields });
  await client.createPartition({ collection_name: 'parts', partition_name: 'p1' });
  await client.createPartition({ collection_name: 'parts', partition_name: 'p2' });
  await client.createIndex({ collection_name: 'parts', field_name: 'vector', index_type: 'FLAT', metric_type: 'L2' });
  await client.createCollection({
    collection_name: 'keyed',
    fields: [...fields, { name: 'tenant', data_type: DataType.VarChar, max_length: 16, is_partition_key: true }],
    num_partitions: 4,
  });
  await client.createIndex({ collection_name: 'keyed', field_name: 'vector', index_type: 'FLAT', metric_type: 'L2' });
  await client.loadCollectionSync({ collection_name: 'keyed' });
});

describe('ShowPartitions honours its type', () => {
  test('InMemory lists loaded partitions only; none loaded is an empty success; a named unloaded one is 201', async () => {
    const none = await client.showPartitions({ collection_name: 'parts', type: ShowPartitionsType.Loaded });
    expect(none.status.error_code).toBe(ErrorCode.SUCCESS);
    expect(none.partition_names).toEqual([]);
    await client.loadPartitions({ collection_name: 'parts', partition_names: ['p1'] });
    const loaded = await client.showPartitions({ collection_name: 'parts', type: ShowPartitionsType.Loaded });
    expect(loaded.partition_names).toEqual(['p1']);
    expect(loaded.data.map((p) => p.loadedPercentage)).toEqual(['100']);
    const all = await client.showPartitions({ collection_name: 'parts' });
    expect(all.partition_names).toEqual(['_default', 'p1', 'p2']);
    const named = await client.showPartitions({ collection_name: 'parts', type: ShowPartitionsType.Loaded, partition_names: ['p2'] } as never);
    expect(named.status).toMatchObject({ code: 201, error_code: 'UnexpectedError' });
    expect(named.status.reason).toMatch(/^partition not loaded\[partition=\d+\]$/);
    await client.releasePartitions({ collection_name: 'parts', partition_names: ['p1'] });
  });
});

describe('BatchDescribeCollection', () => {
  test('no names is a missing parameter (1101), even with ids', async () => {
    const res = await client.batchDescribeCollections({ collection_names: [], collectionIDs: [1] } as never);
    expect(res.status).toMatchObject({ code: 1101, error_code: 'UnexpectedError', reason: 'collection names cannot be empty: missing parameter' });
    const ok = await client.batchDescribeCollections({ collection_names: ['parts', 'keyed'] });
    expect(ok.responses.map((r) => r.collection_name)).toEqual(['parts', 'keyed']);
  });
});

describe('ManualCompaction target_size', () => {
  test('a force merge below the segment max size (1024 MB) is IllegalArgument; 0 and >= 1024 are accepted', async () => {
    const small = await client.compact({ collection_name: 'parts', target_size: 1 } as never);
    expect(small.status).toMatchObject({ code: 1100, error_code: 'IllegalArgument' });
    expect(small.status.reason).toBe('targetSize 1 MB should be greater than or equal to configMaxSize 1024 MB: invalid parameter');
    expect((await client.compact({ collection_name: 'parts' })).status.error_code).toBe(ErrorCode.SUCCESS);
    expect((await client.compact({ collection_name: 'parts', target_size: 2048 } as never)).status.error_code).toBe(ErrorCode.SUCCESS);
  });
});

describe('partition_names on a partition-key collection', () => {
  test('search: 65535 UnexpectedError with the bare text; query: 1100 IllegalArgument with ": invalid parameter"', async () => {
    const search = await client.search({ collection_name: 'keyed', data: [0, 1], limit: 1, partition_names: ['_default_0'] });
    expect(search.status).toMatchObject({
      code: 65535,
      error_code: 'UnexpectedError',
      reason: 'not support manually specifying the partition names if partition key mode is used',
    });
    const query = await client.query({ collection_name: 'keyed', filter: 'id > 0', partition_names: ['_default_0'] });
    expect(query.status).toMatchObject({
      code: 1100,
      error_code: 'IllegalArgument',
      reason: 'not support manually specifying the partition names if partition key mode is used: invalid parameter',
    });
  });
});
