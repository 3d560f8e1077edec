import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { SeedDescription } from '../../src/fakes/milvus/engine/seed.js';
import { FakeMilvusContainer } from '../../src/containers/index.js';
import { dockerAvailable, ensureFreshBuild } from '../support/docker.js';

const docker = dockerAvailable();

describe.skipIf(!docker)('FakeMilvusContainer', () => {
  beforeAll(() => ensureFreshBuild(), 120_000);

  test('serves the official client with its seed data, REST health on 9091 and a control plane', async () => {
    await using container = await new FakeMilvusContainer()
      .withSeed({ collections: [{ name: 'docs', dimension: 2, rows: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [0, 1] }] }] })
      .start();
    const client = new MilvusClient({ address: container.getAddress(), logLevel: 'info' });
    try {
      await client.connectPromise;
      const { results } = await client.search({ collection_name: 'docs', data: [0.9, 0.1], limit: 1 });
      expect(results[0]?.id).toBe('1');
    } finally {
      await client.closeConnection();
    }
    const health = await fetch(`http://${container.getHost()}:${container.getMappedPort(9091)}/healthz`);
    expect(await health.text()).toBe('OK');
    const searches = await container.control().journal({ route: 'Search' });
    expect(searches).toHaveLength(1);
  });

  test('takes faults through its configuration', async () => {
    await using container = await new FakeMilvusContainer().withFaults([{ kind: 'status', route: 'ListDatabases', status: 1, message: 'injected' }]).start();
    const client = new MilvusClient({ address: container.getAddress(), logLevel: 'info' });
    try {
      await client.connectPromise;
      const listed = await client.listDatabases();
      expect(listed.status.error_code).not.toBe('Success');
      expect(listed.status.reason).toMatch(/injected/);
    } finally {
      await client.closeConnection();
    }
  });

  test('a container that exits during start fails start() at once (not after the 30 s health wait), quoting its log', async () => {
    const start = new FakeMilvusContainer().withEnvironment({ FAKE_MILVUS_LOG_LEVEL: 'loud' }).start();
    await expect(start).rejects.toThrow(/did not start: the container exited during start[\s\S]*FAKE_MILVUS_LOG_LEVEL must be one of/);
  });

  test('refuses an invalid seed before any container starts: every unknown key with its path, then what Milvus would refuse', () => {
    expect(() => new FakeMilvusContainer().withSeed({ collections: [{ name: '' }] })).toThrow('withSeed: collections[0] (""): collection name should not be empty');
    const typos = { modles: 1, collections: [{ name: 'docs', dimension: 4, rowz: [] }] } as unknown as SeedDescription;
    expect(() => new FakeMilvusContainer().withSeed(typos)).toThrow('withSeed is not valid:\n  - collections[0].rowz: unknown key\n  - modles: unknown key');
    expect(() => new FakeMilvusContainer().withFakeConfig({ verison: 'v2.6.6' } as never)).toThrow(/verison: unknown key/);
    expect(() => new FakeMilvusContainer().withFaults([{ kind: 'nope' as 'hang' }])).toThrow(/kind/);
  });
});
