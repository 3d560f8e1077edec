import { FakecontainersError } from '../../common/errors.js';
import { loadConfigFile, parseConfigText } from '../../common/config-file.js';
import { isLogLevel, type LogLevel } from '../../common/log.js';
import { type Environment, mergeLayers } from '../../common/option-layers.js';
import type { FakeOllamaOptions } from './options.js';

/** Lists that each layer adds to rather than replaces. */
export const OLLAMA_ADDITIVE = ['rules', 'faults', 'extraModels'] as const;

/**
 * The settings every way of starting the fake Ollama reads (startFakeOllama, `serve`, the image,
 * FakeOllamaContainer), layered as option-layers.ts describes: options > config file > variables.
 * `FAKE_OLLAMA_PORT` / `FAKE_OLLAMA_HOST` apply to `serve` and the image only: a library fake listens
 * where its caller says (a free loopback port by default).
 *
 * | variable | meaning |
 * | --- | --- |
 * | FAKE_OLLAMA_PORT / FAKE_OLLAMA_HOST | listen address (image: 11434 on 0.0.0.0) |
 * | FAKE_OLLAMA_CONFIG | path of a JSON config file (its `ollama` section) |
 * | FAKE_OLLAMA_CONFIG_JSON | the same JSON inline (what the container classes pass) |
 * | FAKE_OLLAMA_MODELS | comma-separated catalog replacing the defaults (`llama3.2,nomic-embed-text`) |
 * | FAKE_OLLAMA_EXTRA_MODELS | comma-separated models added to the catalog |
 * | FAKE_OLLAMA_RULES / FAKE_OLLAMA_FAULTS | JSON arrays of rules / faults |
 * | FAKE_OLLAMA_SEED, FAKE_OLLAMA_VERSION, FAKE_OLLAMA_ERROR_PROFILE | as in the config |
 * | FAKE_OLLAMA_TOKEN_DELAY_MS | real pause between stream chunks |
 * | FAKE_OLLAMA_MAX_BODY_BYTES | request body limit |
 * | FAKE_OLLAMA_CONTROL_TOKEN / FAKE_OLLAMA_CONTROL_ALLOW_REMOTE | control-plane access |
 * | FAKE_OLLAMA_RECORD + FAKE_OLLAMA_UPSTREAM, FAKE_OLLAMA_REPLAY | cassettes |
 * | FAKE_OLLAMA_LOG_LEVEL | silent, error, warn, info, debug |
 */
export function ollamaOptionsFromEnv(env: Environment): FakeOllamaOptions {
  return mergeLayers<FakeOllamaOptions>(OLLAMA_ADDITIVE, ollamaVariables(env), ollamaConfigFromEnv(env));
}

/** The config-file layer named by the environment: FAKE_OLLAMA_CONFIG, then FAKE_OLLAMA_CONFIG_JSON over it. */
export function ollamaConfigFromEnv(env: Environment): FakeOllamaOptions {
  const file = env.FAKE_OLLAMA_CONFIG ? (loadConfigFile(env.FAKE_OLLAMA_CONFIG).ollama ?? {}) : {};
  const inline = env.FAKE_OLLAMA_CONFIG_JSON ? (parseConfigText(env.FAKE_OLLAMA_CONFIG_JSON, 'FAKE_OLLAMA_CONFIG_JSON').ollama ?? {}) : {};
  return mergeLayers<FakeOllamaOptions>(OLLAMA_ADDITIVE, file as FakeOllamaOptions, inline as FakeOllamaOptions);
}

/**
 * A library fake's options: the environment's layers under the caller's. `env: false` reads none.
 * Port and host come from the caller only.
 */
export function ollamaOptionsWithEnv(options: FakeOllamaOptions & { env?: Environment | false }): FakeOllamaOptions {
  const { env = process.env, ...given } = options;
  if (env === false) return given;
  const { port: _p, host: _h, ...variables } = ollamaVariables(env);
  return mergeLayers<FakeOllamaOptions>(OLLAMA_ADDITIVE, variables, ollamaConfigFromEnv(env), given);
}

/** The single `FAKE_OLLAMA_*` variables (the lowest layer). */
export function ollamaVariables(env: Environment): FakeOllamaOptions {
  const fail = (message: string): never => {
    throw new FakecontainersError('INVALID_CONFIG', message);
  };
  const options: FakeOllamaOptions = {};
  const int = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value)) fail(`${name} must be an integer; got ${JSON.stringify(raw)}`);
    return value;
  };
  const json = (name: string): unknown[] | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    try {
      const value = JSON.parse(raw) as unknown;
      if (!Array.isArray(value)) throw new Error('not an array');
      return value;
    } catch (error) {
      return fail(`${name} must be a JSON array: ${(error as Error).message}`);
    }
  };
  const names = (name: string) => env[name]?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  options.port = int('FAKE_OLLAMA_PORT') ?? options.port;
  options.host = env.FAKE_OLLAMA_HOST || options.host;
  const models = names('FAKE_OLLAMA_MODELS');
  if (models) options.models = models.map((name) => ({ name }));
  const extra = names('FAKE_OLLAMA_EXTRA_MODELS');
  if (extra) options.extraModels = extra.map((name) => ({ name }));
  const rules = json('FAKE_OLLAMA_RULES');
  if (rules) options.rules = rules as FakeOllamaOptions['rules'];
  const faults = json('FAKE_OLLAMA_FAULTS');
  if (faults) options.faults = faults as FakeOllamaOptions['faults'];
  options.seed = int('FAKE_OLLAMA_SEED') ?? options.seed;
  if (env.FAKE_OLLAMA_VERSION) options.version = env.FAKE_OLLAMA_VERSION;
  const profile = env.FAKE_OLLAMA_ERROR_PROFILE;
  if (profile) options.errorProfile = profile === 'legacy' ? 'legacy' : profile === 'current' ? 'current' : fail('FAKE_OLLAMA_ERROR_PROFILE must be current or legacy');
  const tokenDelayMs = int('FAKE_OLLAMA_TOKEN_DELAY_MS');
  if (tokenDelayMs !== undefined) options.timing = { ...(options.timing ?? {}), tokenDelayMs };
  const maxBodyBytes = int('FAKE_OLLAMA_MAX_BODY_BYTES');
  if (maxBodyBytes !== undefined) options.limits = { ...(options.limits ?? {}), maxBodyBytes };
  const token = env.FAKE_OLLAMA_CONTROL_TOKEN;
  const allowRemote = env.FAKE_OLLAMA_CONTROL_ALLOW_REMOTE;
  if (token || allowRemote) {
    options.control = { ...(options.control ?? {}), ...(token ? { token } : {}), ...(allowRemote ? { allowRemote: allowRemote === 'true' || allowRemote === '1' } : {}) };
  }
  if (env.FAKE_OLLAMA_RECORD) {
    if (!env.FAKE_OLLAMA_UPSTREAM) fail('FAKE_OLLAMA_RECORD needs FAKE_OLLAMA_UPSTREAM (the real Ollama to record from)');
    options.record = { cassette: env.FAKE_OLLAMA_RECORD, upstream: env.FAKE_OLLAMA_UPSTREAM as string };
  }
  if (env.FAKE_OLLAMA_REPLAY) options.replay = { cassette: env.FAKE_OLLAMA_REPLAY };
  const level = env.FAKE_OLLAMA_LOG_LEVEL;
  if (level) options.logLevel = isLogLevel(level) ? (level as LogLevel) : fail(`FAKE_OLLAMA_LOG_LEVEL must be one of silent, error, warn, info, debug`);
  return options;
}
