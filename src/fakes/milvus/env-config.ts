import { readFileSync } from 'node:fs';
import { loadConfigFile, parseConfigText } from '../../common/config-file.js';
import { FakecontainersError, describeError } from '../../common/errors.js';
import { isLogLevel, type LogLevel } from '../../common/log.js';
import { type Environment, mergeLayers } from '../../common/option-layers.js';
import type { FakeMilvusOptions } from './options.js';
import type { SeedDescription } from './engine/seed.js';
import { validateSeed } from './engine/seed-schema.js';

/** Lists that each layer adds to rather than replaces. */
export const MILVUS_ADDITIVE = ['faults'] as const;

/**
 * The settings every way of starting the fake Milvus reads (startFakeMilvus, `serve`, the image,
 * FakeMilvusContainer), layered as option-layers.ts describes: options > config file > variables.
 * Port, host and health port apply to `serve` and the image only.
 *
 * | variable | meaning |
 * | --- | --- |
 * | FAKE_MILVUS_PORT / FAKE_MILVUS_HOST | listen address (image: 19530 on 0.0.0.0) |
 * | FAKE_MILVUS_HEALTH_PORT | separate `/healthz` port (image: 9091; `off` disables it) |
 * | FAKE_MILVUS_CONFIG | path of a JSON config file (its `milvus` section) |
 * | FAKE_MILVUS_CONFIG_JSON | the same JSON inline (what container classes pass) |
 * | FAKE_MILVUS_SEED_FILE | seed JSON (shape in engine/seed.ts) |
 * | FAKE_MILVUS_FAULTS | JSON array of faults |
 * | FAKE_MILVUS_VERSION | server version reported by Connect / GetVersion |
 * | FAKE_MILVUS_AUTH | `true` / `1`: require credentials (`user:password`), as authorizationEnabled does |
 * | FAKE_MILVUS_CONTROL_TOKEN / FAKE_MILVUS_CONTROL_ALLOW_REMOTE | control-plane access |
 * | FAKE_MILVUS_LOG_LEVEL | silent, error, warn, info, debug |
 */
export function milvusOptionsFromEnv(env: Environment): FakeMilvusOptions & { port: number; host: string } {
  const options = mergeLayers<FakeMilvusOptions>(MILVUS_ADDITIVE, milvusVariables(env), milvusConfigFromEnv(env));
  // Inside a container the published port is the boundary: peers come through the bridge.
  const allowRemote = env.FAKE_MILVUS_CONTROL_ALLOW_REMOTE === undefined && options.control?.allowRemote === undefined;
  return {
    ...options,
    control: { ...(allowRemote ? { allowRemote: true } : {}), ...(options.control ?? {}) },
    healthPort: env.FAKE_MILVUS_HEALTH_PORT === 'off' ? undefined : (options.healthPort ?? 9091),
    port: options.port ?? 19530,
    host: options.host || '0.0.0.0',
  };
}

/** The config-file layer named by the environment: FAKE_MILVUS_CONFIG, then FAKE_MILVUS_CONFIG_JSON over it. */
export function milvusConfigFromEnv(env: Environment): FakeMilvusOptions {
  const file = env.FAKE_MILVUS_CONFIG ? (loadConfigFile(env.FAKE_MILVUS_CONFIG).milvus ?? {}) : {};
  const inline = env.FAKE_MILVUS_CONFIG_JSON ? (parseConfigText(env.FAKE_MILVUS_CONFIG_JSON, 'FAKE_MILVUS_CONFIG_JSON').milvus ?? {}) : {};
  return mergeLayers<FakeMilvusOptions>(MILVUS_ADDITIVE, file as FakeMilvusOptions, inline as FakeMilvusOptions);
}

/** A library fake's options: the environment's layers under the caller's; `env: false` reads none. */
export function milvusOptionsWithEnv(options: FakeMilvusOptions): FakeMilvusOptions {
  const { env = process.env, ...given } = options;
  if (env === false) return given;
  const { port: _p, host: _h, healthPort: _hp, ...variables } = milvusVariables(env);
  return mergeLayers<FakeMilvusOptions>(MILVUS_ADDITIVE, variables, milvusConfigFromEnv(env), given);
}

/** The single `FAKE_MILVUS_*` variables (the lowest layer). */
export function milvusVariables(env: Environment): FakeMilvusOptions {
  const fail = (message: string): never => {
    throw new FakecontainersError('INVALID_CONFIG', message);
  };
  const options: FakeMilvusOptions = {};
  const port = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '' || raw === 'off') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) fail(`${name} must be a port number; got ${JSON.stringify(raw)}`);
    return value;
  };
  const listen = port('FAKE_MILVUS_PORT');
  if (listen !== undefined) options.port = listen;
  if (env.FAKE_MILVUS_HOST) options.host = env.FAKE_MILVUS_HOST;
  const health = port('FAKE_MILVUS_HEALTH_PORT');
  if (health !== undefined) options.healthPort = health;
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
    options.faults = faults as NonNullable<FakeMilvusOptions['faults']>;
  }
  if (env.FAKE_MILVUS_VERSION) options.version = env.FAKE_MILVUS_VERSION;
  const auth = env.FAKE_MILVUS_AUTH;
  if (auth) {
    const on = ['true', '1'].includes(auth.toLowerCase());
    if (!on && !['false', '0'].includes(auth.toLowerCase())) fail(`FAKE_MILVUS_AUTH must be true or false; got ${JSON.stringify(auth)}`);
    options.auth = on;
  }
  const token = env.FAKE_MILVUS_CONTROL_TOKEN;
  const allowRemote = env.FAKE_MILVUS_CONTROL_ALLOW_REMOTE;
  if (token || allowRemote) {
    options.control = { ...(token ? { token } : {}), ...(allowRemote ? { allowRemote: allowRemote.toLowerCase() === 'true' || allowRemote === '1' } : {}) };
  }
  const level = env.FAKE_MILVUS_LOG_LEVEL;
  if (level) options.logLevel = isLogLevel(level) ? (level as LogLevel) : fail('FAKE_MILVUS_LOG_LEVEL must be one of silent, error, warn, info, debug');
  return options;
}
