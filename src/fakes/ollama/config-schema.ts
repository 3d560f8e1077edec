/** The shape of a fake Ollama's configuration (options, `--config` files, FAKE_OLLAMA_CONFIG*). */
import * as v from 'valibot';
import type { SameKeys } from '../../common/shape.js';
import { controlAccessSchema, faultSpecSchema } from '../control/config-schema.js';
import type { Timing } from './api/context.js';
import { CAPABILITIES, type ModelSpec } from './catalog/default-models.js';
import type { RuleReply, RuleSpec } from './generation/rules.js';

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const nonNegative = v.pipe(v.number(), v.minValue(0));

const modelSpecSchema = v.strictObject({
  name: v.string(),
  capabilities: v.optional(v.array(v.picklist(CAPABILITIES))),
  family: v.optional(v.string()),
  families: v.optional(v.array(v.string())),
  parameterSize: v.optional(v.string()),
  quantization: v.optional(v.string()),
  contextLength: v.optional(positiveInt),
  embeddingLength: v.optional(positiveInt),
  sizeBytes: v.optional(positiveInt),
  system: v.optional(v.string()),
  template: v.optional(v.string()),
  license: v.optional(v.string()),
});

const ruleReplySchema = v.strictObject({
  text: v.optional(v.string()),
  thinking: v.optional(v.string()),
  toolCalls: v.optional(v.array(v.strictObject({ name: v.string(), arguments: v.optional(v.record(v.string(), v.unknown())) }))),
  error: v.optional(v.strictObject({ status: v.pipe(v.number(), v.integer()), message: v.string() })),
  delayMs: v.optional(nonNegative),
});

const ruleSpecSchema = v.strictObject({
  id: v.optional(v.string()),
  match: v.optional(
    v.strictObject({ model: v.optional(v.string()), route: v.optional(v.string()), prompt: v.optional(v.string()), flags: v.optional(v.string()) }),
  ),
  reply: ruleReplySchema,
  times: v.optional(positiveInt),
});

const timingSchema = v.strictObject({
  loadMs: v.optional(nonNegative),
  promptTokensPerSecond: v.optional(v.pipe(v.number(), v.gtValue(0))),
  evalTokensPerSecond: v.optional(v.pipe(v.number(), v.gtValue(0))),
  tokenDelayMs: v.optional(nonNegative),
});

export const ollamaConfigSchema = v.strictObject({
  models: v.optional(v.array(modelSpecSchema)),
  extraModels: v.optional(v.array(modelSpecSchema)),
  version: v.optional(v.pipe(v.string(), v.minLength(1))),
  seed: v.optional(v.number()),
  rules: v.optional(v.array(ruleSpecSchema)),
  faults: v.optional(v.array(faultSpecSchema)),
  timing: v.optional(timingSchema),
  limits: v.optional(v.strictObject({ maxBodyBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024))) })),
  errorProfile: v.optional(v.picklist(['current', 'legacy'])),
  journalSize: v.optional(positiveInt),
  control: v.optional(controlAccessSchema),
});

const _keys: [
  SameKeys<ModelSpec, v.InferOutput<typeof modelSpecSchema>>,
  SameKeys<RuleSpec, v.InferOutput<typeof ruleSpecSchema>>,
  SameKeys<RuleReply, v.InferOutput<typeof ruleReplySchema>>,
  SameKeys<Timing, v.InferOutput<typeof timingSchema>>,
] = [true, true, true, true];
void _keys;
