/** The shape of a fake Milvus' configuration (options, the `milvus` section of `--config` files). */
import { z } from 'zod';
import { controlAccessSchema, faultSpecSchema } from '../control/config-schema.js';
import { seedSchema } from './engine/seed-schema.js';

export const milvusConfigSchema = z.strictObject({
  seed: seedSchema.optional(),
  faults: z.array(faultSpecSchema).optional(),
  version: z.string().min(1).optional(),
  healthPort: z.number().int().min(0).max(65535).optional(),
  journalSize: z.number().int().positive().optional(),
  control: controlAccessSchema.optional(),
});

/** Options of the server itself rather than of the fake's configuration. */
export const MILVUS_SERVER_OPTION_KEYS: readonly string[] = ['port', 'host', 'clock', 'logLevel'];
