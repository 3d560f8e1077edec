import { readFileSync } from 'node:fs';
import { loadConfigFile, parseConfigText } from '../../common/config-file.js';
import { FakecontainersError, describeError } from '../../common/errors.js';
import { isLogLevel, type LogLevel } from '../../common/log.js';
import type { FakeMilvusOptions } from './index.js';
import type { SeedDescription } from './engine/seed.js';
import { validateSeed } from './engine/seed-schema.js';

/**
 * Options for the container image and `fakecontainers serve` from `FAKE_MILVUS_*` variables
 * (later ones win over the config sections):
 *
 * | variable | meaning |
 * | --- | --- |
 * | FAKE_MILVUS_PORT / FAKE_MILVUS_HOST | listen address (19530 on 0.0.0.0) |
 * | FAKE_MILVUS_HEALTH_PORT | separate `/healthz` port (9091; `off` disables it) |
 * | FAKE_MILVUS_CONFIG | path of a JSON config file (its `milvus` section) |
 * | FAKE_MILVUS_CONFIG_JSON | the same JSON inline (what container classes pass) |
 * | FAKE_MILVUS_SEED_FILE | seed JSON (shape in engine/seed.ts), replaces the config's `seed` |
 * | FAKE_MILVUS_FAULTS | JSON array of faults, added to the config's |
 * | FAKE_MILVUS_VERSION | server version reported by Connect / GetVersion |
 * | FAKE_MILVUS_CONTROL_TOKEN / FAKE_MILVUS_CONTROL_ALLOW_REMOTE | control-plane access (remote allowed by default here: peers come through a container bridge) |
 * | FAKE_MILVUS_LOG_LEVEL | silent, error, warn, info, debug |
 */
export function milvusOptionsFromEnv(env: NodeJS.ProcessEnv): FakeMilvusOptions & { port: number; host: string } {
  const fail = (message: string): never => {
    throw new FakecontainersError('INVALID_CONFIG', message);
  };
  const file = env.FAKE_MILVUS_CONFIG ? (loadConfigFile(env.FAKE_MILVUS_CONFIG).milvus ?? {}) : {};
  const inline = env.FAKE_MILVUS_CONFIG_JSON ? (parseConfigText(env.FAKE_MILVUS_CONFIG_JSON, 'FAKE_MILVUS_CONFIG_JSON').milvus ?? {}) : {};
  const options: FakeMilvusOptions = { ...(file as FakeMilvusOptions), ...(inline as FakeMilvusOptions) };
  const port = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) fail(`${name} must be a port number; got ${JSON.stringify(raw)}`);
    return value;
  };
  const healthRaw = env.FAKE_MILVUS_HEALTH_PORT;
  if (healthRaw === 'off') delete options.healthPort;
  else options.healthPort = port('FAKE_MILVUS_HEALTH_PORT') ?? options.healthPort ?? 9091;
  const seedFile = env.FAKE_MILVUS_SEED_FILE;
  if (seedFile) {
    let seed: unknown;
    try {
      seed = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedDescription;
    } catch (error) {
      fail(`cannot read seed file ${seedFile}: ${describeError(error)}`);
    }
    options.seed = validateSeed(seed, `seed file ${seedFile}`);
  }
  const faultsRaw = env.FAKE_MILVUS_FAULTS;
  if (faultsRaw) {
    let faults: unknown;
    try {
      faults = JSON.parse(faultsRaw);
    } catch (error) {
      fail(`FAKE_MILVUS_FAULTS must be a JSON array: ${(error as Error).message}`);
    }
    if (!Array.isArray(faults)) fail('FAKE_MILVUS_FAULTS must be a JSON array');
    options.faults = [...(options.faults ?? []), ...(faults as NonNullable<FakeMilvusOptions['faults']>)];
  }
  if (env.FAKE_MILVUS_VERSION) options.version = env.FAKE_MILVUS_VERSION;
  const token = env.FAKE_MILVUS_CONTROL_TOKEN;
  const allowRemote = env.FAKE_MILVUS_CONTROL_ALLOW_REMOTE;
  options.control = {
    allowRemote: true,
    ...(options.control ?? {}),
    ...(token ? { token } : {}),
    ...(allowRemote ? { allowRemote: allowRemote.toLowerCase() === 'true' || allowRemote === '1' } : {}),
  };
  const level = env.FAKE_MILVUS_LOG_LEVEL;
  if (level) options.logLevel = isLogLevel(level) ? (level as LogLevel) : fail('FAKE_MILVUS_LOG_LEVEL must be one of silent, error, warn, info, debug');
  return {
    ...options,
    port: port('FAKE_MILVUS_PORT') ?? options.port ?? 19530,
    host: env.FAKE_MILVUS_HOST || options.host || '0.0.0.0',
  };
}
