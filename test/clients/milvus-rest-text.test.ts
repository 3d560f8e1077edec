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
import { bm25Collection, withFakeMilvusAndSdk } from './milvus-helpers.js';

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
  const created = await client.createCollection(
    bm25Collection('docs', { analyzer: { type: 'english' }, maxLength: 500, extraFields: [{ name: 'plain', data_type: DataType.VarChar, max_length: 100 }] }),
  );
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

describe('collections/add_function, alter_function, drop_function (handler_v2.go; task_function.go outcomes)', () => {
  const bm25 = { name: 'bm25', type: 'BM25', inputFieldNames: ['text'], outputFieldNames: ['sparse'], params: {} };
  const embedding = { name: 'emb', type: 'TextEmbedding', inputFieldNames: ['text'], outputFieldNames: ['dense'], params: { provider: 'openai' } };
  const grpcFn = (fn: typeof bm25) => ({
    name: fn.name,
    type: fn.type === 'BM25' ? FunctionType.BM25 : FunctionType.TEXTEMBEDDING,
    input_field_names: fn.inputFieldNames,
    output_field_names: fn.outputFieldNames,
    params: fn.params,
  });

  it('add: BM25 is refused with the proxy 65535, other types as over gRPC; the collection is checked after the type', async () => {
    const grpc = await client.addCollectionFunction({ collection_name: 'docs', function: grpcFn({ ...bm25, name: 'other' }) as never });
    expect(await post('collections/add_function', { collectionName: 'docs', function: { ...bm25, name: 'other' } })).toEqual({
      code: 65535,
      message: 'Currently does not support adding BM25 function',
    });
    expect(asEnvelope(grpc)).toEqual({ code: 65535, message: 'Currently does not support adding BM25 function' });
    const emb = await client.addCollectionFunction({ collection_name: 'docs', function: grpcFn(embedding as never) as never });
    expect(await post('collections/add_function', { collectionName: 'docs', function: embedding })).toEqual(asEnvelope(emb));
    expect(await post('collections/add_function', { collectionName: 'nope', function: { ...bm25 } })).toMatchObject({ code: 65535 });
    expect(await post('collections/add_function', { collectionName: 'nope', function: embedding })).toEqual({
      code: 100,
      message: "can't find collection[database=default][collection=nope]",
    });
  });

  it('alter: BM25 refused, name mismatch and unknown function in task_function.go words', async () => {
    expect(await post('collections/alter_function', { collectionName: 'docs', functionName: 'bm25', function: bm25 })).toEqual({
      code: 65535,
      message: 'Currently does not support alter BM25 function',
    });
    // An existing BM25 function cannot be replaced by another type either.
    expect(await post('collections/alter_function', { collectionName: 'docs', functionName: 'bm25', function: { ...embedding, name: 'bm25' } })).toEqual({
      code: 65535,
      message: 'Currently does not support alter BM25 function',
    });
    expect(await post('collections/alter_function', { collectionName: 'docs', functionName: 'x', function: embedding })).toEqual({
      code: 65535,
      message: 'Invalid function config, name not match',
    });
    expect(await post('collections/alter_function', { collectionName: 'docs', functionName: 'emb', function: embedding })).toEqual({
      code: 65535,
      message: 'Function emb not found',
    });
    const grpc = await client.alterCollectionFunction({ collection_name: 'docs', function_name: 'emb', function: grpcFn(embedding as never) as never });
    expect(asEnvelope(grpc)).toEqual({ code: 65535, message: 'Function emb not found' });
  });

  it('drop: an unknown function succeeds, BM25 is refused; the JSON key is FunctionName (any case)', async () => {
    expect(await raw('collections/drop_function', { collectionName: 'docs', FunctionName: 'nope' })).toMatchObject({ status: 200, text: '{"code":0,"data":{}}' });
    expect(await post('collections/drop_function', { collectionName: 'docs', functionName: 'bm25' })).toEqual({
      code: 65535,
      message: 'Currently does not support droping BM25 function',
    });
    expect(await post('collections/drop_function', { collectionName: 'nope', FunctionName: 'bm25' })).toEqual({
      code: 100,
      message: "can't find collection[database=default][collection=nope]",
    });
    const d = await client.describeCollection({ collection_name: 'docs' });
    expect(d.schema.functions.map((f) => f.name)).toEqual(['bm25']);
  });

  it('binding: required keys, including the ones inside `function` (validator walks the nested struct)', async () => {
    expect(await post('collections/add_function', {})).toEqual(
      missing(
        'CollectionAddFunction.CollectionName',
        'CollectionAddFunction.Function.FunctionName',
        'CollectionAddFunction.Function.FunctionType',
        'CollectionAddFunction.Function.InputFieldNames',
        'CollectionAddFunction.Function.OutputFieldNames',
      ),
    );
    expect(await post('collections/alter_function', { collectionName: 'docs', function: bm25 })).toEqual(missing('CollectionAlterFunction.FunctionName'));
    expect(await post('collections/drop_function', { collectionName: 'docs' })).toEqual(missing('CollectionDropFunction.FunctionName'));
    expect(await post('collections/add_function', { collectionName: 'docs', function: { ...bm25, type: 1 } })).toEqual({
      code: 1801,
      // encoding/json names the innermost struct and the whole key path.
      message: 'can only accept json format request, error: json: cannot unmarshal number into Go struct field FunctionSchema.function.type of type string',
    });
  });

  it('an unknown function type: genFunctionSchema 1100, then (no return in the 2.6 handler) the proxy 65535, both in one body', async () => {
    for (const path of ['collections/add_function', 'collections/alter_function']) {
      const res = await raw(path, { collectionName: 'docs', functionName: 'bm25', function: { ...bm25, type: 'bm25' } });
      expect(res, path).toEqual({
        status: 200,
        type: 'application/json; charset=utf-8',
        text: '{"code":1100,"message":"Unsupported function type: bm25: invalid parameter"}{"code":65535,"message":"Function Schema is empty"}',
      });
    }
    expect(milvus.journal({ route: '/v2/vectordb/collections/add_function' }).at(-1)?.status).toBe(1100);
  });

  it('collections/create converts functions with the same genFunctionSchema: an unknown type is 1100, nothing is created', async () => {
    const res = await post('collections/create', {
      collectionName: 'typo',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'text', dataType: 'VarChar', elementTypeParams: { max_length: 10, enable_analyzer: true } },
          { fieldName: 'sparse', dataType: 'SparseFloatVector' },
        ],
        functions: [{ ...bm25, type: 'Bm25' }],
      },
    });
    expect(res).toEqual({ code: 1100, message: 'Unsupported function type: Bm25: invalid parameter' });
    expect((await client.hasCollection({ collection_name: 'typo' })).value).toBe(false);
  });
});

describe('with authorization on, the routes check the privilege of the gRPC request they build (checkAuthorizationV2)', () => {
  it('collection functions need the global CreateCollection privilege (AddCollectionFunctionRequest privilege_ext_obj); RunAnalyzer none', async () => {
    await using secured = await startFakeMilvus({ logLevel: 'silent', auth: true });
    const rootHeaders = { authorization: 'Bearer root:Milvus' };
    const call = async (path: string, body: unknown, headers: Record<string, string>) => {
      const response = await nodeFetch(`${secured.url}/v2/vectordb/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await call('users/create', { userName: 'plain', password: 'plain-pw-1' }, rootHeaders)).body).toEqual({ code: 0, data: {} });
    const plain = { authorization: 'Bearer plain:plain-pw-1' };
    expect(await call('collections/drop_function', { collectionName: 'any', FunctionName: 'f' }, plain)).toEqual({
      status: 403,
      body: { code: 65535, message: 'rpc error: code = PermissionDenied desc = PrivilegeCreateCollection: permission deny to plain in the `default` database' },
    });
    expect(await call('common/run_analyzer', { text: ['Hi'] }, plain)).toEqual({ status: 200, body: { code: 0, data: { results: [{ tokens: [{ token: 'hi' }] }] } } });
  });
});

describe('Milvus 3.0 routes are not registered on a 2.6 server (RegisterRoutesToV2; gin NoRoute)', () => {
  // handler_v2.go routeToMethod (2.6) lists neither these nor roles/alter, import commit/abort, snapshot,
  // external-collection and file-resource jobs.
  const V3 = [
    'collections/add_function_field',
    'collections/drop_function_field',
    'collections/fields/drop',
    'collections/struct_fields/add',
    'roles/alter',
    'jobs/import/commit',
    'jobs/import/abort',
    'jobs/snapshot/list',
    'jobs/external_collection/list',
    'file_resources/list',
  ];

  it("answers gin's own 404 page, as for any unknown path", async () => {
    for (const path of V3) {
      expect(await raw(path, { collectionName: 'docs' }), path).toEqual({ status: 404, type: 'text/plain', text: '404 page not found' });
    }
  });

  it('a fake configured as 3.x has them and answers 3000 (not implemented)', async () => {
    await using v3 = await startFakeMilvus({ logLevel: 'silent', version: 'v3.0.0' });
    for (const path of V3) {
      expect(JSON.parse((await raw(path, { collectionName: 'docs' }, v3.url)).text), path).toEqual({
        code: 3000,
        message: `REST /v2/vectordb/${path} is not supported by fakecontainers' fake Milvus: unsupported operation`,
      });
    }
  });
});

describe('highlighters outside the gRPC search (SearchReqV2/HybridSearchReq have none; advanced search ignores them)', () => {
  const search = { collectionName: 'docs', annsField: 'sparse', data: ['quick fox'], limit: 5, outputFields: ['id'] };
  const highlighter = { type: 'Lexical', pre_tags: ['['], post_tags: [']'], highlight_search_text: true };

  it('REST entities/search: a `highlighter` key is ignored; the reply is the plain search reply', async () => {
    const plain = await raw('entities/search', search);
    expect(JSON.parse(plain.text)).toMatchObject({ code: 0, topks: [2] });
    expect(await raw('entities/search', { ...search, highlighter })).toEqual(plain);
  });

  it('REST hybrid_search: ignored as well', async () => {
    const hybrid = {
      collectionName: 'docs',
      search: [
        { data: ['quick fox'], annsField: 'sparse', limit: 5 },
        { data: [[1, 1]], annsField: 'dense', limit: 5 },
      ],
      rerank: { strategy: 'rrf', params: { k: 60 } },
      limit: 5,
      outputFields: ['id'],
    };
    const plain = await raw('entities/hybrid_search', hybrid);
    expect(JSON.parse(plain.text)).toMatchObject({ code: 0, topks: [2] });
    expect(await raw('entities/hybrid_search', { ...hybrid, highlighter })).toEqual(plain);
  });

  it('gRPC hybridSearch: HybridSearchRequest has no highlighter field, so hits come back without highlights', async () => {
    const res = await client.hybridSearch({
      collection_name: 'docs',
      data: [
        { data: ['quick fox'], anns_field: 'sparse' },
        { data: [1, 1], anns_field: 'dense' },
      ] as never,
      limit: 5,
      output_fields: ['id'],
      highlighter: { type: 0, pre_tags: ['['], post_tags: [']'], highlight_search_text: true } as never,
    });
    expect(res.status.error_code).toBe('Success');
    const hits = res.results as unknown as Array<Record<string, unknown>>;
    expect(hits.length).toBe(2);
    expect(hits.every((h) => !('highlight' in h))).toBe(true);
  });
});

describe('semantic highlighter on a standalone without a model provider (task_search.go addHighlightTask, semantic_highlight.go)', () => {
  const semantic = (params: Record<string, unknown>) =>
    client.search({ collection_name: 'docs', anns_field: 'sparse', data: ['quick'], limit: 2, highlighter: { type: 1, ...params } as never });
  const failed = (reason: string) => ({ code: 1100, reason: `Create SemanticHighlight failed: ${reason} : invalid parameter` });

  it('valid params reach the Zilliz provider, whose endpoint config a standalone lacks', async () => {
    const res = await semantic({ queries: ['quick'], input_fields: ['text'] });
    expect(res.status).toMatchObject(failed('Zilliz client config error, lost endpoint config'));
  });

  it('queries and input_fields are required JSON string lists; input fields must be VarChar or Text', async () => {
    expect((await semantic({ input_fields: ['text'] })).status).toMatchObject(failed('queries is required'));
    expect((await semantic({ queries: ['q'], input_fields: [] })).status).toMatchObject(failed('input_field is required'));
    expect((await semantic({ queries: ['q'], input_fields: ['id'] })).status).toMatchObject(failed('input_field id is not a VarChar or Text field'));
    expect((await semantic({ queries: 'q', input_fields: ['text'] })).status).toMatchObject(
      failed("Parse queries failed, err: invalid character 'q' looking for beginning of value"),
    );
    expect((await semantic({ queries: ['q'], input_fields: { a: 1 } })).status).toMatchObject(
      failed('Parse input_field failed, err: json: cannot unmarshal object into Go value of type []string'),
    );
  });

  it('a HighlightType the proto does not name: 1100 unsupported highlight type (addHighlightTask default case)', async () => {
    expect((await semantic({ type: 2 })).status).toMatchObject({ code: 1100, reason: 'unsupported highlight type: 2: invalid parameter' });
  });
});
