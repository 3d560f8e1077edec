import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ollama } from 'ollama';
import { beforeAll, describe, expect, test } from 'vitest';
import { FakeOllamaContainer } from '../../src/containers/index.js';
import { dockerAvailable, ensureFreshBuild } from '../support/docker.js';

const docker = dockerAvailable();

describe.skipIf(!docker)('FakeOllamaContainer', () => {
  beforeAll(() => ensureFreshBuild(), 120_000);

  test('starts the fake in Docker and serves the official client', async () => {
    await using container = await new FakeOllamaContainer().withModels(['llama3.2', 'nomic-embed-text']).withSeed(7).start();
    const ollama = new Ollama({ host: container.getEndpoint() });
    const names = (await ollama.list()).models.map((m) => m.name).sort();
    expect(names).toEqual(['llama3.2:latest', 'nomic-embed-text:latest']);
    const reply = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hello' }] });
    expect(reply.done).toBe(true);
    const journal = await container.control().journal({ route: 'chat' });
    expect(journal).toHaveLength(1);
  });

  test("takes this machine's FAKE_OLLAMA_* settings (its config file read here), under the container's own", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'host-config-')), 'config.json');
    writeFileSync(file, JSON.stringify({ ollama: { extraModels: [{ name: 'phi3:mini' }] } }));
    const saved = { ...process.env };
    Object.assign(process.env, { FAKE_OLLAMA_VERSION: '7.7.7', FAKE_OLLAMA_CONFIG: file, FAKE_OLLAMA_PORT: '1' });
    try {
      await using fromHost = await new FakeOllamaContainer().start();
      const ollama = new Ollama({ host: fromHost.getEndpoint() });
      expect((await ollama.version()).version).toBe('7.7.7');
      expect((await ollama.list()).models.map((m) => m.name)).toContain('phi3:mini');
      await using own = await new FakeOllamaContainer().withFakeConfig({ version: '8.8.8' }).start();
      expect((await new Ollama({ host: own.getEndpoint() }).version()).version).toBe('8.8.8');
    } finally {
      for (const key of ['FAKE_OLLAMA_VERSION', 'FAKE_OLLAMA_CONFIG', 'FAKE_OLLAMA_PORT']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  test('runs as a non-root user, reports healthy, and exits cleanly on SIGTERM in under a second', async () => {
    const container = await new FakeOllamaContainer().start();
    const id = container.getId();
    const inspect = () => JSON.parse(execFileSync('docker', ['inspect', id], { encoding: 'utf8' }))[0];
    expect(inspect().Config.User).toBe('65532:65532');
    const deadline = Date.now() + 20_000;
    while (inspect().State.Health?.Status !== 'healthy' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(inspect().State.Health?.Status).toBe('healthy');
    // Node as PID 1 ignores SIGTERM without a handler and `docker stop` then waits its full 10 s
    // before SIGKILL (exit 137); the fake handles the signal and exits 0 at once.
    const started = Date.now();
    execFileSync('docker', ['stop', '--time', '10', id], { stdio: 'pipe' });
    const elapsed = Date.now() - started;
    expect(inspect().State.ExitCode).toBe(0);
    expect(elapsed).toBeLessThan(1_000);
    await container.stop();
  });

  test('rejects an invalid configuration before any container starts', () => {
    expect(() => new FakeOllamaContainer().withModels(['not a valid name!'])).toThrow(/valid "name"/);
  });
});
