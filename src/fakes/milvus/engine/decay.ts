/**
 * Decay rerankers (milvus `internal/util/function/rerank/decay_function.go`; docs decay-ranker-overview,
 * gaussian-decay, exponential-decay, linear-decay). With d = max(0, |x - origin| - offset):
 *   gauss  = exp(d² · ln(decay) / scale²)     (= exp(-d² / 2σ²) with σ² = -scale² / (2 ln decay))
 *   exp    = exp(ln(decay) / scale · d)
 *   linear = max(decay, 1 - (1 - decay) / scale · d)
 * so every function equals `decay` at d = scale and 1 within `offset` of `origin`.
 * Timestamptz inputs decay on their int64 microseconds (the rerank input reader hands Timestamptz
 * columns over as int64, rerank/util.go getField); for them `origin` may also be ISO 8601 text (the
 * fake's convenience, read in the collection's zone).
 */
import type { Collection } from './collection.js';
import type { FieldDef } from '../schema/index.js';
import { errors } from '../errors/status.js';
import { inputFields, type FunctionInput } from './rerank-inputs.js';
import { parseTimestamptz } from '../schema/timestamptz.js';
import { resolveTimezone } from './time-properties.js';

export interface DecayPlan {
  readonly kind: 'decay';
  readonly field: FieldDef;
  readonly fn: 'gauss' | 'exp' | 'linear';
  readonly origin: number;
  readonly scale: number;
  readonly offset: number;
  readonly decay: number;
}

const NUMERIC = new Set(['Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double', 'Timestamptz']);
const fail = (message: string) => errors.unexpected(message);

/** Go's `%f`: six decimals. */
const goFloat = (n: number): string => n.toFixed(6);

function number(key: string, raw: string, field: FieldDef, collection: Collection): number {
  const n = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isNaN(n)) return n;
  if (key === 'origin' && field.type === 'Timestamptz') {
    try {
      return Number(parseTimestamptz(raw, resolveTimezone(collection, undefined)));
    } catch {
      // fall through to the server's wording
    }
  }
  throw fail(`Param ${key}:${raw} is not a number`);
}

export function decayPlan(collection: Collection, fn: FunctionInput): DecayPlan {
  const fields = inputFields(collection, fn);
  if (fields.length !== 1) throw fail(`Decay function only supoorts single input, but gets [${fn.inputFieldNames.join(' ')}] input`);
  const field = fields[0] as FieldDef;
  if (!NUMERIC.has(field.type)) throw fail(`Decay rerank: unsupported input field type:${field.type}, only support numberic field`);
  let name = '';
  let origin: number | undefined;
  let scale: number | undefined;
  let offset = 0;
  let decay = 0.5;
  for (const [key, raw] of Object.entries(fn.params)) {
    switch (key.toLowerCase()) {
      case 'function':
        name = raw;
        break;
      case 'origin':
        origin = number('origin', raw, field, collection);
        break;
      case 'scale':
        scale = number('scale', raw, field, collection);
        break;
      case 'offset':
        offset = number('offset', raw, field, collection);
        break;
      case 'decay':
        decay = number('decay', raw, field, collection);
        break;
      default:
    }
  }
  if (origin === undefined) throw fail('Decay function lost param: origin');
  if (scale === undefined) throw fail('Decay function lost param: scale');
  if (scale <= 0) throw fail(`Decay function param: scale must > 0, but got ${goFloat(scale)}`);
  if (offset < 0) throw fail(`Decay function param: offset must >= 0, but got ${goFloat(offset)}`);
  // The server prints the offset here, not the decay (a quirk of decay_function.go, kept).
  if (decay <= 0 || decay >= 1) throw fail(`Decay function param: decay must 0 < decay < 1, but got ${goFloat(offset)}`);
  if (name !== 'gauss' && name !== 'exp' && name !== 'linear') {
    throw fail('Invaild decay function: decay, only support [gauss,linear,exp]');
  }
  return { kind: 'decay', field, fn: name, origin, scale, offset, decay };
}

/** The decay factor of one value. */
export function decayFactor(plan: DecayPlan, value: number): number {
  const d = Math.max(0, Math.abs(value - plan.origin) - plan.offset);
  switch (plan.fn) {
    case 'gauss':
      return Math.exp((d * d) / ((plan.scale * plan.scale) / Math.log(plan.decay)));
    case 'exp':
      return Math.exp((Math.log(plan.decay) / plan.scale) * d);
    case 'linear':
      return Math.max(plan.decay, 1 - ((1 - plan.decay) / plan.scale) * d);
  }
}
