/** The shapes of the control-plane settings every fake shares: faults and control access. */
import { z } from 'zod';
import type { SameKeys } from '../../common/shape.js';
import type { ControlAccess } from './control-routes.js';
import { FAULT_KINDS, type FaultSpec } from './faults.js';

export const faultSpecSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  route: z.string().optional(),
  model: z.string().optional(),
  times: z.number().int().positive().optional(),
  delayMs: z.number().nonnegative().optional(),
  status: z.number().int().optional(),
  message: z.string().optional(),
  afterChunks: z.number().int().nonnegative().optional(),
  tokenDelayMs: z.number().nonnegative().optional(),
});

export const controlAccessSchema = z.strictObject({
  token: z.string().optional(),
  allowRemote: z.boolean().optional(),
});

const _faultKeys: SameKeys<FaultSpec, z.infer<typeof faultSpecSchema>> = true;
const _controlKeys: SameKeys<ControlAccess, z.infer<typeof controlAccessSchema>> = true;
void _faultKeys;
void _controlKeys;
