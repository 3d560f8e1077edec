/**
 * REST v2 full-text routes of Milvus 2.6, through raw requests (node-fetch: the SDK's HttpClient has no
 * method for them) compared with the same calls over gRPC (MilvusClient). Sources, milvus 2.6 branch:
 * - internal/distributed/proxy/httpserver/handler_v2.go: `RegisterRoutesToV2` (the routes a 2.6 server
 *   has), `runAnalyzer`, `addCollectionFunction`, `alterCollectionFunction`, `dropCollectionFunction`,
 *   `search` / `advancedSearch`;
 * - request_v2.go: `RunAnalyzerReq`, `CollectionAddFunction`, `CollectionAlterFunction`,
 *   `CollectionDropFunction`, `FunctionSchema`, `SearchReqV2`, `HybridSearchReq`;
 * - utils.go `genFunctionSchema`; internal/proxy/task_function.go (the RPCs' outcomes);
 * - internal/distributed/proxy/service.go `startHTTPServer` (no NoRoute handler: gin's 404).
 */
import { DataType, FunctionType, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import nodeFetch from 'node-fetch';
import { beforeAll, describe, expect, it } from 'vitest';
import { startFakeMilvus, type StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { withFakeMilvusAndSdk } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: MilvusClient;
withFakeMilvusAndSdk((m, c) => {
  milvus = m;
  client = c;
});

const raw = async (path: string, body: unknown, base = milvus.url) => {
  const response = await nodeFetch(`${base}/v2/vectordb/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};
const post = async (path: string, body: unknown) => JSON.parse((await raw(path, body)).text) as Record<string, unknown>;
/** A gRPC status as the REST envelope carries it (wrapperProxy: merr.Code(err), err.Error()). */
const asEnvelope = (status: { code?: number; reason: string }) => ({ code: status.code, message: status.reason });
const missing = (...keys: string[]) => ({
  code: 1802,
  message: `missing required parameters, error: ${keys.map((k) => `Key: '${k}' Error:Field validation for '${k.split('.').pop() ?? ''}' failed on the 'required' tag`).join('\n')}`,
});

const TEXTS = ['The quick brown fox jumps', 'Foxes are quick and clever'];

beforeAll(async () => {
  const created = await client.createCollection({
    collection_name: 'docs',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'text', data_type: DataType.VarChar, max_length: 500, enable_analyzer: true, enable_match: true, analyzer_params: { type: 'english' } },
      { name: 'plain', data_type: DataType.VarChar, max_length: 100 },
      { name: 'sparse', data_type: DataType.SparseFloatVector },
      { name: 'dense', data_type: DataType.FloatVector, dim: 2 },
    ],
    functions: [{ name: 'bm25', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['sparse'], params: {} }],
    index_params: [
      { field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25' },
      { field_name: 'dense', index_type: 'FLAT', metric_type: 'IP' },
    ],
  });
  expect(created.error_code).toBe('Success');
  const rows = TEXTS.map((text, i) => ({ id: i + 1, text, plain: `p${i}`, dense: [1, i] }));
  expect((await client.insert({ collection_name: 'docs', data: rows })).status.error_code).toBe('Success');
});

describe('common/run_analyzer (handler_v2.go runAnalyzer, request_v2.go RunAnalyzerReq; 2.6.4+, milvus#45032)', () => {
  it('answers data.results[].tokens with byte offsets, positions and hashes, as gRPC RunAnalyzer does', async () => {
    const res = await raw('common/run_analyzer', { text: ['Café au lait'], analyzerParams: '{"type":"standard"}', withDetail: true, withHash: true });
    // gin.H keys sorted; int64 offsets and the uint32 hash are JSON numbers.
    const grpc = await client.runAnalyzer({ text: ['Café au lait'], analyzer_params: { type: 'standard' }, with_detail: true, with_hash: true });
    const tokens = (grpc.results[0]?.tokens ?? []).map(
      (t) => `{"endOffset":${t.end_offset},"hash":${t.hash},"position":${t.position},"positionLength":${t.position_length},"startOffset":${t.start_offset},"token":${JSON.stringify(t.token)}}`,
    );
    expect(res).toEqual({ status: 200, type: 'application/json; charset=utf-8', text: `{"code":0,"data":{"results":[{"tokens":[${tokens.join(',')}]}]}}` });
    expect(tokens[0]).toMatch(/^\{"endOffset":5,"hash":\d+,"position":0,"positionLength":1,"startOffset":0,"token":"café"\}$/);
  });

  it('without withDetail/withHash a token is only its text; the default analyzer is standard; one result per text', async () => {
    expect(await post('common/run_analyzer', { text: ['Hello World', ''] })).toEqual({
      code: 0,
      data: { results: [{ tokens: [{ token: 'hello' }, { token: 'world' }] }, { tokens: [] }] },
    });
    expect(await post('common/run_analyzer', { text: [] })).toEqual({ code: 0, data: { results: [] } });
  });

  it("runs a collection field's analyzer (collectionName + fieldName), in the body's dbName", async () => {
    const res = await post('common/run_analyzer', { dbName: 'default', collectionName: 'docs', fieldName: 'text', text: ['Running foxes'] });
    expect(res).toEqual({ code: 0, data: { results: [{ tokens: [{ token: 'run' }, { token: 'fox' }] }] } });
  });

  it('binding errors: text is required and a list; analyzerParams is JSON text, not an object', async () => {
    expect(await post('common/run_analyzer', { analyzerParams: '{}' })).toEqual(missing('RunAnalyzerReq.Text'));
    expect(await post('common/run_analyzer', { text: 'hello' })).toEqual({
      code: 1801,
      message: 'can only accept json format request, error: json: cannot unmarshal string into Go struct field RunAnalyzerReq.text of type []string',
    });
    expect(await post('common/run_analyzer', { text: ['x'], analyzerParams: { type: 'standard' } })).toEqual({
      code: 1801,
      message: 'can only accept json format request, error: json: cannot unmarshal object into Go struct field RunAnalyzerReq.analyzerParams of type string',
    });
  });

  it('service errors are the gRPC statuses in the envelope: unknown collection or field, no analyzer, bad params, analyzerNames', async () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ collectionName: 'nope', fieldName: 'text' }, { collection_name: 'nope', field_name: 'text' }],
      [{ collectionName: 'docs', fieldName: 'nope' }, { collection_name: 'docs', field_name: 'nope' }],
      [{ collectionName: 'docs', fieldName: 'plain' }, { collection_name: 'docs', field_name: 'plain' }],
      [{ analyzerParams: '{"tokenizer":"nope"}' }, { analyzer_params: { tokenizer: 'nope' } }],
      [{ analyzerNames: ['en'] }, { analyzer_names: ['en'] }],
    ];
    for (const [rest, grpc] of cases) {
      const status = (await client.runAnalyzer({ ...grpc, text: ['a b'] } as never)).status;
      expect(status.code, JSON.stringify(rest)).not.toBe(0);
      expect(await post('common/run_analyzer', { text: ['a b'], ...rest })).toEqual(asEnvelope(status));
    }
    expect(await post('common/run_analyzer', { text: ['a'], collectionName: 'nope', fieldName: 'text' })).toEqual({
      code: 100,
      message: "can't find collection[database=default][collection=nope]",
    });
  });
});
