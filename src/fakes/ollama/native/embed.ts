import { hashParts } from '../../../common/hash.js';
import type { CatalogModel } from '../catalog/catalog.js';
import { type HandlerContext, metrics } from '../api/context.js';
import type { Decoded } from '../api/decode.js';
import { truncateDims, vectorsJson } from '../generation/embedding.js';
import { checkModelName, requireObject } from '../api/inference-input.js';
import { type Reply, apiError, goJson, jsonReply } from '../api/replies.js';
import { parseKeepAlive } from '../api/request-options.js';
import { tokenize } from '../generation/words.js';

/** `/api/embed`, `/api/embeddings` (legacy) and the engine behind `/v1/embeddings`. */
export interface EmbedRun {
  modelAsSent: string;
  model?: CatalogModel;
  vectors: Float64Array[];
  promptCount: number;
}

const EMBED_FIELDS = {
  model: ['string', 'string'],
  truncate: ['bool', 'bool'],
  dimensions: ['int', 'int'],
  options: ['object', 'map[string]interface {}'],
} as const;

export function runEmbed(decoded: Decoded | undefined, ctx: HandlerContext): EmbedRun {
  const body = requireObject(decoded, 'EmbedRequest', EMBED_FIELDS);
  const asSent = typeof body.model === 'string' ? body.model : '';
  if (asSent === '') throw apiError(404, "model '' not found");
  checkModelName(asSent);
  const inputs = parseInputs(body.input);
  const model = ctx.catalog.resolve(asSent);
  if (!model) throw notPulled(asSent);
  ctx.catalog.touch(model, parseKeepAlive(body.keep_alive));
  const dims = typeof body.dimensions === 'number' && body.dimensions > 0 ? body.dimensions : 0;
  const embedder = ctx.embedder(model, model.embeddingLength);
  const vectors: Float64Array[] = [];
  let promptCount = 0;
  for (const text of inputs) {
    const tokens = tokenize(text);
    const limit = model.contextLength - 2;
    let used = text;
    if (tokens.length > limit) {
      if (body.truncate === false) throw apiError(400, 'the input length exceeds the context length');
      used = tokens.slice(0, limit).join('');
    }
    promptCount += Math.min(tokens.length, limit) + 2;
    const vector = embedder.embed(used);
    vectors.push(dims > 0 ? truncateDims(vector, dims) : vector);
  }
  return { modelAsSent: asSent, model, vectors, promptCount };
}

function parseInputs(input: unknown): string[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return input === '' ? [] : [input];
  if (Array.isArray(input) && input.every((v) => typeof v === 'string')) return input as string[];
  throw apiError(400, 'invalid input type');
}

function notPulled(asSent: string) {
  return apiError(404, `model ${JSON.stringify(asSent)} not found, try pulling it first`);
}

export function embedReply(run: EmbedRun, ctx: HandlerContext): Reply {
  if (run.vectors.length === 0) return jsonReply(200, { model: run.modelAsSent, embeddings: [] });
  const m = metrics(ctx.timing, run.promptCount, 0);
  const head = Buffer.from(`{"model":${goJson(run.modelAsSent)},"embeddings":`);
  const tail = Buffer.from(
    `,"total_duration":${m.total_duration},"load_duration":${m.load_duration},"prompt_eval_count":${run.promptCount}}`,
  );
  return { kind: 'json', status: 200, body: Buffer.concat([head, vectorsJson(run.vectors), tail]) };
}

/** Legacy `/api/embeddings`: one prompt, an unnormalised float64 vector, `[]` for an empty prompt. */
export function legacyEmbeddings(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireObject(decoded, 'EmbeddingRequest', {
    model: ['string', 'string'],
    prompt: ['string', 'string'],
    options: ['object', 'map[string]interface {}'],
  });
  const asSent = typeof body.model === 'string' ? body.model : '';
  if (asSent === '') throw apiError(400, 'model is required');
  checkModelName(asSent);
  const model = ctx.catalog.resolve(asSent);
  if (!model) throw notPulled(asSent);
  ctx.catalog.touch(model, parseKeepAlive(body.keep_alive));
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  if (prompt === '') return jsonReply(200, { embedding: [] });
  const unit = ctx.embedder(model, model.embeddingLength).embed(prompt);
  // Raw model output is not normalised; its scale varies by model.
  const scale = 4 + (hashParts('scale', model.key) % 800) / 100;
  return jsonReply(200, { embedding: Array.from(unit, (x) => Math.fround(x * scale)) });
}
