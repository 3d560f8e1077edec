/** The shape of a fake Ollama's configuration (options, `--config` files, FAKE_OLLAMA_CONFIG*). */
import { z } from 'zod';
import type { SameKeys } from '../../common/shape.js';
import { controlAccessSchema, faultSpecSchema } from '../control/config-schema.js';
import type { Timing } from './api/context.js';
import { CAPABILITIES, type ModelSpec } from './catalog/default-models.js';
import type { RuleReply, RuleSpec } from './generation/rules.js';

const modelSpecSchema = z.strictObject({
  name: z.string(),
  capabilities: z.array(z.enum(CAPABILITIES)).optional(),
  family: z.string().optional(),
  families: z.array(z.string()).optional(),
  parameterSize: z.string().optional(),
  quantization: z.string().optional(),
  contextLength: z.number().int().positive().optional(),
  embeddingLength: z.number().int().positive().optional(),
  sizeBytes: z.number().int().positive().optional(),
  system: z.string().optional(),
  template: z.string().optional(),
  license: z.string().optional(),
});

const ruleReplySchema = z.strictObject({
  text: z.string().optional(),
  thinking: z.string().optional(),
  toolCalls: z.array(z.strictObject({ name: z.string(), arguments: z.record(z.string(), z.unknown()).optional() })).optional(),
  error: z.strictObject({ status: z.number().int(), message: z.string() }).optional(),
  delayMs: z.number().nonnegative().optional(),
});

const ruleSpecSchema = z.strictObject({
  id: z.string().optional(),
  match: z
    .strictObject({ model: z.string().optional(), route: z.string().optional(), prompt: z.string().optional(), flags: z.string().optional() })
    .optional(),
  reply: ruleReplySchema,
  times: z.number().int().positive().optional(),
});

const timingSchema = z.strictObject({
  loadMs: z.number().nonnegative().optional(),
  promptTokensPerSecond: z.number().positive().optional(),
  evalTokensPerSecond: z.number().positive().optional(),
  tokenDelayMs: z.number().nonnegative().optional(),
});

export const ollamaConfigSchema = z.strictObject({
  models: z.array(modelSpecSchema).optional(),
  extraModels: z.array(modelSpecSchema).optional(),
  version: z.string().min(1).optional(),
  seed: z.number().optional(),
  rules: z.array(ruleSpecSchema).optional(),
  faults: z.array(faultSpecSchema).optional(),
  timing: timingSchema.optional(),
  limits: z.strictObject({ maxBodyBytes: z.number().int().min(1024).optional() }).optional(),
  errorProfile: z.enum(['current', 'legacy']).optional(),
  journalSize: z.number().int().positive().optional(),
  control: controlAccessSchema.optional(),
});

const _keys: [
  SameKeys<ModelSpec, z.infer<typeof modelSpecSchema>>,
  SameKeys<RuleSpec, z.infer<typeof ruleSpecSchema>>,
  SameKeys<RuleReply, z.infer<typeof ruleReplySchema>>,
  SameKeys<Timing, z.infer<typeof timingSchema>>,
] = [true, true, true, true];
void _keys;
