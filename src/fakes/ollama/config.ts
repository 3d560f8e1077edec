import { FakecontainersError } from '../../common/errors.js';
import type * as v from 'valibot';
import { assertShape, type SameKeys } from '../../common/shape.js';
import { ollamaConfigSchema } from './config-schema.js';
import type { ControlAccess } from '../control/control-routes.js';
import { type FaultSpec, parseFaultSpec } from '../control/faults.js';
import { DEFAULT_TIMING, type Timing } from './api/context.js';
import { CAPABILITIES, DEFAULT_MODELS, type ModelSpec } from './catalog/default-models.js';
import { parseModelName } from './catalog/model-name.js';
import { type RuleSpec, validateRule } from './generation/rules.js';

/**
 * Configuration of a fake Ollama: the same shape in `startFakeOllama(options)`, the `ollama` section of
 * a `--config` file and (piecewise) the `FAKE_OLLAMA_*` environment of the container image.
 */
export interface FakeOllamaConfig {
  /** The whole catalog; replaces the default models. */
  models?: ModelSpec[];
  /** Models added to the default catalog (or to `models`). */
  extraModels?: ModelSpec[];
  /** Reported by `/api/version`. @default '0.32.15' */
  version?: string;
  /** Mixed into every generated answer and embedding choice. @default 0 */
  seed?: number;
  /** Scripted responses, checked before the built-in generation policy. */
  rules?: RuleSpec[];
  /** Faults active from the start. */
  faults?: FaultSpec[];
  /** Simulated speeds behind reported durations, and a real pause between stream chunks. */
  timing?: Partial<Timing>;
  limits?: {
    /** Largest request body accepted, in bytes (413 beyond). @default 33554432 (32 MiB) */
    maxBodyBytes?: number;
  };
  /** `legacy`: not-found errors end with ", try pulling it first", as servers before 0.5 said. @default 'current' */
  errorProfile?: 'current' | 'legacy';
  /** Requests kept in the journal. @default 1000 */
  journalSize?: number;
  /** Who may use `/_fake/*`: loopback only by default; a token or allowRemote to widen it. */
  control?: ControlAccess;
}

const _sameKeys: SameKeys<FakeOllamaConfig, v.InferOutput<typeof ollamaConfigSchema>> = true;
void _sameKeys;

export const DEFAULT_VERSION = '0.32.15';
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface ResolvedOllamaConfig {
  models: ModelSpec[];
  version: string;
  seed: number;
  rules: RuleSpec[];
  faults: FaultSpec[];
  timing: Timing;
  maxBodyBytes: number;
  errorProfile: 'current' | 'legacy';
  journalSize: number;
  control: ControlAccess;
}

/**
 * Validates a configuration (from code or from JSON) and fills in the defaults. Every problem of its
 * shape (unknown keys included, with their paths) is reported at once; `otherKeys` are options of the
 * caller (a server's `port`, say) that are not the fake's configuration.
 */
export function resolveOllamaConfig(input: FakeOllamaConfig = {}, otherKeys: readonly string[] = []): ResolvedOllamaConfig {
  const fail = (message: string): never => {
    throw new FakecontainersError('INVALID_CONFIG', `fake Ollama config: ${message}`);
  };
  if (typeof input !== 'object' || input === null) fail('must be an object');
  const own = Object.fromEntries(Object.entries(input).filter(([key]) => !otherKeys.includes(key)));
  assertShape(ollamaConfigSchema, own, 'fake Ollama config');
  const models = [...(input.models ?? DEFAULT_MODELS), ...(input.extraModels ?? [])].map((m, i) => checkModel(m, i, fail));
  const timing = { ...DEFAULT_TIMING, ...(input.timing ?? {}) };
  for (const [key, value] of Object.entries(timing)) {
    if (typeof value !== 'number' || !(value >= 0) || (key.endsWith('PerSecond') && value === 0)) {
      fail(`timing.${key} must be a ${key.endsWith('PerSecond') ? 'positive' : 'non-negative'} number`);
    }
  }
  const maxBodyBytes = input.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) fail('limits.maxBodyBytes must be an integer of at least 1024');
  const seed = input.seed ?? 0;
  if (!Number.isFinite(seed)) fail('seed must be a number');
  const errorProfile = input.errorProfile ?? 'current';
  if (errorProfile !== 'current' && errorProfile !== 'legacy') fail('errorProfile must be "current" or "legacy"');
  const journalSize = input.journalSize ?? 1000;
  if (!Number.isInteger(journalSize) || journalSize < 1) fail('journalSize must be a positive integer');
  const rules = (input.rules ?? []).map((rule, i) => {
    try {
      return validateRule(rule);
    } catch (error) {
      return fail(`rules[${i}]: ${(error as Error).message}`);
    }
  });
  const faults = (input.faults ?? []).map((fault, i) => {
    try {
      return parseFaultSpec(fault);
    } catch (error) {
      return fail(`faults[${i}]: ${(error as Error).message}`);
    }
  });
  const version = input.version ?? DEFAULT_VERSION;
  if (typeof version !== 'string' || version === '') fail('version must be a non-empty string');
  return { models, version, seed, rules, faults, timing, maxBodyBytes, errorProfile, journalSize, control: input.control ?? {} };
}

function checkModel(model: ModelSpec, index: number, fail: (message: string) => never): ModelSpec {
  if (typeof model !== 'object' || model === null || typeof model.name !== 'string' || !parseModelName(model.name)) {
    fail(`models[${index}] needs a valid "name" (got ${JSON.stringify((model as { name?: unknown })?.name)})`);
  }
  for (const capability of model.capabilities ?? []) {
    if (!(CAPABILITIES as readonly string[]).includes(capability)) {
      fail(`models[${index}] (${model.name}): unknown capability ${JSON.stringify(capability)}; use ${CAPABILITIES.join(', ')}`);
    }
  }
  for (const key of ['contextLength', 'embeddingLength', 'sizeBytes'] as const) {
    const value = model[key];
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) fail(`models[${index}].${key} must be a positive integer`);
  }
  return model;
}
