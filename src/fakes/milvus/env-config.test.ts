import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { milvusOptionsFromEnv } from './env-config.js';

describe('milvusOptionsFromEnv', () => {
  it('uses the container defaults', () => {
    const options = milvusOptionsFromEnv({});
    expect(options).toMatchObject({ port: 19530, host: '0.0.0.0', healthPort: 9091, control: { allowRemote: true } });
    expect(options.seed).toBeUndefined();
  });

  it('reads the variables, then lets the config file win where both say something (faults add up)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-milvus-env-'));
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify({ collections: [{ name: 'docs', dimension: 4 }] }));
    const options = milvusOptionsFromEnv({
      FAKE_MILVUS_CONFIG_JSON: JSON.stringify({ milvus: { version: 'v2.5.0', journalSize: 5, seed: { collections: [] }, faults: [{ kind: 'delay', delayMs: 1 }] } }),
      FAKE_MILVUS_PORT: '0',
      FAKE_MILVUS_HOST: '127.0.0.1',
      FAKE_MILVUS_HEALTH_PORT: 'off',
      FAKE_MILVUS_SEED_FILE: seedFile,
      FAKE_MILVUS_FAULTS: JSON.stringify([{ kind: 'status', route: 'Search', status: 1 }]),
      FAKE_MILVUS_VERSION: 'v2.6.1',
      FAKE_MILVUS_CONTROL_TOKEN: 'secret',
      FAKE_MILVUS_CONTROL_ALLOW_REMOTE: 'false',
      FAKE_MILVUS_LOG_LEVEL: 'warn',
    });
    expect(options).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      version: 'v2.5.0',
      journalSize: 5,
      logLevel: 'warn',
      control: { token: 'secret', allowRemote: false },
      seed: { collections: [] },
    });
    const variablesOnly = milvusOptionsFromEnv({ FAKE_MILVUS_SEED_FILE: seedFile, FAKE_MILVUS_VERSION: 'v2.6.1' });
    expect(variablesOnly).toMatchObject({ version: 'v2.6.1', seed: { collections: [{ name: 'docs', dimension: 4 }] }, control: { allowRemote: true } });
    expect(options.healthPort).toBeUndefined();
    expect(options.faults).toHaveLength(2);
  });

  it('refuses malformed values with INVALID_CONFIG', () => {
    expect(() => milvusOptionsFromEnv({ FAKE_MILVUS_PORT: 'x' })).toThrow(/FAKE_MILVUS_PORT must be a port number/);
    expect(() => milvusOptionsFromEnv({ FAKE_MILVUS_FAULTS: '{}' })).toThrow(/JSON array/);
    expect(() => milvusOptionsFromEnv({ FAKE_MILVUS_LOG_LEVEL: 'loud' })).toThrow(/FAKE_MILVUS_LOG_LEVEL/);
    expect(() => milvusOptionsFromEnv({ FAKE_MILVUS_SEED_FILE: '/nonexistent/seed.json' })).toThrow(/cannot read seed file/);
    expect(() => milvusOptionsFromEnv({ FAKE_MILVUS_CONFIG_JSON: '{"milvs": {}}' })).toThrow(/unknown top-level keys/);
  });
});
