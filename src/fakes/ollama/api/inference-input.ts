import type { LogprobRequest } from '../generation/logprobs.js';
import type { CatalogModel } from '../catalog/catalog.js';
import { hasCapability } from '../catalog/catalog.js';
import type { HandlerContext } from './context.js';
import { checkFields, type Decoded, type FieldKind } from './decode.js';
import { canonicalName, parseModelName } from '../catalog/model-name.js';
import { hashValue } from '../../../common/hash.js';
import { apiError } from './replies.js';
import type { ThinkSetting } from '../generation/options.js';

/** Checks shared by generate and chat, in the order Ollama's handlers run them. */

/** The decoded JSON object of a request, or the Ollama error for the body. */
export function requireObject(decoded: Decoded | undefined, struct: string, fields: Record<string, readonly [FieldKind, string]>) {
  if (!decoded || !decoded.ok) throw apiError(400, decoded?.message ?? 'missing request body');
  // encoding/json leaves a struct untouched for a JSON null: the request is the zero value.
  const value = decoded.value === null ? {} : decoded.value;
  const typeError = checkFields(value, struct, fields);
  if (typeError) throw apiError(400, typeError);
  return value as Record<string, unknown>;
}

export function checkTopLogprobs(body: Record<string, unknown>): void {
  const top = body.top_logprobs;
  if (typeof top === 'number' && (top < 0 || top > 20)) throw apiError(400, 'top_logprobs must be between 0 and 20');
}

/**
 * `logprobs: true` turns logprobs on, with `top_logprobs` alternatives; `top_logprobs` alone returns
 * nothing (the runner computes them only for `seq.logprobs`, runner/ollamarunner).
 */
export function logprobRequest(body: Record<string, unknown>): LogprobRequest | undefined {
  if (body.logprobs !== true) return undefined;
  return { top: typeof body.top_logprobs === 'number' ? body.top_logprobs : 0 };
}

/**
 * Resolves the model of a generate/chat request with that route's wording: an empty name is
 * "model is required" on chat but a 404 on generate; any other unparsable name is Ollama's
 * errtypes.InvalidModelNameErrMsg (routes.go writeModelRefParseError).
 */
export function resolveInferenceModel(ctx: HandlerContext, asSent: string, route: 'generate' | 'chat'): CatalogModel {
  if (asSent === '' && route === 'chat') throw apiError(400, 'model is required');
  checkModelName(asSent);
  const model = ctx.catalog.resolve(asSent);
  if (!model) {
    const suffix = ctx.errorProfile === 'legacy' ? ', try pulling it first' : '';
    throw apiError(404, `model '${asSent}' not found${suffix}`);
  }
  return model;
}

/** A non-empty name that does not parse is `invalid model name` (400) on every route that resolves models. */
export function checkModelName(asSent: string): void {
  if (asSent !== '' && !parseModelName(asSent)) throw apiError(400, 'invalid model name');
}

/** Thinking: on by default for thinking models; asking a non-thinking model to think is a 400. */
export function checkThink(model: CatalogModel, asSent: string, think: ThinkSetting): void {
  if (!hasCapability(model, 'thinking') && think !== undefined && think !== false) {
    throw apiError(400, `${JSON.stringify(asSent)} does not support thinking`);
  }
}

export function checkCompletion(model: CatalogModel, asSent: string, route: 'generate' | 'chat'): void {
  if (!hasCapability(model, 'completion')) throw apiError(400, `${JSON.stringify(asSent)} does not support ${route}`);
}

/** A capability the request needs beyond completion (tools, insert): Ollama names the model in full. */
export function checkExtraCapability(model: CatalogModel, capability: 'tools' | 'insert'): void {
  if (!hasCapability(model, capability)) throw apiError(400, `${canonicalName(model.parsed)} does not support ${capability}`);
}

/** Images are base64 in JSON ([]byte in Go); a non-vision model cannot take them. */
export function checkImages(model: CatalogModel, images: unknown): number {
  if (!Array.isArray(images) || images.length === 0) return 0;
  for (const image of images) {
    if (typeof image !== 'string') throw apiError(400, 'json: cannot unmarshal number into Go value of type []uint8');
    const bad = firstInvalidBase64(image);
    if (bad >= 0) throw apiError(400, `illegal base64 data at input byte ${bad}`);
  }
  if (!hasCapability(model, 'vision')) throw apiError(500, 'this model is missing data required for image input');
  return images.length;
}

function firstInvalidBase64(text: string): number {
  const body = text.replace(/[\r\n]/g, '');
  const padAt = body.indexOf('=');
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '=') {
      if (i < body.length - 2 || (i === body.length - 2 && body[i + 1] !== '=')) return i;
      continue;
    }
    if (!/[A-Za-z0-9+/]/.test(c)) return i;
  }
  const dataLength = padAt >= 0 ? padAt : body.length;
  if (padAt < 0 && body.length % 4 !== 0) return body.length - (body.length % 4);
  if (padAt >= 0 && body.length % 4 !== 0) return dataLength;
  return -1;
}

/** Tokens an image costs in the prompt (a CLIP projector's patch count). */
export const IMAGE_TOKENS = 576;

/**
 * What seeds generation: a hash of the request with sorted keys, minus transport-only fields (`stream`,
 * `keep_alive`) and the options that only cut the answer (`num_predict`, `stop`), so streaming and
 * non-streaming, or a shorter `num_predict`, give the same text.
 */
export function seedKey(body: Record<string, unknown>): number {
  // Asking for logprobs does not change what the model says.
  const { stream: _s, keep_alive: _k, logprobs: _l, top_logprobs: _tl, options, ...rest } = body;
  const given = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const { num_predict: _n, stop: _t, ...opts } = given;
  return hashValue({ ...rest, options: opts });
}

export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
