import http from 'node:http';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { startFakeMilvus, type StartedFakeMilvus } from '../../src/fakes/milvus/index.js';

let milvus: StartedFakeMilvus;
let client: MilvusClient;
const clock = new FixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  milvus = await startFakeMilvus({ clock, healthPort: 0, logLevel: 'silent' });
  client = new MilvusClient({ address: milvus.address, logLevel: 'error' });
  await client.connectPromise;
});

afterAll(async () => {
  await client.closeConnection();
  await milvus.close();
});

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('connecting', () => {
  test('Connect returns a non-zero identifier and server info, then heartbeats arrive', async () => {
    expect(Number(metadataOf(client).get('identifier'))).toBeGreaterThan(0);
    expect(client.connectStatus).toBe(1);
    expect((client.serverInfo as { deploy_mode?: string }).deploy_mode).toBe('STANDALONE');
    await expect.poll(() => milvus.journal().some((e) => e.path === '/milvus.proto.milvus.ClientTelemetryService/ClientHeartbeat')).toBe(true);
    const version = await client.getVersion();
    expect(version.version).toBe('v2.6.6');
    const health = await client.checkHealth();
    expect(health.isHealthy).toBe(true);
  });

  test('gRPC and HTTP/1.1 share the port; /healthz also answers on the health port', async () => {
    expect(await get(milvus.port, '/healthz')).toEqual({ status: 200, body: 'OK' });
    expect(await get(milvus.healthPort as number, '/healthz')).toEqual({ status: 200, body: 'OK' });
    expect((await get(milvus.healthPort as number, '/v2/vectordb/collections/list')).status).toBe(404);
    expect((await get(milvus.port, '/v2/vectordb/nope')).status).toBe(404);
    milvus.useHttp((req, res) => {
      if (req.url !== '/extra') return false;
      res.end('plugged');
      return true;
    });
    expect((await get(milvus.port, '/extra')).body).toBe('plugged');
  });

  test('every RPC is journaled with its database, collection and status', async () => {
    await client.describeCollection({ collection_name: 'nope', db_name: 'default' });
    const last = milvus.journal().at(-1);
    expect(last).toMatchObject({
      method: 'POST',
      path: '/milvus.proto.milvus.MilvusService/DescribeCollection',
      route: 'DescribeCollection',
      model: 'nope',
      body: { db_name: 'default', collection_name: 'nope' },
      status: 100,
      at: clock.now(),
    });
    const open = milvus.connections();
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]?.openedAt).toBe(clock.now());
  });

  test('a scoped client tags its connection and journal entries', async () => {
    // grpc-js shares one TCP connection between clients with equal options; a local subchannel pool
    // gives this client its own, so the connection's scope is this client's.
    const scoped = new MilvusClient({
      address: milvus.address,
      logLevel: 'error',
      telemetry: { enabled: false },
      channelOptions: { 'grpc.use_local_subchannel_pool': 1 },
    });
    // The SDK sends every entry of its metadata map on each call; tests reach it the way a wrapper would.
    metadataOf(scoped).set('x-fakecontainers-scope', 'suite-b');
    await scoped.connectPromise;
    await scoped.showCollections();
    const entry = milvus.journal({ scope: 'suite-b' }).at(-1);
    expect(entry?.route).toBe('ShowCollections');
    expect(milvus.connections({ scope: 'suite-b' }).length).toBeGreaterThan(0);
    await scoped.closeConnection();
    await expect.poll(() => milvus.connections({ scope: 'suite-b' }).length).toBe(0);
  });
});

describe('control plane', () => {
  test('faults: status answers in-band, delay waits, drop cuts the connection', async () => {
    milvus.addFault({ kind: 'status', route: 'Search', status: 8, message: 'rate limit exceeded', times: 1 });
    milvus.seed({ collections: [{ name: 'faulty', dimension: 2, rows: [{ id: 1, vector: [1, 0] }] }] });
    const limited = await client.search({ collection_name: 'faulty', data: [1, 0], limit: 1 });
    expect(limited.status).toMatchObject({ code: 8, error_code: 'RateLimit', reason: 'rate limit exceeded' });
    expect((await client.search({ collection_name: 'faulty', data: [1, 0], limit: 1 })).results).toHaveLength(1);
    milvus.addFault({ kind: 'delay', route: 'GetVersion', delayMs: 150, times: 1 });
    const started = performance.now();
    await client.getVersion();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    // hasCollection is a DescribeCollection on the wire.
    milvus.addFault({ kind: 'drop', route: 'DescribeCollection', model: 'faulty', times: 1 });
    const other = new MilvusClient({
      address: milvus.address,
      logLevel: 'error',
      telemetry: { enabled: false },
      maxRetries: 0,
      channelOptions: { 'grpc.use_local_subchannel_pool': 1 },
    });
    await other.connectPromise;
    await expect(other.hasCollection({ collection_name: 'faulty', timeout: 2000 })).rejects.toThrow();
    expect(milvus.journal({ route: 'DescribeCollection' }).at(-1)).toMatchObject({ fault: 'drop', aborted: true });
    await other.closeConnection();
  });

  test('/_fake routes: health, journal, seed, faults, reset', async () => {
    const base = `http://127.0.0.1:${milvus.port}/_fake`;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', fake: 'milvus', version: 'v2.6.6' });
    const seeded = await fetch(`${base}/seed`, {
      method: 'POST',
      body: JSON.stringify({ collections: [{ name: 'from_http', dimension: 3 }] }),
    });
    expect(seeded.status).toBe(201);
    expect((await client.hasCollection({ collection_name: 'from_http' })).value).toBe(true);
    const bad = await fetch(`${base}/seed`, { method: 'POST', body: JSON.stringify({ collections: [{ name: '9bad', dimension: 3 }] }) });
    expect(bad.status).toBe(400);
    const journal = (await (await fetch(`${base}/journal?route=DescribeCollection`)).json()) as { entries: unknown[] };
    expect(journal.entries.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/reset`, { method: 'POST' })).status).toBe(200);
    expect((await client.hasCollection({ collection_name: 'from_http' })).value).toBe(false);
  });
});

describe('databases', () => {
  test('create, list, describe, alter and drop, with isolation', async () => {
    expect((await client.createDatabase({ db_name: 'analytics' })).error_code).toBe('Success');
    const dup = await client.createDatabase({ db_name: 'analytics' });
    expect([dup.error_code, dup.reason]).toEqual(['UnexpectedError', 'database already exist: analytics']);
    const list = await client.listDatabases();
    expect(list.db_names).toEqual(['default', 'analytics']);
    await client.alterDatabase({ db_name: 'analytics', properties: { 'database.max.collections': 10 } });
    const described = await client.describeDatabase({ db_name: 'analytics' });
    expect(described.properties).toEqual([{ key: 'database.max.collections', value: '10' }]);

    await client.createCollection({ db_name: 'analytics', collection_name: 'events', fields: fields() });
    expect((await client.hasCollection({ collection_name: 'events' })).value).toBe(false);
    expect((await client.hasCollection({ collection_name: 'events', db_name: 'analytics' })).value).toBe(true);
    await client.useDatabase({ db_name: 'analytics' });
    expect((await client.hasCollection({ collection_name: 'events' })).value).toBe(true);
    const blocked = await client.dropDatabase({ db_name: 'analytics' });
    expect(blocked.reason).toBe('database:analytics not empty, must drop all collections before drop database');
    await client.dropCollection({ collection_name: 'events' });
    await client.useDatabase({ db_name: 'default' });
    expect((await client.dropDatabase({ db_name: 'analytics' })).error_code).toBe('Success');
    expect((await client.dropDatabase({ db_name: 'default' })).reason).toBe('can not drop default database');
    const missing = await client.describeDatabase({ db_name: 'nope' });
    expect([missing.status.code, missing.status.reason]).toEqual([800, 'database not found[database=nope]']);
  });

  test('a collection call against a missing database reports it', async () => {
    const res = await client.describeCollection({ collection_name: 'x', db_name: 'ghost' });
    expect([res.status.code, res.status.reason]).toEqual([800, 'database not found[database=ghost]']);
  });
});

describe('unsupported and RBAC methods', () => {
  test('resource groups are stored, not forgotten (milvus-admin.test.ts covers them; every-rpc the 3000s)', async () => {
    expect((await client.createResourceGroup({ resource_group: 'rg1' } as never)).error_code).toBe('Success');
    expect((await client.listResourceGroups()).resource_groups).toEqual(['__default_resource_group', 'rg1']);
    expect((await client.dropResourceGroup({ resource_group: 'rg1' } as never)).error_code).toBe('Success');
  });

  test('RBAC calls are stored (milvus-rbac.test.ts covers them)', async () => {
    expect((await client.createUser({ username: 'alice', password: 'Secret123' })).error_code).toBe('Success');
    expect((await client.listUsers()).usernames).toEqual(['alice', 'root']);
    expect((await client.deleteUser({ username: 'alice' })).error_code).toBe('Success');
  });
});

describe('closing', () => {
  test('close() is idempotent, bounded and ends live connections', async () => {
    const other = await startFakeMilvus({ logLevel: 'silent' });
    const live = new MilvusClient({ address: other.address, logLevel: 'error', telemetry: { enabled: false } });
    await live.connectPromise;
    const started = performance.now();
    const first = other.close();
    expect(other.close()).toBe(first);
    await first;
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(live.showCollections({ timeout: 500 })).rejects.toThrow();
    await live.closeConnection();
  });
});

function metadataOf(c: MilvusClient): Map<string, string> {
  return (c as unknown as { metadata: Map<string, string> }).metadata;
}

function fields() {
  return [
    { name: 'id', data_type: 5, is_primary_key: true },
    { name: 'vector', data_type: 101, dim: 2 },
  ];
}
