/** The shape of a fake Milvus' configuration (options, the `milvus` section of `--config` files). */
import * as v from 'valibot';
import { controlAccessSchema, faultSpecSchema } from '../control/config-schema.js';
import { seedSchema } from './engine/seed-schema.js';

export const milvusConfigSchema = v.strictObject({
  seed: v.optional(seedSchema),
  faults: v.optional(v.array(faultSpecSchema)),
  version: v.optional(v.pipe(v.string(), v.minLength(1))),
  healthPort: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535))),
  journalSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  control: v.optional(controlAccessSchema),
  auth: v.optional(v.boolean()),
});

/** Options of the server itself rather than of the fake's configuration. */
export const MILVUS_SERVER_OPTION_KEYS: readonly string[] = ['port', 'host', 'clock', 'logLevel', 'env'];
