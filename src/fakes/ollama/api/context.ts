import type { Clock } from '../../../common/clock.js';
import type { Catalog, CatalogModel } from '../catalog/catalog.js';
import { Embedder } from '../generation/embedding.js';
import type { RuleBook } from '../generation/rules.js';

/** Simulated speeds behind the reported durations (nanoseconds are derived, never measured). */
export interface Timing {
  /** `load_duration`, in ms. @default 25 */
  loadMs: number;
  /** Prompt evaluation speed behind `prompt_eval_duration`. @default 2000 */
  promptTokensPerSecond: number;
  /** Generation speed behind `eval_duration`. @default 80 */
  evalTokensPerSecond: number;
  /** Real pause between stream chunks, in ms (0 = as fast as the socket takes them). @default 0 */
  tokenDelayMs: number;
}

export const DEFAULT_TIMING: Timing = { loadMs: 25, promptTokensPerSecond: 2000, evalTokensPerSecond: 80, tokenDelayMs: 0 };

/** Everything a handler may read: injected time, the catalog, rules and settings. No I/O. */
export interface HandlerContext {
  clock: Clock;
  catalog: Catalog;
  rules: RuleBook;
  timing: Timing;
  version: string;
  /** Mixed into every generated reply; changing it changes every answer. */
  seed: number;
  /** `legacy` words not-found errors as older servers did ("..., try pulling it first"). */
  errorProfile: 'current' | 'legacy';
  embedder(model: CatalogModel, dims: number): Embedder;
}

/** A cache of embedders per model and dimension, so word directions are computed once. */
export function embedderCache(): (model: CatalogModel, dims: number) => Embedder {
  const cache = new Map<string, Embedder>();
  return (model, dims) => {
    const key = `${model.key}#${dims}`;
    let embedder = cache.get(key);
    if (!embedder) {
      embedder = new Embedder(model.key, dims);
      cache.set(key, embedder);
    }
    return embedder;
  };
}

export interface Metrics {
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
  prompt_eval_duration: number;
  eval_count: number;
  eval_duration: number;
}

/** Durations in integer nanoseconds, derived from token counts and the configured speeds. */
export function metrics(timing: Timing, promptCount: number, evalCount: number): Metrics {
  const load = Math.round(timing.loadMs * 1e6);
  const promptEval = Math.round((promptCount / timing.promptTokensPerSecond) * 1e9);
  const evalNs = Math.round((evalCount / timing.evalTokensPerSecond) * 1e9);
  return {
    total_duration: load + promptEval + evalNs + 250_000,
    load_duration: load,
    prompt_eval_count: promptCount,
    prompt_eval_duration: promptEval,
    eval_count: evalCount,
    eval_duration: evalNs,
  };
}
