/**
 * Full-text RPCs: RunAnalyzer (`placeholder` holds the texts as UTF-8 bytes, `analyzer_params` is JSON
 * text; one AnalyzerResult of AnalyzerTokens per text) and the collection function RPCs.
 */
import { bool, str, strs, type Handler, type ProtoRequest } from './context.js';
import { functionInputFromProto } from './convert.js';
import type { ProtoFunctionSchema } from './proto-types.js';

const functionOf = (r: ProtoRequest) => {
  const fn = r.functionSchema as ProtoFunctionSchema | null | undefined;
  return fn ? functionInputFromProto(fn) : undefined;
};

export const textHandlers: Record<string, Handler> = {
  RunAnalyzer: (r, c) => {
    const texts = ((r.placeholder as Uint8Array[] | undefined) ?? []).map((b) => Buffer.from(b).toString('utf8'));
    const collectionName = str(r, 'collection_name');
    const results = c.service.runAnalyzer(c.db, {
      texts,
      analyzerParams: str(r, 'analyzer_params'),
      withDetail: bool(r, 'with_detail'),
      withHash: bool(r, 'with_hash'),
      analyzerNames: strs(r, 'analyzer_names'),
      ...(collectionName ? { collectionName, fieldName: str(r, 'field_name') } : {}),
    });
    return {
      results: results.map((tokens) => ({
        tokens: tokens.map((t) => ({
          token: t.token,
          start_offset: String(t.startOffset ?? 0),
          end_offset: String(t.endOffset ?? 0),
          position: String(t.position ?? 0),
          position_length: String(t.positionLength ?? 0),
          hash: t.hash ?? 0,
        })),
      })),
    };
  },
  AddCollectionFunction: (r, c) => {
    c.service.addCollectionFunction(c.db, str(r, 'collection_name'), functionOf(r));
    return {};
  },
  AlterCollectionFunction: (r, c) => {
    c.service.alterCollectionFunction(c.db, str(r, 'collection_name'), str(r, 'function_name'), functionOf(r));
    return {};
  },
  DropCollectionFunction: (r, c) => {
    c.service.dropCollectionFunction(c.db, str(r, 'collection_name'), str(r, 'function_name'));
    return {};
  },
};
