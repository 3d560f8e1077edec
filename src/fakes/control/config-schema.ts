/** The shapes of the control-plane settings every fake shares: faults and control access. */
import * as v from 'valibot';
import type { SameKeys } from '../../common/shape.js';
import type { ControlAccess } from './control-routes.js';
import { FAULT_KINDS, type FaultSpec } from './faults.js';

const int = (min?: number) => (min === undefined ? v.pipe(v.number(), v.integer()) : v.pipe(v.number(), v.integer(), v.minValue(min)));
const nonNegative = v.pipe(v.number(), v.minValue(0));

export const faultSpecSchema = v.strictObject({
  kind: v.picklist(FAULT_KINDS),
  route: v.optional(v.string()),
  model: v.optional(v.string()),
  times: v.optional(int(1)),
  delayMs: v.optional(nonNegative),
  status: v.optional(int()),
  message: v.optional(v.string()),
  afterChunks: v.optional(int(0)),
  tokenDelayMs: v.optional(nonNegative),
});

export const controlAccessSchema = v.strictObject({
  token: v.optional(v.string()),
  allowRemote: v.optional(v.boolean()),
});

const _keys: [SameKeys<FaultSpec, v.InferOutput<typeof faultSpecSchema>>, SameKeys<ControlAccess, v.InferOutput<typeof controlAccessSchema>>] = [true, true];
void _keys;
