import { execFileSync } from 'node:child_process';
import path from 'node:path';
// Before @testcontainers/ollama: importing fakecontainers/containers first lets it choose the reaper
// image before testcontainers reads RYUK_CONTAINER_IMAGE (at its own import, in testcontainers 11).
import { buildImages, imageRef } from '../../src/containers/index.js';
import { OllamaContainer } from '@testcontainers/ollama';
import { Ollama } from 'ollama';
import { beforeAll, describe, expect, test } from 'vitest';
import { FakeControlClient } from '../../src/fakes/control/control-client.js';
import { dockerAvailable, ensureFreshBuild } from '../support/docker.js';
import { runVitest } from '../support/vitest-child.js';

const docker = dockerAvailable();
const cli = path.resolve(import.meta.dirname, '../../dist/cli.js');
const fakecontainers = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });

describe.skipIf(!docker)('the CLI, attach mode, and testcontainers’ own OllamaContainer', () => {
  beforeAll(async () => {
    ensureFreshBuild();
    // testcontainers' own OllamaContainer runs our image and (through RYUK_CONTAINER_IMAGE) our reaper;
    // it would try to pull either from a registry if absent, as on a fresh machine, so build them
    // the way the README tells users to (`fakecontainers images build`).
    await buildImages({ images: ['ollama', 'reaper'] });
  }, 180_000);

  test('up starts both fakes, a suite attaches to them, down removes exactly them', async () => {
    const up = fakecontainers('up', '--ollama-port', '0', '--milvus-port', '0', '--milvus-health-port', '0');
    const ollamaUrl = /export FAKECONTAINERS_OLLAMA_URL=(\S+)/.exec(up)?.[1] as string;
    const milvusAddress = /export FAKECONTAINERS_MILVUS_ADDRESS=(\S+)/.exec(up)?.[1] as string;
    const token = /export FAKECONTAINERS_CONTROL_TOKEN=(\S+)/.exec(up)?.[1] as string;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(ollamaUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(milvusAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    try {
      expect(fakecontainers('ps')).toMatch(/fakecontainers-ollama.*\n?.*fakecontainers-milvus|fakecontainers-milvus[\s\S]*fakecontainers-ollama/);
      const run = await runVitest('basic', { FAKECONTAINERS_OLLAMA_URL: ollamaUrl, FAKECONTAINERS_MILVUS_ADDRESS: milvusAddress, FAKECONTAINERS_CONTROL_TOKEN: token }).done;
      expect(run.output).toMatch(/5 passed/);
      expect(run.code).toBe(0);
      // Attach mode never stops what it did not start, and the suite left none of its connections
      // open (every client it made carries a scope; unscoped ones are this test's own probes).
      expect((await new FakeControlClient(ollamaUrl).health()).status).toBe('ok');
      const scoped = async (url: string) => (await new FakeControlClient(url, token).connections()).filter((c) => c.scope !== undefined);
      await expect.poll(() => scoped(ollamaUrl), { timeout: 3_000 }).toEqual([]);
      await expect.poll(() => scoped(`http://${milvusAddress}`), { timeout: 3_000 }).toEqual([]);
      const journal = await new FakeControlClient(`http://${milvusAddress}`, token).journal();
      expect(journal.some((entry) => entry.scope !== undefined)).toBe(true);
    } finally {
      expect(fakecontainers('down')).toMatch(/removed 2 containers/);
    }
    expect(fakecontainers('ps')).not.toMatch(/fakecontainers-ollama/);
  }, 180_000);

  test('OllamaContainer from @testcontainers/ollama runs the fake image unchanged', async () => {
    await using container = await new OllamaContainer(imageRef('ollama')).start();
    const pulled = await container.exec(['ollama', 'pull', 'gemma3:1b']);
    expect(pulled.exitCode).toBe(0);
    const listed = await container.exec(['ollama', 'list']);
    expect(listed.output).toMatch(/gemma3:1b/);
    const ollama = new Ollama({ host: container.getEndpoint() });
    const reply = await ollama.generate({ model: 'gemma3:1b', prompt: 'hello' });
    expect(reply.done).toBe(true);
  }, 120_000);
});
