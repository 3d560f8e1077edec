/**
 * Every FAKE_OLLAMA_* and FAKE_MILVUS_* variable of the README's configuration reference, through
 * `fakecontainers serve`; the same layering (options > config file > variables) in startFake*().
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeMilvus } from '../../src/fakes/milvus/index.js';
import { startFakeOllama } from '../../src/fakes/ollama/server.js';
import { ensureFreshBuild } from '../support/docker.js';

const cli = path.resolve(import.meta.dirname, '../../dist/cli.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'serve-env-'));

interface Served {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<string>;
}

/** `serve` with only these FAKE_* variables; resolves once it prints that the fakes are ready. */
async function serve(env: Record<string, string>, args: string[] = []): Promise<Served> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('FAKE_')));
  const child = spawn(process.execPath, [cli, 'serve', ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await Promise.race([
    new Promise<void>((resolve) => child.stdout?.on('data', () => output.includes('Press Ctrl-C') && resolve())),
    closed.then(() => {
      throw new Error(`serve exited: ${output}`);
    }),
  ]);
  return {
    child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await closed;
      return output;
    },
  };
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An address of this machine other than loopback: a peer the control plane counts as remote. */
function externalAddress(): string {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal);
  if (!found) throw new Error('this test needs a non-loopback IPv4 address on the machine');
  return found.address;
}

beforeAll(() => ensureFreshBuild(), 120_000);

describe('serve reads every FAKE_OLLAMA_* variable', () => {
  let served: Served;
  let ollamaPort: number;
  const configFile = path.join(dir, 'config.json');

  beforeAll(async () => {
    ollamaPort = await freePort();
    writeFileSync(configFile, JSON.stringify({ ollama: { version: '0.30.0', journalSize: 3 } }));
    served = await serve(
      {
        FAKE_OLLAMA_PORT: String(ollamaPort),
        FAKE_OLLAMA_HOST: '0.0.0.0',
        FAKE_OLLAMA_CONFIG: configFile,
        FAKE_OLLAMA_CONFIG_JSON: JSON.stringify({ ollama: { errorProfile: 'legacy' } }),
        FAKE_OLLAMA_MODELS: 'llama3.2,all-minilm',
        FAKE_OLLAMA_EXTRA_MODELS: 'mistral:7b',
        FAKE_OLLAMA_RULES: JSON.stringify([{ match: { prompt: 'ping' }, reply: { text: 'pong' } }]),
        FAKE_OLLAMA_FAULTS: JSON.stringify([{ kind: 'status', route: 'embed', status: 503, message: 'busy' }]),
        FAKE_OLLAMA_SEED: '42',
        FAKE_OLLAMA_VERSION: '9.9.9',
        FAKE_OLLAMA_ERROR_PROFILE: 'current',
        FAKE_OLLAMA_TOKEN_DELAY_MS: '40',
        FAKE_OLLAMA_MAX_BODY_BYTES: '2000',
        FAKE_OLLAMA_CONTROL_TOKEN: 'sesame',
        FAKE_OLLAMA_LOG_LEVEL: 'error',
      },
      ['--no-milvus'],
    );
  }, 60_000);
  afterAll(() => served?.stop());

  test('port and host; the catalog; rules; faults; seed', async () => {
    const ollama = new Ollama({ host: `http://127.0.0.1:${ollamaPort}` });
    expect((await ollama.list()).models.map((m) => m.name)).toEqual(['all-minilm:latest', 'llama3.2:latest', 'mistral:7b']);
    expect((await ollama.generate({ model: 'llama3.2', prompt: 'ping' })).response).toBe('pong');
    await expect(ollama.embed({ model: 'all-minilm', input: 'x' })).rejects.toThrow('busy');
    await using seeded = await startFakeOllama({ env: false, seed: 42 });
    const expected = (await new Ollama({ host: seeded.url }).generate({ model: 'llama3.2', prompt: 'Tell me about tides' })).response;
    expect((await ollama.generate({ model: 'llama3.2', prompt: 'Tell me about tides' })).response).toBe(expected);
  });

  test('the config file and inline config win over single variables (version, error profile)', async () => {
    const ollama = new Ollama({ host: `http://127.0.0.1:${ollamaPort}` });
    expect((await ollama.version()).version).toBe('0.30.0');
    await expect(ollama.generate({ model: 'nope', prompt: 'x' })).rejects.toThrow("model 'nope' not found, try pulling it first");
  });

  test('token delay paces the stream; the body limit answers 413', async () => {
    const ollama = new Ollama({ host: `http://127.0.0.1:${ollamaPort}` });
    const started = performance.now();
    let chunks = 0;
    for await (const _ of await ollama.generate({ model: 'llama3.2', prompt: 'Tell me about tides', stream: true, options: { num_predict: 6 } })) chunks++;
    // A lower bound only: at least 40 ms between each of the chunks.
    expect(performance.now() - started).toBeGreaterThanOrEqual(40 * (chunks - 1) - 5);
    const big = await fetch(`http://127.0.0.1:${ollamaPort}/api/generate`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2', prompt: 'x'.repeat(3000) }) });
    expect(big.status).toBe(413);
  });

  test('the control token is required (a remote peer without it is refused); the log level silences warnings', async () => {
    const remote = `http://${externalAddress()}:${ollamaPort}/_fake/journal`;
    expect((await fetch(remote)).status).toBe(401);
    expect((await fetch(remote, { headers: { authorization: 'Bearer sesame' } })).status).toBe(200);
    // journalSize 3 from the config file.
    const local = await fetch(`http://127.0.0.1:${ollamaPort}/_fake/journal`, { headers: { authorization: 'Bearer sesame' } });
    const { entries } = (await local.json()) as { entries: unknown[] };
    expect(entries.length).toBe(3);
    expect(served.output()).not.toContain('warn');
  });
});

describe('serve: the variables the first run overrode or did not need', () => {
  test('FAKE_OLLAMA_ERROR_PROFILE and FAKE_*_CONTROL_ALLOW_REMOTE on their own', async () => {
    const ollamaPort = await freePort();
    const milvusPort = await freePort();
    const served = await serve({
      FAKE_OLLAMA_PORT: String(ollamaPort),
      FAKE_OLLAMA_HOST: '0.0.0.0',
      FAKE_OLLAMA_ERROR_PROFILE: 'legacy',
      FAKE_OLLAMA_CONTROL_ALLOW_REMOTE: 'true',
      FAKE_MILVUS_PORT: String(milvusPort),
      FAKE_MILVUS_HOST: '0.0.0.0',
      FAKE_MILVUS_CONTROL_ALLOW_REMOTE: 'true',
    });
    try {
      await expect(new Ollama({ host: `http://127.0.0.1:${ollamaPort}` }).generate({ model: 'nope', prompt: 'x' })).rejects.toThrow(
        "model 'nope' not found, try pulling it first",
      );
      expect((await fetch(`http://${externalAddress()}:${ollamaPort}/_fake/journal`)).status).toBe(200);
      expect((await fetch(`http://${externalAddress()}:${milvusPort}/_fake/journal`)).status).toBe(200);
    } finally {
      await served.stop();
    }
    // Without them, a remote peer is refused.
    const closedPort = await freePort();
    const closed = await serve({ FAKE_OLLAMA_PORT: String(closedPort), FAKE_OLLAMA_HOST: '0.0.0.0' }, ['--no-milvus']);
    try {
      expect((await fetch(`http://${externalAddress()}:${closedPort}/_fake/journal`)).status).toBe(403);
    } finally {
      await closed.stop();
    }
  }, 60_000);
});

describe('serve records and replays cassettes from FAKE_OLLAMA_RECORD / UPSTREAM / REPLAY', () => {
  test('a recorded answer replays byte for byte', async () => {
    await using upstream = await startFakeOllama({ env: false, rules: [{ match: { prompt: 'hello' }, reply: { text: 'recorded hello' } }] });
    const cassette = path.join(dir, 'cassette.json');
    const recordPort = await freePort();
    const recording = await serve({ FAKE_OLLAMA_RECORD: cassette, FAKE_OLLAMA_UPSTREAM: upstream.url, FAKE_OLLAMA_PORT: String(recordPort) }, ['--no-milvus']);
    const first = await new Ollama({ host: `http://127.0.0.1:${recordPort}` }).generate({ model: 'llama3.2', prompt: 'hello' });
    await recording.stop();
    expect(readFileSync(cassette, 'utf8')).toContain('recorded hello');
    const replayPort = await freePort();
    const replaying = await serve({ FAKE_OLLAMA_REPLAY: cassette, FAKE_OLLAMA_PORT: String(replayPort) }, ['--no-milvus']);
    try {
      expect((await new Ollama({ host: `http://127.0.0.1:${replayPort}` }).generate({ model: 'llama3.2', prompt: 'hello' })).response).toBe(first.response);
    } finally {
      await replaying.stop();
    }
  }, 60_000);
});

describe('serve reads every FAKE_MILVUS_* variable', () => {
  let served: Served;
  let port: number;
  let healthPort: number;

  beforeAll(async () => {
    port = await freePort();
    healthPort = await freePort();
    const seedFile = path.join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify({ collections: [{ name: 'docs', dimension: 4 }] }));
    const configFile = path.join(dir, 'milvus-config.json');
    writeFileSync(configFile, JSON.stringify({ milvus: { journalSize: 2 } }));
    served = await serve(
      {
        FAKE_MILVUS_PORT: String(port),
        FAKE_MILVUS_HOST: '0.0.0.0',
        FAKE_MILVUS_HEALTH_PORT: String(healthPort),
        FAKE_MILVUS_CONFIG: configFile,
        FAKE_MILVUS_CONFIG_JSON: JSON.stringify({ milvus: { version: 'v2.6.9' } }),
        FAKE_MILVUS_SEED_FILE: seedFile,
        FAKE_MILVUS_FAULTS: JSON.stringify([{ kind: 'status', route: 'Search', status: 65535, message: 'injected' }]),
        FAKE_MILVUS_VERSION: 'v2.5.0',
        FAKE_MILVUS_CONTROL_TOKEN: 'sesame',
        FAKE_MILVUS_LOG_LEVEL: 'error',
      },
      ['--no-ollama'],
    );
  }, 60_000);
  afterAll(() => served?.stop());

  test('port, health port, seed file, faults, and the inline config over FAKE_MILVUS_VERSION', async () => {
    const client = new MilvusClient({ address: `127.0.0.1:${port}` });
    try {
      expect((await client.hasCollection({ collection_name: 'docs' })).value).toBe(true);
      expect((await client.getVersion()).version).toBe('v2.6.9');
      const search = await client.search({ collection_name: 'docs', data: [0, 0, 0, 1], limit: 1 });
      expect(search.status.reason).toBe('injected');
    } finally {
      await client.closeConnection();
    }
    expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);
  });

  test('control token from a remote peer, journal size from the config file', async () => {
    const remote = `http://${externalAddress()}:${port}/_fake/journal`;
    expect((await fetch(remote)).status).toBe(401);
    const { entries } = (await (await fetch(remote, { headers: { authorization: 'Bearer sesame' } })).json()) as { entries: unknown[] };
    expect(entries.length).toBe(2);
  });
});

describe('the library reads the same layers, under its own options', () => {
  test('startFakeOllama: options > FAKE_OLLAMA_CONFIG_JSON > variables; never the port', async () => {
    const env = {
      FAKE_OLLAMA_VERSION: '1.0.0',
      FAKE_OLLAMA_SEED: '7',
      FAKE_OLLAMA_PORT: '1',
      FAKE_OLLAMA_EXTRA_MODELS: 'mistral:7b',
      FAKE_OLLAMA_CONFIG_JSON: JSON.stringify({ ollama: { version: '2.0.0', extraModels: [{ name: 'phi3:mini' }] } }),
    };
    await using fromEnv = await startFakeOllama({ env });
    const ollama = new Ollama({ host: fromEnv.url });
    expect((await ollama.version()).version).toBe('2.0.0');
    expect((await ollama.list()).models.map((m) => m.name)).toEqual(expect.arrayContaining(['mistral:7b', 'phi3:mini']));
    await using given = await startFakeOllama({ env, version: '3.0.0' });
    expect((await new Ollama({ host: given.url }).version()).version).toBe('3.0.0');
    await using none = await startFakeOllama({ env: false });
    expect((await new Ollama({ host: none.url }).version()).version).not.toBe('2.0.0');
  });

  test('startFakeMilvus: the seed file and version from the environment, unless the options say otherwise', async () => {
    const seedFile = path.join(dir, 'lib-seed.json');
    writeFileSync(seedFile, JSON.stringify({ collections: [{ name: 'from_env', dimension: 2 }] }));
    await using milvus = await startFakeMilvus({ env: { FAKE_MILVUS_SEED_FILE: seedFile, FAKE_MILVUS_VERSION: 'v2.6.2' } });
    const client = new MilvusClient({ address: milvus.address });
    try {
      expect((await client.hasCollection({ collection_name: 'from_env' })).value).toBe(true);
      expect((await client.getVersion()).version).toBe('v2.6.2');
    } finally {
      await client.closeConnection();
    }
    await using given = await startFakeMilvus({ env: { FAKE_MILVUS_VERSION: 'v2.6.2' }, version: 'v2.6.3' });
    const other = new MilvusClient({ address: given.address });
    try {
      expect((await other.getVersion()).version).toBe('v2.6.3');
    } finally {
      await other.closeConnection();
    }
  });
});
