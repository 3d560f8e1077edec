/**
 * REST v2 `common/run_analyzer` (Milvus 2.6.4+, milvus#45032): handler_v2.go `runAnalyzer` over the
 * request_v2.go `RunAnalyzerReq` struct. The texts go to the same RunAnalyzer the gRPC transport calls
 * (engine/analyze.ts). `analyzerParams` is JSON *text*, as in the proto (an object is a 1801 type
 * error); `text` is required (an empty list is a value and answers no results). The reply is
 * `{ code: 0, data: { results: [{ tokens: [...] }] } }`, each token a gin.H (keys sorted) holding
 * `token`, plus `startOffset`, `endOffset`, `position`, `positionLength` with `withDetail`, plus `hash`
 * with `withHash`.
 */
import type { AnalyzedToken } from '../engine/analyze.js';
import { DB_NAME, field, required, type Bound, type StructSpec } from './binding.js';
import { ok } from './envelope.js';
import type { RestContext, RestRoutes } from './route.js';

const RunAnalyzerReq: StructSpec = {
  name: 'RunAnalyzerReq',
  fields: [
    DB_NAME,
    field('analyzerParams', 'string'),
    required('text', 'strings'),
    field('withDetail', 'bool'),
    field('withHash', 'bool'),
    field('collectionName', 'string'),
    field('fieldName', 'string'),
    field('analyzerNames', 'strings'),
  ],
};

function tokenOf(token: AnalyzedToken, withDetail: boolean, withHash: boolean): Record<string, unknown> {
  return {
    token: token.token,
    ...(withDetail
      ? {
          startOffset: token.startOffset ?? 0,
          endOffset: token.endOffset ?? 0,
          position: token.position ?? 0,
          positionLength: token.positionLength ?? 0,
        }
      : {}),
    ...(withHash ? { hash: token.hash ?? 0 } : {}),
  };
}

function runAnalyzer(r: Bound, ctx: RestContext) {
  const withDetail = r.withDetail === true;
  const withHash = r.withHash === true;
  const collectionName = String(r.collectionName);
  const results = ctx.service.runAnalyzer(ctx.db, {
    texts: (r.text as string[] | null) ?? [],
    analyzerParams: String(r.analyzerParams),
    withDetail,
    withHash,
    analyzerNames: (r.analyzerNames as string[] | null) ?? [],
    ...(collectionName ? { collectionName, fieldName: String(r.fieldName) } : {}),
  });
  return ok({ results: results.map((tokens) => ({ tokens: tokens.map((t) => tokenOf(t, withDetail, withHash)) })) });
}

export const analyzerRoutes: RestRoutes = {
  'common/run_analyzer': { spec: RunAnalyzerReq, handle: runAnalyzer },
};
