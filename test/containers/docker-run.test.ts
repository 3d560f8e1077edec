import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildImages, imageRef } from '../../src/containers/index.js';
import { FakeControlClient } from '../../src/fakes/control/control-client.js';
import { dockerAvailable, ensureFreshBuild } from '../support/docker.js';

const docker = dockerAvailable();
// The flags of the README's `docker run` lines (and of every container the library starts).
const README_HARDENING = ['--read-only', '--tmpfs', '/tmp', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges'];
const dockerCli = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

async function healthy(url: string): Promise<void> {
  const control = new FakeControlClient(url);
  await expect.poll(() => control.health(500).then((h) => h.status, () => 'down'), { timeout: 20_000, interval: 200 }).toBe('ok');
}

describe.skipIf(!docker)('the images under plain docker run', () => {
  beforeAll(async () => {
    ensureFreshBuild();
    await buildImages({ base: 'local', images: ['ollama', 'milvus'] });
  }, 180_000);

  test('the fake Ollama takes its configuration from FAKE_OLLAMA_* variables', async () => {
    const id = dockerCli('run', '-d', '--rm', ...README_HARDENING, '-p', '127.0.0.1::11434', '-e', 'FAKE_OLLAMA_MODELS=llama3.2,all-minilm', '-e', 'FAKE_OLLAMA_VERSION=0.9.0',
      '-e', 'FAKE_OLLAMA_RULES=[{"match":{"prompt":"ping"},"reply":{"text":"pong"}}]', imageRef('ollama'));
    try {
      const url = `http://${dockerCli('port', id, '11434').split('\n')[0]}`;
      await healthy(url);
      expect(await (await fetch(`${url}/api/version`)).json()).toEqual({ version: '0.9.0' });
      const tags = (await (await fetch(`${url}/api/tags`)).json()) as { models: { name: string }[] };
      expect(tags.models.map((m) => m.name).sort()).toEqual(['all-minilm:latest', 'llama3.2:latest']);
      const chat = await fetch(`${url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2', stream: false, messages: [{ role: 'user', content: 'ping' }] }) });
      expect(((await chat.json()) as { message: { content: string } }).message.content).toBe('pong');
    } finally {
      dockerCli('rm', '-f', id);
    }
  }, 60_000);

  test('the fake Milvus loads a mounted seed file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fc-seed-'));
    chmodSync(dir, 0o755);
    const seed = path.join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify({ collections: [{ name: 'movies', dimension: 2, rows: [{ id: 10, vector: [0, 1], title: 'Alien' }] }] }));
    chmodSync(seed, 0o644);
    const id = dockerCli('run', '-d', '--rm', ...README_HARDENING, '-p', '127.0.0.1::19530', '-v', `${seed}:/seed/seed.json:ro`, '-e', 'FAKE_MILVUS_SEED_FILE=/seed/seed.json', imageRef('milvus'));
    try {
      const address = dockerCli('port', id, '19530').split('\n')[0] as string;
      await healthy(`http://${address}`);
      const client = new MilvusClient({ address, logLevel: 'info' });
      try {
        await client.connectPromise;
        const rows = await client.query({ collection_name: 'movies', filter: 'id == 10', output_fields: ['title'] });
        // A dynamic key comes back inside the $meta column, as the SDK builds rows from a real server's reply.
        expect(rows.data).toEqual([{ id: '10', $meta: { title: 'Alien' } }]);
      } finally {
        await client.closeConnection();
      }
    } finally {
      dockerCli('rm', '-f', id);
    }
  }, 60_000);
});
