import { createHash } from 'node:crypto';
import { hexDigest } from '../../../common/hash.js';
import type { CatalogModel } from '../catalog/catalog.js';
import { modelToSpec } from '../catalog/catalog.js';
import type { HandlerContext } from '../api/context.js';
import type { Decoded } from '../api/decode.js';
import { type ModelSpec, DEFAULT_MODELS } from '../catalog/default-models.js';
import { requireObject } from '../api/inference-input.js';
import { displayName, modelKey, parseModelName } from '../catalog/model-name.js';
import { listEntry, processEntry, showView } from './model-views.js';
import { type Reply, apiError, goJson, jsonReply, ndjsonStream } from '../api/replies.js';

/** Model management: tags, ps, show, pull, push, create, copy, delete, blobs. */

export function tags(ctx: HandlerContext): Reply {
  return jsonReply(200, { models: ctx.catalog.list().map(listEntry) });
}

export function ps(ctx: HandlerContext): Reply {
  const now = ctx.clock.now();
  return jsonReply(200, { models: ctx.catalog.loaded().map((entry) => processEntry(entry, now)) });
}

export function show(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireObject(decoded, 'ShowRequest', { model: ['string', 'string'], name: ['string', 'string'], verbose: ['bool', 'bool'] });
  const asked = nameOf(body);
  if (asked === '') throw apiError(400, 'model is required');
  if (!parseModelName(asked)) throw apiError(400, 'invalid model name');
  const model = ctx.catalog.resolve(asked);
  // ShowHandler words the 404 with the name as sent (modelRef.Base), not the normalised name.
  if (!model) throw apiError(404, `model '${asked}' not found`);
  return jsonReply(200, showView(model, body.verbose === true));
}

/** Known metadata for a name being pulled: configured or default models first, else a guess. */
export type SpecLookup = (name: string) => ModelSpec | undefined;

export function specLookup(configured: readonly ModelSpec[]): SpecLookup {
  const byKey = new Map<string, ModelSpec>();
  for (const spec of [...DEFAULT_MODELS, ...configured]) {
    const parsed = parseModelName(spec.name);
    if (parsed) byKey.set(modelKey(parsed), spec);
  }
  return (name) => {
    const parsed = parseModelName(name);
    return parsed ? byKey.get(modelKey(parsed)) : undefined;
  };
}

export function pull(decoded: Decoded | undefined, ctx: HandlerContext, known: SpecLookup): Reply {
  const body = requireObject(decoded, 'PullRequest', { model: ['string', 'string'], name: ['string', 'string'], insecure: ['bool', 'bool'] });
  const parsed = parseModelName(nameOf(body));
  if (!parsed) throw apiError(400, 'invalid model name');
  const name = displayName(parsed);
  const model = ctx.catalog.add({ ...(known(name) ?? {}), name });
  const progress = [{ status: 'pulling manifest' }, ...layerProgress('pulling', model), { status: 'verifying sha256 digest' }];
  progress.push({ status: 'writing manifest' }, { status: 'success' });
  return progressReply(body, progress);
}

export function push(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireObject(decoded, 'PushRequest', { model: ['string', 'string'], name: ['string', 'string'], insecure: ['bool', 'bool'] });
  const asked = nameOf(body);
  if (asked === '') throw apiError(400, 'model is required');
  const model = ctx.catalog.resolve(asked);
  if (!model) {
    // PushModel reports progress before it looks for the manifest, so the error arrives inside the stream.
    const error = `open /root/.ollama/models/manifests/${manifestPath(asked)}: no such file or directory`;
    return progressReply(body, [{ status: 'retrieving manifest' }, { status: "couldn't retrieve manifest" }, { error }]);
  }
  return progressReply(body, [
    { status: 'retrieving manifest' },
    ...layerProgress('pushing', model),
    { status: 'pushing manifest' },
    { status: 'success' },
  ]);
}

export function create(decoded: Decoded | undefined, ctx: HandlerContext, known: SpecLookup): Reply {
  const body = requireObject(decoded, 'CreateRequest', {
    model: ['string', 'string'],
    from: ['string', 'string'],
    files: ['object', 'map[string]string'],
    system: ['string', 'string'],
    template: ['string', 'string'],
    license: ['any', 'interface {}'],
    quantize: ['string', 'string'],
  });
  const parsed = parseModelName(nameOf(body));
  if (!parsed) throw apiError(400, 'invalid model name');
  const from = typeof body.from === 'string' && body.from !== '' ? body.from : undefined;
  const files = (body.files ?? undefined) as Record<string, unknown> | undefined;
  if (!from && (!files || Object.keys(files).length === 0)) throw apiError(400, "neither 'from' or 'files' was specified");
  const progress: Record<string, unknown>[] = [];
  let base: ModelSpec = { name: displayName(parsed) };
  if (from) {
    // server/create.go CreateHandler: an unparsable `from` is errtypes.InvalidModelNameErrMsg with status 400.
    if (!parseModelName(from)) throw apiError(400, 'invalid model name');
    const source = ctx.catalog.resolve(from) ?? ctx.catalog.add({ ...(known(from) ?? {}), name: from });
    base = { ...modelToSpec(source), name: displayName(parsed) };
    progress.push({ status: `using existing layer sha256:${source.digest}` });
  } else {
    for (const digest of Object.values(files ?? {})) {
      if (typeof digest !== 'string' || !ctx.catalog.hasBlob(digest)) throw apiError(400, `blob ${JSON.stringify(digest)} not found`);
    }
    progress.push({ status: 'parsing GGUF' });
    for (const digest of Object.values(files ?? {})) progress.push({ status: `using existing layer ${digest as string}` });
  }
  if (typeof body.quantize === 'string' && body.quantize !== '') {
    progress.push({ status: `quantizing F16 model to ${body.quantize.toUpperCase()}` });
    base.quantization = body.quantize.toUpperCase();
  }
  for (const key of ['template', 'system', 'license'] as const) {
    const value = body[key];
    const text = Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : undefined;
    if (text === undefined || text === '') continue;
    base[key] = text;
    progress.push({ status: `creating new layer sha256:${hexDigest(64, 'layer', key, text)}` });
  }
  ctx.catalog.add(base);
  progress.push({ status: 'writing manifest' }, { status: 'success' });
  return progressReply(body, progress);
}

export function copy(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireObject(decoded, 'CopyRequest', { source: ['string', 'string'], destination: ['string', 'string'] });
  const source = typeof body.source === 'string' ? body.source : '';
  const destination = typeof body.destination === 'string' ? body.destination : '';
  if (!parseModelName(source)) throw apiError(400, `source ${JSON.stringify(source)} is invalid`);
  const dest = parseModelName(destination);
  if (!dest) throw apiError(400, `destination ${JSON.stringify(destination)} is invalid`);
  const model = ctx.catalog.resolve(source);
  if (!model) throw apiError(404, `model ${JSON.stringify(source)} not found`);
  ctx.catalog.copy(model, dest);
  return { kind: 'empty', status: 200 };
}

export function remove(decoded: Decoded | undefined, ctx: HandlerContext): Reply {
  const body = requireObject(decoded, 'DeleteRequest', { model: ['string', 'string'], name: ['string', 'string'] });
  const asked = nameOf(body);
  if (!parseModelName(asked)) throw apiError(400, `name ${JSON.stringify(asked)} is invalid`);
  const model = ctx.catalog.resolve(asked);
  if (!model) throw apiError(404, `model '${asked}' not found`);
  ctx.catalog.delete(model);
  return { kind: 'empty', status: 200 };
}

const DIGEST = /^sha256[:-][0-9a-f]{64}$/;

export function headBlob(digest: string, ctx: HandlerContext): Reply {
  if (!DIGEST.test(digest)) throw apiError(400, 'invalid digest format');
  if (!ctx.catalog.hasBlob(digest.replace('-', ':'))) throw apiError(404, `blob ${JSON.stringify(digest)} not found`);
  return { kind: 'empty', status: 200 };
}

export function createBlob(digest: string, raw: Uint8Array, ctx: HandlerContext): Reply {
  if (!DIGEST.test(digest)) throw apiError(400, 'invalid digest format');
  const normalized = digest.replace('-', ':');
  if (ctx.catalog.hasBlob(normalized)) return { kind: 'empty', status: 200 };
  const actual = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  if (actual !== normalized) throw apiError(400, `digest mismatch, expected ${JSON.stringify(digest)}, got ${JSON.stringify(actual)}`);
  ctx.catalog.addBlob(normalized, raw.byteLength);
  return { kind: 'empty', status: 201 };
}

function nameOf(body: Record<string, unknown>): string {
  if (typeof body.model === 'string' && body.model !== '') return body.model;
  return typeof body.name === 'string' ? body.name : '';
}

function manifestPath(name: string): string {
  const p = parseModelName(name);
  return p ? `${p.host}/${p.namespace}/${p.model}/${p.tag}` : name;
}

/** Per layer: an announcement, a half-way update and a completed update, as Ollama's progress bars see them. */
function layerProgress(verb: 'pulling' | 'pushing', model: CatalogModel): Record<string, unknown>[] {
  const layers: [string, number][] = [
    [hexDigest(64, 'layer', model.key, 'model'), model.sizeBytes],
    [hexDigest(64, 'layer', model.key, 'template'), model.template.length + 1200],
    [hexDigest(64, 'layer', model.key, 'license'), 6016],
    [hexDigest(64, 'layer', model.key, 'params'), 96],
  ];
  const out: Record<string, unknown>[] = [];
  for (const [hex, total] of layers) {
    const status = `${verb} ${hex.slice(0, 12)}`;
    const digest = `sha256:${hex}`;
    out.push({ status, digest, total });
    out.push({ status, digest, total, completed: Math.floor(total / 2) });
    out.push({ status, digest, total, completed: total });
  }
  return out;
}

/**
 * Progress streams as NDJSON; with `stream: false` only the last status, as one JSON object, or the
 * error as a 500 (waitForStream sets a bare `application/json` content type before either).
 */
function progressReply(body: Record<string, unknown>, progress: Record<string, unknown>[]): Reply {
  if (body.stream === false) {
    const last = progress[progress.length - 1] as Record<string, unknown>;
    const status = 'error' in last ? 500 : 200;
    return { kind: 'json', status, body: goJson(last), headers: { 'content-type': 'application/json' } };
  }
  return ndjsonStream(progress);
}
