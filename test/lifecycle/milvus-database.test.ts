/**
 * The per-test database supply: each test gets an empty database no other test uses; one whose test sent
 * no request goes to the next test as it is, one that was used is dropped with its collections.
 */
import { DataType } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFakeMilvus, type StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { DatabaseSupply } from '../../src/lifecycle/milvus-database.js';
import { Scope } from '../../src/lifecycle/scope.js';
import { MilvusClientPool } from '../../src/lifecycle/scoped-milvus.js';

let fake: StartedFakeMilvus;
let worker: Scope;
let supply: DatabaseSupply;
let pool: MilvusClientPool;
let admin: Awaited<ReturnType<Scope['milvus']>>;

beforeAll(async () => {
  fake = await startFakeMilvus({ logLevel: 'silent' });
  worker = new Scope('worker', { endpoints: { milvusAddress: fake.address } });
  admin = await worker.milvus();
  supply = new DatabaseSupply(admin, 'supply-test');
  pool = new MilvusClientPool(worker, fake.address);
});

afterAll(async () => {
  await worker?.close();
  await fake?.close();
});

async function databases(): Promise<string[]> {
  return (await admin.listDatabases()).db_names;
}

test('an untouched database goes to the next test; a used one is dropped with its collections', async () => {
  const first = worker.child('untouched');
  const a = await supply.acquire(first);
  await pool.lease(first, a);
  await first.close();
  expect(await databases()).toContain(a);

  const second = worker.child('creates a collection');
  expect(await supply.acquire(second)).toBe(a);
  const client = await pool.lease(second, a);
  await client.createCollection({
    collection_name: 'docs',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'v', data_type: DataType.FloatVector, dim: 2 },
    ],
  });
  await second.close();

  const third = worker.child('after a used one');
  const c = await supply.acquire(third);
  expect(c).not.toBe(a);
  const mine = await pool.lease(third, c);
  expect((await mine.showCollections()).data).toEqual([]);
  await third.close();

  await supply.settle();
  const left = await databases();
  expect(left).not.toContain(a);
  expect(left).not.toContain(c);
});
