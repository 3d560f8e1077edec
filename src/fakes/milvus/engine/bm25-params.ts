/**
 * BM25 search settings: `bm25_k1` (default 1.2) and `bm25_b` (default 0.75) from the index build
 * params, which a search may override (knowhere lets the inverted-index algorithm take search-time
 * k1/b), and `drop_ratio_search` in [0, 1). Text queries become term counts with the input field's
 * analyzer, exactly as documents do at insert.
 */
import type { IndexMeta } from './collection.js';
import type { Bm25Params } from './bm25-search.js';
import type { FieldDef, KeyValue } from '../schema/index.js';
import type { SparseRow } from '../storage/vector-column.js';
import { termCounts } from '../text/index.js';
import { fieldAnalyzer } from './bm25-function.js';
import { errors } from '../errors/status.js';

function indexParam(params: readonly KeyValue[], key: string): unknown {
  const direct = params.find((p) => p.key === key);
  if (direct) return direct.value;
  const nested = params.find((p) => p.key === 'params');
  if (!nested) return undefined;
  try {
    return (JSON.parse(nested.value) as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function number(value: unknown, key: string, lo: number, hi: number, hiOpen: boolean): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isNaN(n)) throw errors.invalidParameter(`Type conflict in json: param '${key}' (${JSON.stringify(value)}) should be a number`);
  if (n < lo || (hiOpen ? n >= hi : n > hi)) {
    throw errors.invalidParameter(`param '${key}' (${n}) should be in range [${lo}, ${hi}${hiOpen ? ')' : ']'}`);
  }
  return n;
}

export function bm25Params(index: IndexMeta | undefined, search: Readonly<Record<string, unknown>>): Bm25Params {
  const built = index?.userParams ?? [];
  const k1 = number(search.bm25_k1, 'bm25_k1', 0, 3, false) ?? number(indexParam(built, 'bm25_k1'), 'bm25_k1', 0, 3, false) ?? 1.2;
  const b = number(search.bm25_b, 'bm25_b', 0, 1, false) ?? number(indexParam(built, 'bm25_b'), 'bm25_b', 0, 1, false) ?? 0.75;
  const dropRatio = number(search.drop_ratio_search, 'drop_ratio_search', 0, 1, true) ?? 0;
  return { k1, b, dropRatio };
}

/** A text query on a BM25 output field, as term counts (the proxy runs the function on it). */
export function textQuery(input: FieldDef, value: unknown): SparseRow {
  if (typeof value !== 'string') {
    // The fake's wording: the server only accepts text (VarChar placeholders) for a BM25 output field.
    throw errors.invalidParameter(`search on BM25 function output field needs text, got ${Array.isArray(value) ? 'a vector' : typeof value}`);
  }
  return termCounts(fieldAnalyzer(input).terms(value));
}
