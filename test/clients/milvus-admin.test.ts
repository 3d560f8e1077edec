import { DataType, ErrorCode, HttpClient, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import { startFakeMilvus, type StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { withFakeMilvusAndSdk } from './milvus-helpers.js';

/**
 * The standalone admin surface (issue 10 item 5) through the Node SDK. Expected answers come from
 * milvus `internal/querycoordv2/meta/resource_manager.go`, `querycoordv2/services.go`,
 * `ddl_callbacks_alter_resource_group.go`, `ddl_callbacks_transfer_replica.go`, `internal/proxy/impl.go`
 * (ImportV2) and `pkg/util/merr` (2.6); notes in /work/notes/milvus-admin.md.
 */
let client: MilvusClient;
let milvus: StartedFakeMilvus;
withFakeMilvusAndSdk((m, c) => {
  milvus = m;
  client = c;
});

const rest = async (path: string, body: unknown) => {
  const response = await fetch(`${milvus.url}/v2/vectordb/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return (await response.json()) as Record<string, unknown>;
};

const DEFAULT_RG = '__default_resource_group';
const fields = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vector', data_type: DataType.FloatVector, dim: 2 },
];
const config = (requests: number, limits: number) => ({ requests: { node_num: requests }, limits: { node_num: limits } });

beforeAll(async () => {
  await client.createCollection({ collection_name: 'loaded', fields });
  await client.createIndex({ collection_name: 'loaded', field_name: 'vector', index_type: 'FLAT', metric_type: 'L2' });
  await client.loadCollectionSync({ collection_name: 'loaded' });
  await client.createCollection({ collection_name: 'released', fields });
});

describe('resource groups are stored, as querycoord stores them', () => {
  test('the default group holds the standalone query node; a group created with 0 nodes is listed and described', async () => {
    const created = await client.createResourceGroup({ resource_group: 'rg_empty', config: config(0, 0) });
    expect(created.error_code).toBe(ErrorCode.SUCCESS);
    const { resource_groups } = await client.listResourceGroups();
    expect(resource_groups).toEqual(expect.arrayContaining([DEFAULT_RG, 'rg_empty']));

    const def = await client.describeResourceGroup({ resource_group: DEFAULT_RG });
    expect(def.resource_group).toMatchObject({
      name: DEFAULT_RG,
      capacity: 1_000_000,
      num_available_node: 1,
      num_loaded_replica: { loaded: 1 },
      config: { requests: { node_num: 0 }, limits: { node_num: 1_000_000 } },
    });
    expect(def.resource_group.nodes).toEqual([{ node_id: '1', address: 'localhost:21123', hostname: 'localhost' }]);

    const empty = await client.describeResourceGroup({ resource_group: 'rg_empty' });
    expect(empty.resource_group).toMatchObject({ name: 'rg_empty', capacity: 0, num_available_node: 0, nodes: [] });
    expect(empty.resource_group.num_loaded_replica).toEqual({});
  });

  test('creating again with the same config is a no-op; with another config it is 301', async () => {
    await client.createResourceGroup({ resource_group: 'rg_same', config: config(0, 0) });
    expect((await client.createResourceGroup({ resource_group: 'rg_same', config: config(0, 0) })).error_code).toBe(ErrorCode.SUCCESS);
    const other = await client.createResourceGroup({ resource_group: 'rg_same', config: config(0, 2) });
    expect(other).toMatchObject({ code: 301, reason: 'resource group already exist, but create with different config[rg=rg_same]' });
    await client.dropResourceGroup({ resource_group: 'rg_same' });
  });

  test('names and configs are validated with the proxy and querycoord wording', async () => {
    const bad = await client.createResourceGroup({ resource_group: '1rg' });
    expect(bad).toMatchObject({
      code: 65535,
      reason: 'Invalid resource group name 1rg. the first character of a resource group name must be an underscore or letter',
    });
    const inverted = await client.createResourceGroup({ resource_group: 'rg_bad', config: config(2, 1) });
    expect(inverted).toMatchObject({
      code: 303,
      reason:
        'limits node num should not less than requests node num: resource group illegal config[rg=rg_bad][config=requests:{node_num:2} limits:{node_num:1}]',
    });
    const unknownFrom = await client.createResourceGroup({
      resource_group: 'rg_bad',
      config: { ...config(0, 0), transfer_from: [{ resource_group: 'nope' }] },
    });
    expect(unknownFrom.reason).toMatch(/^resource group in `TransferFrom` nope not exist: resource group illegal config\[rg=rg_bad\]/);
    expect((await client.describeResourceGroup({ resource_group: 'nope' })).status).toMatchObject({
      code: 300,
      reason: 'resource group not found[rg=nope]',
    });
  });

  test('a group requesting a node takes the query node from the default group; update gives it back', async () => {
    await client.createResourceGroup({ resource_group: 'rg_one', config: config(1, 1) });
    expect((await client.describeResourceGroup({ resource_group: 'rg_one' })).resource_group).toMatchObject({ capacity: 1, num_available_node: 1 });
    expect((await client.describeResourceGroup({ resource_group: DEFAULT_RG })).resource_group.num_available_node).toBe(0);

    const updated = await client.updateResourceGroups({ resource_groups: { rg_one: config(0, 0) } });
    expect(updated.error_code).toBe(ErrorCode.SUCCESS);
    expect((await client.describeResourceGroup({ resource_group: 'rg_one' })).resource_group.num_available_node).toBe(0);
    expect((await client.describeResourceGroup({ resource_group: DEFAULT_RG })).resource_group.num_available_node).toBe(1);
    const missing = await client.updateResourceGroups({ resource_groups: { nope: config(0, 0) } });
    expect(missing).toMatchObject({ code: 300, reason: 'resource group not found[rg=nope]' });
    await client.dropResourceGroup({ resource_group: 'rg_one' });
  });

  test('TransferNode moves the node and rewrites both configs; asking for more nodes than exist is 304', async () => {
    await client.createResourceGroup({ resource_group: 'rg_t', config: config(0, 0) });
    expect((await client.transferNode({ source_resource_group: DEFAULT_RG, target_resource_group: 'rg_t', num_node: 1 })).error_code).toBe(
      ErrorCode.SUCCESS,
    );
    const moved = await client.describeResourceGroup({ resource_group: 'rg_t' });
    expect(moved.resource_group).toMatchObject({ num_available_node: 1, config: { requests: { node_num: 1 }, limits: { node_num: 1 } } });
    const tooMany = await client.transferNode({ source_resource_group: DEFAULT_RG, target_resource_group: 'rg_t', num_node: 1 });
    expect(tooMany).toMatchObject({ code: 304, reason: 'resource group node not enough[rg=__default_resource_group][currentNodeNum=0][expectedNodeNum=1]' });
    const same = await client.transferNode({ source_resource_group: 'rg_t', target_resource_group: 'rg_t', num_node: 1 });
    expect(same.reason).toBe('source resource group and target resource group should not be the same, resource group: rg_t: invalid parameter');
    // The SDK's own cleanup: transfer nodes back by capacity, then drop.
    await client.dropAllResourceGroups();
    expect((await client.listResourceGroups()).resource_groups).toEqual([DEFAULT_RG]);
    expect((await client.describeResourceGroup({ resource_group: DEFAULT_RG })).resource_group.num_available_node).toBe(1);
  });

  test('drop rules: loaded replicas are checked first, then non-zero limits; an unknown group drops fine', async () => {
    // querycoord broadcastDropResourceGroup looks at loaded replicas before the group's own rules, so
    // the default group (holding the replica of 'loaded') reports the replica; see the engine test for
    // "default resource group is not deletable".
    const { collectionID } = await client.describeCollection({ collection_name: 'loaded' });
    expect((await client.dropResourceGroup({ resource_group: DEFAULT_RG })).reason).toBe(
      `some replicas still loaded in resource group[${DEFAULT_RG}], release it first: invalid parameter[expected=empty resource group][actual=resource group ${DEFAULT_RG} has collection ${collectionID} loaded]`,
    );
    await client.createResourceGroup({ resource_group: 'rg_lim', config: config(0, 1) });
    expect((await client.dropResourceGroup({ resource_group: 'rg_lim' })).reason).toBe(
      "resource group's limits node num is not 0: invalid parameter[expected=not empty resource group][actual=rg_lim]",
    );
    await client.updateResourceGroups({ resource_groups: { rg_lim: config(0, 0) } });
    expect((await client.dropResourceGroup({ resource_group: 'rg_lim' })).error_code).toBe(ErrorCode.SUCCESS);
    expect((await client.dropResourceGroup({ resource_group: 'never_created' })).error_code).toBe(ErrorCode.SUCCESS);
  });
});

describe('replicas', () => {
  test('GetReplicas: one replica per loaded collection, stable, with one shard per DM channel', async () => {
    const { collectionID } = await client.describeCollection({ collection_name: 'loaded' });
    const first = await client.getReplicas({ collectionID });
    expect(first.status.error_code).toBe(ErrorCode.SUCCESS);
    expect(first.replicas).toHaveLength(1);
    const [replica] = first.replicas;
    expect(replica).toMatchObject({ collectionID, node_ids: ['1'], resource_group_name: DEFAULT_RG });
    expect(replica?.shard_replicas[0]).toMatchObject({
      leaderID: '1',
      leader_addr: 'localhost:21123',
      dm_channel_name: `by-dev-rootcoord-dml_0_${collectionID}v0`,
      node_ids: ['1'],
    });
    const again = await client.getReplicas({ collectionID });
    expect(again.replicas[0]?.replicaID).toBe(replica?.replicaID);

    const { collectionID: releasedId } = await client.describeCollection({ collection_name: 'released' });
    const none = await client.getReplicas({ collectionID: releasedId });
    expect(none.status.error_code).toBe(ErrorCode.SUCCESS);
    expect(none.replicas).toEqual([]);
  });

  test('TransferReplica moves the replica between groups, and a group with a loaded replica cannot be dropped', async () => {
    await client.createResourceGroup({ resource_group: 'rg_rep', config: config(0, 0) });
    const moved = await client.transferReplica({
      source_resource_group: DEFAULT_RG,
      target_resource_group: 'rg_rep',
      collection_name: 'loaded',
      num_replica: 1,
    });
    expect(moved.error_code).toBe(ErrorCode.SUCCESS);
    const { collectionID } = await client.describeCollection({ collection_name: 'loaded' });
    expect((await client.getReplicas({ collectionID })).replicas[0]).toMatchObject({ resource_group_name: 'rg_rep', node_ids: [] });
    expect((await client.describeResourceGroup({ resource_group: 'rg_rep' })).resource_group.num_loaded_replica).toEqual({ loaded: 1 });
    const blocked = await client.dropResourceGroup({ resource_group: 'rg_rep' });
    expect(blocked.reason).toBe(
      `some replicas still loaded in resource group[rg_rep], release it first: invalid parameter[expected=empty resource group][actual=resource group rg_rep has collection ${collectionID} loaded]`,
    );
    const tooMany = await client.transferReplica({
      source_resource_group: DEFAULT_RG,
      target_resource_group: 'rg_rep',
      collection_name: 'loaded',
      num_replica: 1,
    });
    expect(tooMany.reason).toBe(
      'invalid parameter[expected=NumReplica not greater than the number of replica in source resource group][actual=only found [0] replicas of collection [loaded] in source resource group [__default_resource_group], but 1 require]',
    );
    await client.transferReplica({ source_resource_group: 'rg_rep', target_resource_group: DEFAULT_RG, collection_name: 'loaded', num_replica: 1 });
    expect((await client.dropResourceGroup({ resource_group: 'rg_rep' })).error_code).toBe(ErrorCode.SUCCESS);
  });

  test('LoadBalance on one node: the node itself is fine, any other node is not found, an unloaded collection is 103', async () => {
    const { collectionID } = await client.describeCollection({ collection_name: 'loaded' });
    expect((await client.loadBalance({ collectionName: 'loaded', src_nodeID: 1 })).error_code).toBe(ErrorCode.SUCCESS);
    const other = await client.loadBalance({ collectionName: 'loaded', src_nodeID: 7 });
    expect(other).toMatchObject({ code: 901, reason: `source node not found in any replica of collection ${collectionID}: node not found[node=7]` });
    const { collectionID: releasedId } = await client.describeCollection({ collection_name: 'released' });
    const unloaded = await client.loadBalance({ collectionName: 'released', src_nodeID: 1 });
    expect(unloaded).toMatchObject({ code: 103, reason: `collection not fully loaded[collection=${releasedId}]` });
  });
});

describe('bulk insert (gRPC import)', () => {
  test('a job is created, then reports ImportFailed because the file is not in storage', async () => {
    const created = await client.bulkInsert({ collection_name: 'released', files: ['data/rows.json'] });
    expect(created.status.error_code).toBe(ErrorCode.SUCCESS);
    expect(created.tasks).toHaveLength(1);
    const task = created.tasks[0] as unknown as string;
    const state = await client.getImportState({ task: task as unknown as number });
    expect(state.state).toBe('ImportFailed');
    expect(state.infos).toContainEqual({
      key: 'failed_reason',
      value: "failed to get file size of 'data/rows.json', error:The specified key does not exist.",
    });
    const listed = await client.listImportTasks({ collection_name: 'released' });
    expect(listed.tasks.map((t) => t.id)).toContain(task);
  });

  test('requests are checked as the proxy checks them', async () => {
    const missing = await client.bulkInsert({ collection_name: 'nope', files: ['a.json'] });
    expect(missing.status).toMatchObject({ code: 100, reason: "can't find collection[database=default][collection=nope]" });
    const type = await client.bulkInsert({ collection_name: 'released', files: ['a.txt'] });
    expect(type.status).toMatchObject({ code: 2100, reason: 'unexpect file type, files=[a.txt]: importing data failed' });
    const unknown = await client.getImportState({ task: 42 });
    expect(unknown.status).toMatchObject({ code: 2100, reason: 'import job does not exist, jobID=42: importing data failed' });
  });
});

describe('REST v2 resource_groups/* and jobs/import/*', () => {
  test('create, list, alter, describe (no code field, Go JSON of the proto), drop', async () => {
    expect(await rest('resource_groups/create', { name: 'rg_rest', config: { requests: { node_num: 0 }, limits: { node_num: 0 } } })).toEqual({ code: 0, data: {} });
    expect(await rest('resource_groups/list', {})).toMatchObject({ code: 0, data: expect.arrayContaining(['rg_rest', DEFAULT_RG]) });
    expect(await rest('resource_groups/alter', { resource_groups: { rg_rest: { requests: { node_num: 0 }, limits: { node_num: 3 } } } })).toEqual({ code: 0, data: {} });
    expect(await rest('resource_groups/describe', { name: 'rg_rest' })).toEqual({
      resource_group: { name: 'rg_rest', config: { requests: {}, limits: { node_num: 3 } } },
    });
    const def = await rest('resource_groups/describe', { name: DEFAULT_RG });
    expect(def).toEqual({
      resource_group: {
        name: DEFAULT_RG,
        capacity: 1_000_000,
        num_available_node: 1,
        num_loaded_replica: { loaded: 1 },
        // dropAllResourceGroups (above) transferred the node back with TransferNode, which raised the
        // default group's requests to 1, as CheckIfTransferNode does.
        config: { requests: { node_num: 1 }, limits: { node_num: 1_000_000 } },
        nodes: [{ node_id: 1, address: 'localhost:21123', hostname: 'localhost' }],
      },
    });
    expect(await rest('resource_groups/drop', { name: 'rg_rest' })).toEqual({
      code: 1100,
      message: "resource group's limits node num is not 0: invalid parameter[expected=not empty resource group][actual=rg_rest]",
    });
    await rest('resource_groups/alter', { resource_groups: { rg_rest: { requests: { node_num: 0 }, limits: { node_num: 0 } } } });
    expect(await rest('resource_groups/drop', { name: 'rg_rest' })).toEqual({ code: 0, data: {} });
    expect(await rest('resource_groups/describe', { name: 'rg_rest' })).toEqual({ code: 300, message: 'resource group not found[rg=rg_rest]' });
  });

  test('a config without requests/limits fails binding (1802); transfer_replica needs a loaded collection', async () => {
    expect(await rest('resource_groups/create', { name: 'rg_x', config: { limits: { node_num: 1 } } })).toEqual({
      code: 1802,
      message: "missing required parameters, error: Key: 'ResourceGroupReq.Config.Requests' Error:Field validation for 'Requests' failed on the 'required' tag",
    });
    await rest('resource_groups/create', { name: 'rg_x' });
    expect(await rest('resource_groups/transfer_replica', { sourceRgName: DEFAULT_RG, targetRgName: 'rg_x', collectionName: 'released', replicaNum: 1 })).toEqual({
      code: 101,
      message: 'collection not loaded[collection=released]',
    });
    await rest('resource_groups/drop', { name: 'rg_x' });
  });

  test('HttpClient import: the job is created, then listed and described as Failed with the reason', async () => {
    const http = new HttpClient({ endpoint: milvus.url });
    const created = await http.createImportJobs({ collectionName: 'released', files: [['imports/rows.parquet']] });
    expect(created.code).toBe(0);
    const { jobId } = created.data;
    expect(jobId).toMatch(/^\d+$/);
    const reason = "failed to get file size of 'imports/rows.parquet', error:The specified key does not exist.";
    const progress = await http.getImportJobProgress({ jobId });
    expect(progress).toEqual({
      code: 0,
      data: { collectionName: 'released', completeTime: '', details: [], fileSize: 0, importedRows: 0, jobId, progress: 0, reason, state: 'Failed', totalRows: 0 },
    });
    const listed = await http.listImportJobs({ collectionName: 'released' });
    expect(listed.data.records).toContainEqual({ collectionName: 'released', jobId, progress: 0, reason, state: 'Failed' });
    expect(await rest('jobs/import/describe', { jobId })).toEqual(progress);
  });

  test('import requests are checked: missing collection, empty files, unknown job', async () => {
    expect(await rest('jobs/import/create', { collectionName: 'nope', files: [['a.json']] })).toEqual({
      code: 100,
      message: "can't find collection[database=default][collection=nope]",
    });
    expect(await rest('jobs/import/create', { collectionName: 'released', files: [[]] })).toEqual({
      code: 1100,
      message: 'import request is empty: invalid parameter',
    });
    expect(await rest('jobs/import/get_progress', { jobId: '12' })).toEqual({
      code: 2100,
      message: 'import job does not exist, jobID=12: importing data failed',
    });
  });
});

describe('Milvus 3.0 APIs against a 2.6 server', () => {
  test('snapshots and external collections: UNIMPLEMENTED, which the SDK turns into an empty reply', async () => {
    // The Node SDK's interceptor rewrites gRPC UNIMPLEMENTED into OK with an empty message.
    expect(await client.createSnapshot({ collection_name: 'loaded', snapshot_name: 's1' })).toEqual({});
    expect(await client.listSnapshots({ collection_name: 'loaded' })).toEqual({});
    expect(await client.refreshExternalCollection({ collection_name: 'loaded' })).toEqual({});
  });

  test('a fake configured as 3.x says the feature is not supported (3000) instead', async () => {
    await using v3 = await startFakeMilvus({ logLevel: 'silent', version: 'v3.0.0' });
    const sdk = new MilvusClient({ address: v3.address });
    try {
      const reply = await sdk.createSnapshot({ collection_name: 'c', snapshot_name: 's1' });
      expect(reply).toMatchObject({ code: 3000, reason: "CreateSnapshot is not supported by fakecontainers' fake Milvus: unsupported operation" });
    } finally {
      await sdk.closeConnection();
    }
  });
});
