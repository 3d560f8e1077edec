/**
 * `function_score` (FunctionScore: Rerank functions + params) into a plan, with the proxy's checks and
 * wording (milvus `internal/util/function/rerank/function_score.go`, `rerank_base.go`,
 * `decay_function.go`, `rrf_function.go`, `weighted_function.go`, `model_function.go`). `decay`,
 * `rrf`, `weighted` and `model` are proxy rerankers (at most one); `boost` functions are segment-level
 * scorers (any number, docs boost-ranker.md). Creation errors are plain errors on the server: code 65535.
 */
import type { Collection } from './collection.js';
import type { CompiledFilter } from '../expr/index.js';
import type { FieldDef } from '../schema/index.js';
import { inputFields, type FunctionInput } from './rerank-inputs.js';
import { compileFor } from './reads.js';
import { errors } from '../errors/status.js';
import { decayPlan, type DecayPlan } from './decay.js';
import { modelPlan, type ModelPlan } from './model-rerank.js';

export type { FunctionInput } from './rerank-inputs.js';

export interface FunctionScoreInput {
  readonly functions: readonly FunctionInput[];
  readonly params: Readonly<Record<string, string>>;
}

export type RerankPlan =
  | DecayPlan
  | { readonly kind: 'rrf'; readonly k: number }
  | { readonly kind: 'weighted'; readonly weights: readonly number[]; readonly normScore: boolean }
  | ModelPlan;

export interface BoostPlan {
  readonly filter?: CompiledFilter;
  readonly weight: number;
  readonly random?: { readonly seed: number; readonly field?: FieldDef };
}

export interface FunctionScorePlan {
  readonly reranker?: RerankPlan;
  readonly boosts: readonly BoostPlan[];
  /** How a boost's weight meets the score (`boost_mode`, default multiply). */
  readonly boostMode: 'multiply' | 'sum';
  /** How several boosts combine (`function_mode`, default multiply). */
  readonly functionMode: 'multiply' | 'sum';
}

const fail = (message: string) => errors.unexpected(message);

function paramOf(params: Readonly<Record<string, string>>, key: string): string | undefined {
  const hit = Object.keys(params).find((k) => k.toLowerCase() === key);
  return hit === undefined ? undefined : params[hit];
}

function rrfPlan(collection: Collection, fn: FunctionInput): RerankPlan {
  const fields = inputFields(collection, fn);
  if (fields.length > 0) throw fail(`The rrf function does not support input parameters, but got [${fn.inputFieldNames.join(' ')}]`);
  const raw = paramOf(fn.params, 'k');
  const k = raw === undefined ? 60 : Number(raw);
  if (raw !== undefined && (raw.trim() === '' || Number.isNaN(k))) throw fail(`Param k:${raw} is not a number`);
  if (k <= 0 || k >= 16384) throw fail('The rank params k should be in range (0, 16384)');
  return { kind: 'rrf', k };
}

function weightedPlan(collection: Collection, fn: FunctionInput): RerankPlan {
  const fields = inputFields(collection, fn);
  if (fields.length > 0) throw fail(`The weighted function does not support input parameters, but got [${fn.inputFieldNames.join(' ')}]`);
  let weights: number[] = [];
  const raw = paramOf(fn.params, 'weights');
  if (raw !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((w) => typeof w === 'number')) {
      throw fail(`Parse weights param failed, weight should be []float, bug got: ${raw}`);
    }
    weights = parsed as number[];
    if (weights.some((w) => w < 0 || w > 1)) throw fail('rank param weight should be in range [0, 1]');
  }
  const norm = paramOf(fn.params, 'norm_score');
  if (norm !== undefined && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(norm)) {
    throw fail(`norm_score params must be true/false, bug got ${norm}`);
  }
  if (weights.length === 0) throw fail('weights not found');
  return { kind: 'weighted', weights, normScore: norm !== undefined && ['true', '1', 't', 'TRUE', 'True'].includes(norm) };
}

function boostPlan(collection: Collection, fn: FunctionInput, timezone: string): BoostPlan {
  inputFields(collection, fn);
  const rawWeight = paramOf(fn.params, 'weight');
  const weight = rawWeight === undefined ? Number.NaN : Number(rawWeight);
  // The docs make `weight` required; the wording is the fake's (the segment scorer's text is not public).
  if (rawWeight === undefined || rawWeight.trim() === '' || Number.isNaN(weight)) {
    throw errors.invalidParameter(`boost function needs a number weight, got ${rawWeight === undefined ? 'none' : rawWeight}`);
  }
  const filterText = paramOf(fn.params, 'filter');
  const filter = filterText ? compileFor(collection, filterText, undefined, 'query', timezone) : undefined;
  const randomText = paramOf(fn.params, 'random_score');
  let random: BoostPlan['random'];
  if (randomText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(randomText);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw errors.invalidParameter(`boost random_score should be a json object, got ${randomText}`);
    }
    const { seed, field } = parsed as { seed?: unknown; field?: unknown };
    const fieldDef = typeof field === 'string' ? collection.schema.fields.find((f) => f.name === field) : undefined;
    if (typeof field === 'string' && !fieldDef) throw errors.invalidParameter(`function input field not found: ${field}`);
    random = { seed: Number(seed ?? 0), ...(fieldDef ? { field: fieldDef } : {}) };
  }
  return { weight, ...(filter ? { filter } : {}), ...(random ? { random } : {}) };
}

function mode(params: Readonly<Record<string, string>>, key: string): 'multiply' | 'sum' {
  const value = (paramOf(params, key) ?? 'multiply').toLowerCase();
  if (value === 'sum') return 'sum';
  if (value === 'multiply' || value === 'multiple' || value === 'multiplify') return 'multiply';
  throw errors.invalidParameter(`${key} should be one of [multiply, sum], got ${value}`);
}

/** Validates a FunctionScore against the collection; `timezone` is the request's, for boost filters. */
export function functionScorePlan(collection: Collection, input: FunctionScoreInput, timezone: string): FunctionScorePlan {
  let reranker: RerankPlan | undefined;
  const boosts: BoostPlan[] = [];
  for (const fn of input.functions) {
    if (fn.type !== 'Rerank') throw fail(`${fn.type} is not rerank function.`);
    if (fn.outputFieldNames.length !== 0) throw fail(`Rerank function should not have output field, but now is ${fn.outputFieldNames.length}`);
    const name = (paramOf(fn.params, 'reranker') ?? '').toLowerCase();
    let plan: RerankPlan;
    switch (name) {
      case 'decay':
        plan = decayPlan(collection, fn);
        break;
      case 'model':
        plan = modelPlan(collection, fn);
        break;
      case 'rrf':
        plan = rrfPlan(collection, fn);
        break;
      case 'weighted':
        plan = weightedPlan(collection, fn);
        break;
      case 'boost':
        boosts.push(boostPlan(collection, fn, timezone));
        continue;
      default:
        throw fail(`Unsupported rerank function: [${name}] , list of supported [decay,model,rrf,weighted]`);
    }
    if (reranker) throw fail('Currently only supports one rerank');
    reranker = plan;
  }
  return {
    ...(reranker ? { reranker } : {}),
    boosts,
    boostMode: mode(input.params, 'boost_mode'),
    functionMode: mode(input.params, 'function_mode'),
  };
}
