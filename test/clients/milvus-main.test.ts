import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { expect, test } from 'vitest';

const entry = path.resolve(import.meta.dirname, '../../src/fakes/milvus/main.ts');

test('the container entry point serves a seed file, /healthz and /_fake, and exits fast on SIGTERM', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-milvus-'));
  const seedFile = path.join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({ collections: [{ name: 'seeded', dimension: 2, rows: [{ id: 1, vector: [1, 0] }] }] }));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, FAKE_MILVUS_PORT: '0', FAKE_MILVUS_HOST: '127.0.0.1', FAKE_MILVUS_HEALTH_PORT: '0', FAKE_MILVUS_SEED_FILE: seedFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ port: number; healthPort: number }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on 127\.0\.0\.1:(\d+) .*\/healthz on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve({ port: Number(match[1]), healthPort: Number(match[2]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}: ${output}`)));
  });
  const { port, healthPort } = await ready;
  expect(await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).text()).toBe('OK');
  expect(await (await fetch(`http://127.0.0.1:${port}/_fake/health`)).json()).toMatchObject({ status: 'ok', fake: 'milvus' });
  const client = new MilvusClient({ address: `127.0.0.1:${port}`, logLevel: 'error', telemetry: { enabled: false } });
  await client.connectPromise;
  expect((await client.count({ collection_name: 'seeded' })).data).toBe(1);
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
    const started = performance.now();
    child.once('exit', (code) => resolve({ code, ms: performance.now() - started }));
  });
  child.kill('SIGTERM');
  const { code, ms } = await exited;
  expect(code).toBe(0);
  expect(ms).toBeLessThan(1000);
  await client.closeConnection();
});
