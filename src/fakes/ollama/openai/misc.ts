import type { HandlerContext } from '../api/context.js';
import type { Decoded } from '../api/decode.js';
import { runEmbed } from '../native/embed.js';
import { quantize } from '../generation/embedding.js';
import { runGenerate, withDelay } from '../native/generate.js';
import { seedKey } from '../api/inference-input.js';
import { parseModelName } from '../catalog/model-name.js';
import { completionId, includeUsage, openaiJson, requireOpenAIBody, samplingOptions, sseStream, usage } from './format.js';
import { type Reply, apiError } from '../api/replies.js';
import { splitPieces } from '../generation/stream-pieces.js';

/** `/v1/completions`, `/v1/embeddings`, `/v1/models`, `/v1/models/:model`. */

export function openaiCompletions(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireOpenAIBody(decoded, 'CompletionRequest', {
    model: ['string', 'string'],
    prompt: ['string', 'string'],
    stream: ['bool', 'bool'],
    logprobs: ['int', 'int'],
  });
  const native: Record<string, unknown> = {
    model: body.model,
    prompt: body.prompt ?? '',
    stream: body.stream === true,
    options: samplingOptions(body),
  };
  if (typeof body.suffix === 'string') native.suffix = body.suffix;
  // The legacy integer turns logprobs on with that many alternatives (openai.FromCompleteRequest), so 21
  // is refused; ToCompletion never writes them back, and neither does the fake.
  if (typeof body.logprobs === 'number' && body.logprobs > 0) Object.assign(native, { logprobs: true, top_logprobs: body.logprobs });
  const run = runGenerate({ ok: true, value: native }, ctx, 'openai.completions');
  const { completion, promptCount } =
    run.outcome.kind === 'completion'
      ? run.outcome
      : // An empty prompt only loads the model; ToCompletion still wraps that answer, finish_reason "load".
        { completion: { content: '', doneReason: run.outcome.kind, evalCount: 0 }, promptCount: 0 };
  const head = {
    id: completionId('cmpl', seedKey(native)),
    object: 'text_completion',
    created: Math.floor(run.createdAt / 1000),
    model: run.modelAsSent,
    system_fingerprint: 'fp_ollama',
  };
  const usageValue = usage(promptCount, completion.evalCount);
  if (!run.stream) {
    return withDelay(
      openaiJson(200, { ...head, choices: [{ text: completion.content, index: 0, finish_reason: completion.doneReason }], usage: usageValue }),
      run.delayMs,
    );
  }
  const withUsage = includeUsage(body);
  const zero = withUsage ? { usage: usage(0, 0) } : {};
  const payloads: unknown[] = splitPieces(completion.content).map((text) => ({
    ...head,
    choices: [{ text, index: 0, finish_reason: null }],
    ...zero,
  }));
  payloads.push({ ...head, choices: [{ text: '', index: 0, finish_reason: completion.doneReason }], ...zero });
  if (withUsage) payloads.push({ ...head, choices: [], usage: usageValue });
  return withDelay(sseStream(payloads), run.delayMs);
}

export function openaiEmbeddings(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireOpenAIBody(decoded, 'EmbedRequest', { model: ['string', 'string'], dimensions: ['int', 'int'], encoding_format: ['string', 'string'] });
  const format = typeof body.encoding_format === 'string' ? body.encoding_format : '';
  // EmbeddingsMiddleware compares with strings.EqualFold; an empty format means float.
  const encoding = format === '' ? 'float' : format.toLowerCase();
  if (encoding !== 'float' && encoding !== 'base64') {
    throw apiError(400, `Invalid value for 'encoding_format' = ${format}. Supported values: ['float', 'base64'].`, 'middleware');
  }
  const input = body.input;
  if (Array.isArray(input) && input.length === 0) throw apiError(400, 'invalid input', 'middleware');
  if (input === undefined || input === null) throw apiError(400, 'invalid input', 'middleware');
  const native: Record<string, unknown> = { model: body.model, input: typeof input === 'string' ? [input] : input, truncate: true };
  if (typeof body.dimensions === 'number') native.dimensions = body.dimensions;
  const run = runEmbed({ ok: true, value: native }, ctx);
  const data = run.vectors.map((vector, index) => ({
    object: 'embedding',
    embedding: encoding === 'base64' ? base64Floats(vector) : Array.from(vector, quantize),
    index,
  }));
  return openaiJson(200, { object: 'list', data, model: run.modelAsSent, usage: { prompt_tokens: run.promptCount, total_tokens: run.promptCount } });
}

function base64Floats(vector: Float64Array): string {
  const floats = Float32Array.from(vector, quantize);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

export function openaiModels(ctx: HandlerContext): Reply {
  const models = ctx.catalog.list().map(modelObject);
  // Ollama's list middleware leaves `data` null when no model is installed.
  return openaiJson(200, { object: 'list', data: models.length === 0 ? null : models });
}

export function openaiModel(name: string, ctx: HandlerContext): Reply {
  // RetrieveMiddleware hands the path parameter to ShowHandler, whose errors word the name as sent.
  if (!parseModelName(name)) throw apiError(400, 'invalid model name');
  const model = ctx.catalog.resolve(name);
  if (!model) throw apiError(404, `model '${name}' not found`);
  // ToModel(showResponse, c.Param("model")): the id is the name as asked, not the catalog name.
  return openaiJson(200, { ...modelObject(model), id: name });
}

function modelObject(model: { name: string; modifiedAt: number; parsed: { namespace: string } }) {
  return { id: model.name, object: 'model', created: Math.floor(model.modifiedAt / 1000), owned_by: model.parsed.namespace };
}
