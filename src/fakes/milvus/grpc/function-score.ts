/**
 * `SearchRequest.function_score` / `HybridSearchRequest.function_score` (FunctionScore) and
 * `SearchRequest.highlighter` (Highlighter) into the engine's inputs, and highlight results into
 * `SearchResultData.highlight_results` (HighlightResult{field_name, datas: HighlightData{fragments, scores}}).
 */
import type { FunctionScoreInput } from '../engine/function-score.js';
import type { HighlighterInput, HighlightResult } from '../engine/highlight.js';
import { pairMap } from '../engine/search-params.js';
import { kvList } from './convert.js';
import type { KeyValuePair } from './proto-types.js';

interface ProtoFunction {
  name?: string;
  type?: string | number;
  input_field_names?: string[] | null;
  output_field_names?: string[] | null;
  params?: KeyValuePair[] | null;
}

interface ProtoFunctionScore {
  functions?: ProtoFunction[] | null;
  params?: KeyValuePair[] | null;
}

const FUNCTION_TYPES = ['Unknown', 'BM25', 'TextEmbedding', 'Rerank', 'MinHash', 'MolFingerprint'];

export function functionScoreInput(raw: unknown): FunctionScoreInput | undefined {
  const fs = raw as ProtoFunctionScore | null | undefined;
  if (!fs || !Array.isArray(fs.functions) || fs.functions.length === 0) return undefined;
  return {
    functions: fs.functions.map((f) => ({
      name: f.name ?? '',
      type: typeof f.type === 'number' ? (FUNCTION_TYPES[f.type] ?? String(f.type)) : (f.type ?? 'Unknown'),
      inputFieldNames: f.input_field_names ?? [],
      outputFieldNames: f.output_field_names ?? [],
      params: pairMap(kvList(f.params)),
    })),
    params: pairMap(kvList(fs.params)),
  };
}

export function highlighterInput(raw: unknown): HighlighterInput | undefined {
  const h = raw as { type?: string | number; params?: KeyValuePair[] | null } | null | undefined;
  if (!h || h.type === undefined || h.type === null) return undefined;
  const type = typeof h.type === 'number' ? (['Lexical', 'Semantic'][h.type] ?? String(h.type)) : h.type;
  return { type, params: pairMap(kvList(h.params)) };
}

export function highlightResultsProto(results: readonly HighlightResult[] | undefined): Record<string, unknown> {
  if (!results) return {};
  return {
    highlight_results: results.map((r) => ({
      field_name: r.fieldName,
      datas: r.datas.map((d) => ({ fragments: [...d.fragments], scores: [...d.scores] })),
    })),
  };
}
