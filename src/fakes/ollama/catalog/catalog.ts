import type { Clock } from '../../../common/clock.js';
import { hexDigest } from '../../../common/hash.js';
import { type Capability, type ModelSpec, inferModelSpec } from './default-models.js';
import { type ModelName, displayName, modelKey, parseModelName } from './model-name.js';

/** A model known to the fake, with every field filled in. */
export interface CatalogModel {
  key: string;
  /** Display form, e.g. `llama3.2:latest`. */
  name: string;
  parsed: ModelName;
  capabilities: readonly Capability[];
  family: string;
  families: readonly string[];
  parameterSize: string;
  quantization: string;
  contextLength: number;
  embeddingLength: number;
  sizeBytes: number;
  /** sha256 hex of the manifest (64 chars), deterministic from the name and size. */
  digest: string;
  modifiedAt: number;
  /** Order of addition after start (0 for the configured catalog): breaks ties of `modifiedAt`. */
  addedSeq: number;
  system: string;
  template: string;
  license: string;
}

export interface LoadedModel {
  model: CatalogModel;
  /** Epoch ms; `Infinity` for a negative keep_alive (kept forever). */
  expiresAt: number;
}

const DEFAULT_TEMPLATE = '{{ if .System }}{{ .System }}\n{{ end }}{{ .Prompt }}';

/** The models a fake Ollama has "pulled", and the ones currently "loaded" (`/api/ps`). */
export class Catalog {
  readonly #clock: Clock;
  readonly #models = new Map<string, CatalogModel>();
  readonly #loaded = new Map<string, LoadedModel>();
  readonly #blobs = new Map<string, number>();
  #seq = 0;
  /** While the configured catalog is built: one timestamp for all of it. */
  #startedAt: number | undefined;

  constructor(specs: readonly ModelSpec[], clock: Clock) {
    this.#clock = clock;
    // The configured models share one modified_at, so every start lists them in the same order (by
    // name) instead of depending on whether the clock ticked between two of them.
    this.#startedAt = clock.now();
    for (const spec of specs) this.add(spec);
    this.#startedAt = undefined;
  }

  /** The model a request names, or undefined (unknown or invalid name). */
  resolve(name: string | undefined): CatalogModel | undefined {
    if (name === undefined) return undefined;
    const parsed = parseModelName(name);
    return parsed ? this.#models.get(modelKey(parsed)) : undefined;
  }

  /** Adds or replaces a model; fields missing from the spec are inferred from its name. */
  add(spec: ModelSpec): CatalogModel {
    const parsed = parseModelName(spec.name);
    if (!parsed) throw new TypeError(`invalid model name ${JSON.stringify(spec.name)}`);
    const inferred = inferModelSpec(spec.name);
    const family = spec.family ?? inferred.family ?? 'llama';
    const sizeBytes = spec.sizeBytes ?? inferred.sizeBytes ?? 1_000_000_000;
    const model: CatalogModel = {
      key: modelKey(parsed),
      name: displayName(parsed),
      parsed,
      capabilities: [...(spec.capabilities ?? inferred.capabilities ?? ['completion'])],
      family,
      families: spec.families ?? [family],
      parameterSize: spec.parameterSize ?? inferred.parameterSize ?? '7B',
      quantization: spec.quantization ?? inferred.quantization ?? 'Q4_K_M',
      contextLength: spec.contextLength ?? inferred.contextLength ?? 4096,
      embeddingLength: spec.embeddingLength ?? inferred.embeddingLength ?? 4096,
      sizeBytes,
      digest: hexDigest(64, 'manifest', displayName(parsed).toLowerCase(), sizeBytes),
      modifiedAt: this.#startedAt ?? this.#clock.now(),
      addedSeq: this.#startedAt === undefined ? ++this.#seq : 0,
      system: spec.system ?? '',
      template: spec.template ?? DEFAULT_TEMPLATE,
      license: spec.license ?? '',
    };
    this.#models.set(model.key, model);
    return model;
  }

  /** Copies `source` under the `destination` name (replacing a model of that name). */
  copy(source: CatalogModel, destination: ModelName): CatalogModel {
    return this.add({ ...toSpec(source), name: displayName(destination) });
  }

  delete(model: CatalogModel): void {
    this.#models.delete(model.key);
    this.#loaded.delete(model.key);
  }

  /** Every model, newest first (as `/api/tags` orders them; the later of two in one millisecond first), then by name. */
  list(): CatalogModel[] {
    return [...this.#models.values()].sort((a, b) => b.modifiedAt - a.modifiedAt || b.addedSeq - a.addedSeq || compareNames(a.name, b.name));
  }

  /** Marks a model loaded for `keepAliveMs` (0 unloads it, negative keeps it forever). */
  touch(model: CatalogModel, keepAliveMs: number): void {
    if (keepAliveMs === 0) {
      this.#loaded.delete(model.key);
      return;
    }
    const expiresAt = keepAliveMs < 0 ? Infinity : this.#clock.now() + keepAliveMs;
    this.#loaded.set(model.key, { model, expiresAt });
  }

  /** Loaded models that have not expired, latest expiry first. */
  loaded(): LoadedModel[] {
    const now = this.#clock.now();
    for (const [key, entry] of this.#loaded) if (entry.expiresAt <= now) this.#loaded.delete(key);
    return [...this.#loaded.values()].sort((a, b) => b.expiresAt - a.expiresAt || compareNames(a.model.name, b.model.name));
  }

  hasBlob(digest: string): boolean {
    return this.#blobs.has(digest);
  }

  addBlob(digest: string, size: number): void {
    this.#blobs.set(digest, size);
  }
}

/** By code unit, not locale: the same order on every machine. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasCapability(model: CatalogModel, capability: Capability): boolean {
  return model.capabilities.includes(capability);
}

function toSpec(model: CatalogModel): ModelSpec {
  return {
    name: model.name,
    capabilities: [...model.capabilities],
    family: model.family,
    families: [...model.families],
    parameterSize: model.parameterSize,
    quantization: model.quantization,
    contextLength: model.contextLength,
    embeddingLength: model.embeddingLength,
    sizeBytes: model.sizeBytes,
    system: model.system,
    template: model.template,
    license: model.license,
  };
}

export { toSpec as modelToSpec };
