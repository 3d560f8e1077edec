import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { Ollama } from 'ollama';
import { beforeAll, describe, expect, test } from 'vitest';
import { FakeMilvusContainer, FakeOllamaContainer, buildImages } from '../../src/containers/index.js';
import { getContainerRuntimeClient } from '../../src/containers/testcontainers.js';
import { ensureFreshBuild } from '../support/docker.js';
import { podmanAnswers } from '../support/podman.js';

/**
 * The images and container classes under Podman, through its Docker-compatible socket. Run by
 * `.ci/engines/podman.sh`, which starts the socket and sets DOCKER_HOST; skipped elsewhere. The script
 * also checks the reapers after a SIGKILL (testcontainers' reaper is shared with this process, so that
 * check cannot run inside it).
 */
const podman = podmanAnswers();

async function inspect(id: string) {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode.getContainer(id).inspect();
}

describe.skipIf(!podman)('under Podman', () => {
  beforeAll(() => ensureFreshBuild(), 120_000);

  test('the images build through the Podman socket, and an unchanged build is skipped', async () => {
    await buildImages();
    const again = await buildImages();
    expect(again.map((image) => [image.kind, image.built])).toEqual([
      ['ollama', false],
      ['milvus', false],
      ['reaper', false],
    ]);
  }, 180_000);

  test('both container classes serve the official clients, locked down as under Docker', async () => {
    await using ollama = await new FakeOllamaContainer().withModels(['llama3.2']).start();
    await using milvus = await new FakeMilvusContainer().withSeed({ collections: [{ name: 'docs', dimension: 2, rows: [{ id: 1, vector: [1, 0] }] }] }).start();
    const reply = await new Ollama({ host: ollama.getEndpoint() }).chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.message.content).not.toBe('');
    const client = new MilvusClient({ address: milvus.getAddress(), logLevel: 'info' });
    try {
      const { results } = await client.search({ collection_name: 'docs', data: [1, 0], limit: 1 });
      expect(results[0]?.id).toBe('1');
    } finally {
      await client.closeConnection();
    }
    expect((await ollama.control().journal()).length).toBeGreaterThan(0);
    for (const id of [ollama.getId(), milvus.getId()]) {
      const { Config, HostConfig } = await inspect(id);
      expect(Config.User).toBe('65532:65532');
      expect(HostConfig.ReadonlyRootfs).toBe(true);
      expect(HostConfig.SecurityOpt).toContain('no-new-privileges');
      // Podman lists every default capability it dropped where Docker says ALL.
      expect(HostConfig.CapAdd ?? []).toEqual([]);
      expect((HostConfig.CapDrop ?? []).map((cap: string) => cap.replace(/^CAP_/, ''))).toEqual(expect.arrayContaining(['NET_RAW', 'CHOWN', 'SETUID']));
      // Inside a container, testcontainers names Podman's bridge gateway, which only exists while a
      // container is attached; .ci/engines/podman.sh sets TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1.
      for (const bindings of Object.values(HostConfig.PortBindings ?? {})) {
        for (const binding of bindings as { HostIp?: string }[]) expect(binding.HostIp).toBe('127.0.0.1');
      }
    }
  });

  test('a container that exits during start fails start() at once, quoting its log', async () => {
    const started = Date.now();
    await expect(new FakeMilvusContainer().withEnvironment({ FAKE_MILVUS_LOG_LEVEL: 'loud' }).start()).rejects.toThrow(
      /the container exited during start[\s\S]*FAKE_MILVUS_LOG_LEVEL must be one of/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
