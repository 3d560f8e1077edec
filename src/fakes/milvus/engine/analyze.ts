/**
 * RunAnalyzer (querynode `runAnalyzer`, function `BatchAnalyze`): each text through the given analyzer
 * params, or through the analyzer of a collection's field; tokens with byte offsets, positions and
 * position length when `with_detail`, and the BM25 hash (`HashString2LessUint32`) when `with_hash`.
 */
import { analyzerFailure, analyzerParamsOf, enablesAnalyzer } from '../schema/index.js';
import { analyzerFor, byteOffsets, tokenHash, type Analyzer } from '../text/index.js';
import { errors } from '../errors/status.js';
import type { Store } from './store.js';

export interface AnalyzeRequest {
  readonly texts: readonly string[];
  readonly analyzerParams?: string;
  readonly withDetail?: boolean;
  readonly withHash?: boolean;
  readonly collectionName?: string;
  readonly fieldName?: string;
  /** Multi-language analyzer names: the fake has no multi-analyzer fields, so any name is refused (3000). */
  readonly analyzerNames?: readonly string[];
}

export interface AnalyzedToken {
  readonly token: string;
  readonly startOffset?: number;
  readonly endOffset?: number;
  readonly position?: number;
  readonly positionLength?: number;
  readonly hash?: number;
}

function analyzerOf(store: Store, db: string, request: AnalyzeRequest): Analyzer {
  let params = request.analyzerParams;
  if (request.collectionName) {
    const collection = store.collection(db, request.collectionName);
    const field = collection.schema.fields.find((f) => f.name === request.fieldName);
    if (!field) throw errors.fieldNotFound(request.fieldName ?? '');
    if (!enablesAnalyzer(field)) throw errors.invalidParameter(`analyzer is not enabled for field ${field.fieldID}`);
    params = analyzerParamsOf(field);
  }
  try {
    return analyzerFor(params);
  } catch (error) {
    throw analyzerFailure(error);
  }
}

export function runAnalyzer(store: Store, db: string, request: AnalyzeRequest): AnalyzedToken[][] {
  if ((request.analyzerNames ?? []).length > 0) throw errors.unsupported('RunAnalyzer with analyzer_names (multi-language analyzers)');
  const analyzer = analyzerOf(store, db, request);
  return request.texts.map((text) => {
    const tokens = analyzer.analyze(text);
    const offsets = request.withDetail ? byteOffsets(text, tokens.flatMap((t) => [t.start, t.end])) : [];
    return tokens.map((t, i) => ({
      token: t.text,
      ...(request.withDetail
        ? { startOffset: offsets[2 * i] as number, endOffset: offsets[2 * i + 1] as number, position: t.position, positionLength: 1 }
        : {}),
      ...(request.withHash ? { hash: tokenHash(t.text) } : {}),
    }));
  });
}
