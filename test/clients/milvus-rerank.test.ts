/**
 * Rerank functions (`function_score`) and the lexical highlighter through the official SDK. Expected
 * scores are computed by hand from the server's formulas:
 * - decay (milvus internal/util/function/rerank/decay_function.go; milvus.io/docs gaussian-decay.md,
 *   exponential-decay.md, linear-decay.md), d = max(0, |x − origin| − offset):
 *   gauss = decay^(d²/scale²), exp = decay^(d/scale), linear = max(decay, 1 − (1 − decay)·d/scale);
 *   final = factor × relevance (COSINE/IP as is, L2 as 1 − 2·atan(d)/π), max over hybrid sub-searches.
 * - boost (milvus.io/docs boost-ranker.md): matching candidates' scores × weight (boost_mode multiply).
 * - rrf / weighted functions (rrf_function.go, weighted_function.go).
 * - model rerankers: model_function.go checks; an unreachable provider fails as models/common.go send().
 * - highlighter (milvus.io/docs text-highlighter.md): fragments from the first match, 100 characters.
 */
import { DataType, FunctionType, HttpClient, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { withFakeMilvusAndSdk } from './milvus-helpers.js';

let client: MilvusClient;
let http: HttpClient;
withFakeMilvusAndSdk((m, c) => {
  client = c;
  http = new HttpClient({ endpoint: m.url });
});

const DAY_US = 86_400_000_000;
const ORIGIN_US = Date.parse('2026-03-01T00:00:00Z') * 1000;
const ROWS = [
  { id: 1, vec: [0.9, 0], l2: [0, 0], price: 10, doctype: 'abstract', ts: '2026-03-01T00:00:00Z', doc: 'alpha' },
  { id: 2, vec: [0.8, 0], l2: [1, 0], price: 50, doctype: 'body', ts: '2026-02-28T00:00:00Z', doc: 'beta' },
  { id: 3, vec: [0.7, 0], l2: [2, 0], price: 100, doctype: 'abstract', ts: '2026-02-27T00:00:00Z', doc: 'gamma' },
  { id: 4, vec: [0.6, 0], l2: [3, 0], price: 0, doctype: 'title', ts: '2026-02-26T00:00:00Z', doc: 'delta' },
];
const ip = (id: number) => Math.fround((ROWS[id - 1] as (typeof ROWS)[number]).vec[0] as number);
const price = (id: number) => (ROWS[id - 1] as (typeof ROWS)[number]).price;

const rerank = (params: Record<string, unknown>, inputs: string[] = []) => ({
  name: 'r',
  type: FunctionType.RERANK,
  input_field_names: inputs,
  params,
});

type Hits = Array<{ id: string; score: number }>;
const pairs = (res: { results: unknown }) => (res.results as Hits).map((h) => [Number(h.id), h.score]);

async function search(extra: Record<string, unknown>) {
  return client.search({ collection_name: 'rr', anns_field: 'vec', data: [1, 0], limit: 4, output_fields: ['id'], ...extra } as never);
}

/** Expected (id, score) pairs: fround(fround(factor) × relevance), best first, ties by id. */
function expected(ids: number[], score: (id: number) => number): Array<[number, number]> {
  return ids
    .map((id): [number, number] => [id, score(id)])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

beforeAll(async () => {
  const created = await client.createCollection({
    collection_name: 'rr',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      { name: 'l2', data_type: DataType.FloatVector, dim: 2 },
      { name: 'price', data_type: DataType.Double },
      { name: 'doctype', data_type: DataType.VarChar, max_length: 32 },
      { name: 'ts', data_type: DataType.Timestamptz },
      { name: 'doc', data_type: DataType.VarChar, max_length: 64 },
      { name: 'maybe', data_type: DataType.Int64, nullable: true },
    ],
    index_params: [
      { field_name: 'vec', index_type: 'FLAT', metric_type: 'IP' },
      { field_name: 'l2', index_type: 'FLAT', metric_type: 'L2' },
    ],
  });
  expect(created.error_code).toBe('Success');
  const inserted = await client.insert({ collection_name: 'rr', data: ROWS as never });
  expect(inserted.status.error_code).toBe('Success');
});

describe('decay rerankers on search (decay_function.go)', () => {
  const f32 = Math.fround;
  it('gauss: decay^(d²/scale²) × IP score, reordering the hits', async () => {
    const res = await search({ rerank: rerank({ reranker: 'decay', function: 'gauss', origin: 0, scale: 100, decay: 0.5 }, ['price']) });
    expect(res.status.error_code).toBe('Success');
    const gauss = (x: number) => f32(Math.exp((x * x * Math.log(0.5)) / 10_000));
    expect(pairs(res)).toEqual(expected([1, 2, 3, 4], (id) => f32(gauss(price(id)) * ip(id))));
    expect(pairs(res).map((p) => p[0])).toEqual([1, 2, 4, 3]);
  });

  it('exp and linear, with offset: d = max(0, |x − origin| − offset)', async () => {
    const exp = await search({ rerank: rerank({ reranker: 'decay', function: 'exp', origin: 0, scale: 100, decay: 0.5, offset: 20 }, ['price']) });
    const expF = (x: number) => f32(Math.exp((Math.log(0.5) / 100) * Math.max(0, x - 20)));
    expect(pairs(exp)).toEqual(expected([1, 2, 3, 4], (id) => f32(expF(price(id)) * ip(id))));
    const lin = await search({ rerank: rerank({ reranker: 'decay', function: 'linear', origin: 0, scale: 100, decay: 0.2 }, ['price']) });
    const linF = (x: number) => f32(Math.max(0.2, 1 - (0.8 / 100) * x));
    expect(pairs(lin)).toEqual(expected([1, 2, 3, 4], (id) => f32(linF(price(id)) * ip(id))));
  });

  it('reranks the best limit + offset raw hits, then cuts the page', async () => {
    const res = await search({ limit: 2, offset: 1, rerank: rerank({ reranker: 'decay', function: 'gauss', origin: 0, scale: 100 }, ['price']) });
    // Raw top 3 by IP: 1, 2, 3 (4 is not a candidate); decayed: 1 > 2 > 3; offset 1 leaves 2, 3.
    expect(pairs(res).map((p) => p[0])).toEqual([2, 3]);
  });

  it('Timestamptz: decays on UTC microseconds', async () => {
    const res = await search({ rerank: rerank({ reranker: 'decay', function: 'exp', origin: ORIGIN_US, scale: DAY_US, decay: 0.5 }, ['ts']) });
    // Rows are 0, 1, 2, 3 days before the origin: factors 1, 1/2, 1/4, 1/8.
    expect(pairs(res)).toEqual(expected([1, 2, 3, 4], (id) => f32(f32(0.5 ** (id - 1)) * ip(id))));
  });

  it('bad input answers the server code 65535 and its message', async () => {
    const cases: Array<[Record<string, unknown>, string[], string]> = [
      [{ reranker: 'decay', function: 'gauss', scale: 1 }, ['price'], 'Decay function lost param: origin'],
      [{ reranker: 'decay', function: 'gauss', origin: 0 }, ['price'], 'Decay function lost param: scale'],
      [{ reranker: 'decay', function: 'gauss', origin: 0, scale: 0 }, ['price'], 'Decay function param: scale must > 0, but got 0.000000'],
      // The server prints the offset in this message (decay_function.go).
      [{ reranker: 'decay', function: 'gauss', origin: 0, scale: 1, decay: 1 }, ['price'], 'Decay function param: decay must 0 < decay < 1, but got 0.000000'],
      [{ reranker: 'decay', function: 'cubic', origin: 0, scale: 1 }, ['price'], 'Invaild decay function: decay, only support [gauss,linear,exp]'],
      [{ reranker: 'decay', function: 'gauss', origin: 'x', scale: 1 }, ['price'], 'Param origin:x is not a number'],
      [{ reranker: 'decay', function: 'gauss', origin: 0, scale: 1 }, ['doctype'], 'Decay rerank: unsupported input field type:VarChar, only support numberic field'],
      [{ reranker: 'decay', function: 'gauss', origin: 0, scale: 1 }, ['price', 'ts'], 'Decay function only supoorts single input, but gets [price ts] input'],
      [{ reranker: 'foo' }, [], 'Unsupported rerank function: [foo] , list of supported [decay,model,rrf,weighted]'],
    ];
    for (const [params, inputs, reason] of cases) {
      const res = await search({ rerank: rerank(params, inputs) });
      expect([res.status.code, res.status.reason]).toEqual([65535, reason]);
    }
    const nullable = await search({ rerank: rerank({ reranker: 'decay', function: 'gauss', origin: 0, scale: 1 }, ['maybe']) });
    expect([nullable.status.code, nullable.status.reason]).toEqual([1100, 'function input field cannot be nullable: field maybe: invalid parameter']);
  });
});

describe('boost rankers (boost-ranker.md)', () => {
  it('multiplies the scores of the entities matching the filter by the weight', async () => {
    const res = await search({ rerank: rerank({ reranker: 'boost', filter: "doctype == 'abstract'", weight: 0.5 }) });
    const boosted = (id: number) => (id === 1 || id === 3 ? Math.fround(ip(id) * 0.5) : ip(id));
    expect(pairs(res)).toEqual(expected([1, 2, 3, 4], boosted));
    expect(pairs(res).map((p) => p[0])).toEqual([2, 4, 1, 3]);
  });

  it('boosts every candidate before the top-k, and combines boosts by function_mode / boost_mode', async () => {
    const top1 = await search({ limit: 1, rerank: rerank({ reranker: 'boost', filter: 'id == 4', weight: 2 }) });
    expect(pairs(top1)).toEqual([[4, Math.fround(ip(4) * 2)]]);
    const res = await search({
      rerank: {
        functions: [rerank({ reranker: 'boost', filter: 'id <= 2', weight: 0.1 }), rerank({ reranker: 'boost', filter: 'id >= 2', weight: 0.2 })],
        params: { function_mode: 'sum', boost_mode: 'sum' },
      },
    });
    // id 1: +0.1; id 2: +(0.1 + 0.2); ids 3, 4: +0.2.
    const add = (id: number) => Math.fround(ip(id) + (id === 1 ? 0.1 : id === 2 ? 0.1 + 0.2 : 0.2));
    expect(pairs(res)).toEqual(expected([1, 2, 3, 4], add));
  });

  it('random_score with a seed is repeatable, weight × a value in [0, 1)', async () => {
    const req = (seed: number) => search({ rerank: rerank({ reranker: 'boost', weight: 1, random_score: { seed, field: 'id' } }) });
    const [a, b, c] = [await req(126), await req(126), await req(7)];
    expect(a.results).toEqual(b.results);
    expect(pairs(c)).not.toEqual(pairs(a));
    for (const [id, s] of pairs(a) as Array<[number, number]>) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(ip(id));
    }
  });
});

describe('hybrid search with function rerankers', () => {
  const data = () => [
    { anns_field: 'vec', data: [1, 0] },
    { anns_field: 'l2', data: [0, 0] },
  ];
  const hybrid = (rr: unknown, limit = 4) => client.hybridSearch({ collection_name: 'rr', data: data(), rerank: rr as never, limit, output_fields: ['id'] });
  // Sub-search 1 (IP, larger first): 1, 2, 3, 4. Sub-search 2 (L2 to the origin): 1 (0), 2 (1), 3 (4), 4 (9).
  const l2 = (id: number) => (id - 1) ** 2;

  it('rrf function: Σ 1/(k + rank)', async () => {
    const res = await hybrid(rerank({ reranker: 'rrf', k: 10 }));
    expect(pairs(res)).toEqual([1, 2, 3, 4].map((id) => [id, Math.fround(2 / (10 + id))]));
  });

  it('weighted function with norm_score: Σ wᵢ·norm(sᵢ)', async () => {
    const res = await hybrid(rerank({ reranker: 'weighted', weights: [0.7, 0.3], norm_score: true }));
    const f = Math.fround;
    const score = (id: number) => f(f(0.7 * f(0.5 + Math.atan(ip(id)) / Math.PI)) + f(0.3 * f(1 - (2 * Math.atan(l2(id))) / Math.PI)));
    expect(pairs(res)).toEqual(expected([1, 2, 3, 4], score));
    const bad = await hybrid(rerank({ reranker: 'weighted', weights: [1] }));
    expect([bad.status.code, bad.status.reason]).toEqual([1100, 'the length of weights param mismatch with ann search requests: invalid parameter[expected=2][actual=1]']);
  });

  it('decay function: max over sub-searches of the larger-is-better score × factor', async () => {
    const res = await hybrid(rerank({ reranker: 'decay', function: 'linear', origin: 0, scale: 100, decay: 0.5 }, ['price']));
    const f = Math.fround;
    const rel = (id: number) => Math.max(ip(id), f(1 - (2 * Math.atan(l2(id))) / Math.PI));
    const score = (id: number) => f(f(Math.max(0.5, 1 - (0.5 / 100) * price(id))) * rel(id));
    expect(pairs(res)).toEqual(expected([1, 2, 3, 4], score));
  });

  it('a boost ranker cannot rank a hybrid search', async () => {
    const res = await hybrid(rerank({ reranker: 'boost', weight: 2 }));
    expect(res.status.code).toBe(3000);
  });
});

describe('model rerankers (model_function.go)', () => {
  it('a valid model reranker answers the unreachable-provider error', async () => {
    const res = await search({ rerank: rerank({ reranker: 'model', provider: 'tei', queries: ['alpha'], endpoint: 'http://localhost:8080' }, ['doc']) });
    expect([res.status.code, res.status.reason]).toEqual([
      65535,
      'Call service failed, errs:[Post "http://localhost:8080/rerank": dial tcp localhost:8080: connect: connection refused]',
    ]);
  });

  it('checks provider, queries, endpoint and the input type first', async () => {
    const cases: Array<[Record<string, unknown>, string[], string]> = [
      [{ reranker: 'model', queries: ['q'] }, ['doc'], 'lost rerank params:provider '],
      [{ reranker: 'model', provider: 'nope', queries: ['q'] }, ['doc'], 'unknown rerank model provider:nope'],
      [{ reranker: 'model', provider: 'tei', endpoint: 'http://x' }, ['doc'], 'Rerank function lost params queries'],
      [{ reranker: 'model', provider: 'vllm', queries: ['q'], endpoint: 'ftp://x' }, ['doc'], 'endpoint: [ftp://x] is not a valid http/https link'],
      [{ reranker: 'model', provider: 'tei', queries: ['q'] }, ['price'], 'Rerank model only support varchar, bug got [Double]'],
    ];
    for (const [params, inputs, reason] of cases) {
      const res = await search({ rerank: rerank(params, inputs) });
      expect([res.status.code, res.status.reason]).toEqual([65535, reason]);
    }
  });
});

describe('lexical highlighter (text-highlighter.md)', () => {
  const TEXTS = [
    'my first test doc',
    'my second test doc. Milvus is an open-source vector database that suits AI applications of every size from running a demo chatbot to building web-scale search.',
  ];
  beforeAll(async () => {
    const res = await client.createCollection({
      collection_name: 'hl',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'text', data_type: DataType.VarChar, max_length: 2000, enable_analyzer: true, enable_match: true },
        { name: 'sparse', data_type: DataType.SparseFloatVector },
      ],
      functions: [{ name: 'bm25', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['sparse'], params: {} }],
      index_params: [{ field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25' }],
    });
    expect(res.error_code).toBe('Success');
    await client.insert({ collection_name: 'hl', data: TEXTS.map((text, i) => ({ id: i + 1, text })) as never });
  });
  const hl = (data: string, highlighter: Record<string, unknown>) =>
    client.search({ collection_name: 'hl', anns_field: 'sparse', data: [data], limit: 10, output_fields: ['id'], highlighter: { type: 0, ...highlighter } as never });
  const fragments = (res: { results: unknown }) =>
    (res.results as Array<{ id: string; highlight?: Record<string, { fragments: string[] }> }>).map((h) => [Number(h.id), h.highlight?.text?.fragments]);

  it('wraps the BM25 search terms with the tags, 100 characters from the first match (docs example 1)', async () => {
    const res = await hl('test', { pre_tags: ['{'], post_tags: ['}'], highlight_search_text: true });
    expect(res.status.error_code).toBe('Success');
    expect(fragments(res).sort()).toEqual([
      [1, ['{test} doc']],
      [2, ['{test} doc. Milvus is an open-source vector database that suits AI applications of every size from run']],
    ]);
  });

  it('highlight_query TextMatch terms, fragment_offset / fragment_size, rotating tags', async () => {
    const res = await hl('Milvus', {
      pre_tags: ['<b>', '<i>'],
      post_tags: ['</b>', '</i>'],
      highlight_search_text: true,
      highlight_query: [{ type: 'TextMatch', field: 'text', text: 'my doc' }],
      fragment_offset: 20,
      fragment_size: 60,
      num_of_fragments: 1,
    });
    expect(fragments(res).find((f) => f[0] === 2)).toEqual([2, ['<b>my</b> second test <i>doc</i>. <b>Milvus</b> is an open-source vector database']]);
  });

  it("parameter errors in the 2.6 proxy's words (highlighter.go NewLexicalHighlighter, task_search.go createLexicalHighlighter, initHighlightQueries)", async () => {
    const reason = async (highlighter: Record<string, unknown>) => {
      const res = await hl('test', highlighter);
      expect(res.status.code, JSON.stringify(highlighter)).toBe(1100);
      return res.status.reason.replace(/: invalid parameter$/, '');
    };
    expect(await reason({ pre_tags: '<b>' })).toBe("unmarshal pre_tags as string array failed: invalid character '<' looking for beginning of value");
    expect(await reason({ pre_tags: [] })).toBe('pre_tags cannot be empty list');
    expect(await reason({ post_tags: [1] })).toBe('unmarshal post_tags as string list failed: json: cannot unmarshal number into Go value of type string');
    expect(await reason({ fragment_size: 0 })).toBe('invalid fragment_size: 0');
    expect(await reason({ num_of_fragments: -1 })).toBe('invalid num_of_fragments: -1');
    expect(await reason({ fragment_offset: 'x' })).toBe('invalid fragment_offset: x');
    expect(await reason({ highlight_search_text: 'yes' })).toBe('unmarshal highlight_search_text as bool failed: strconv.ParseBool: parsing "yes": invalid syntax');
    expect(await reason({ highlight_query: { type: 'TextMatch' } })).toBe(
      'unmarshal highlight queries as json array failed: json: cannot unmarshal object into Go value of type []interface {}',
    );
    expect(await reason({ highlight_query: [{ type: 'TextMatch', field: 'text' }] })).toBe('unmarshal highlight queries failed: must set `text` in query');
    expect(await reason({ highlight_query: [{ type: 1, field: 'text', text: 'x' }] })).toBe('unmarshal highlight queries failed: `type` must be string');
    expect(await reason({ highlight_query: [{ type: 'TextMatch', field: 'nope', text: 'x' }] })).toBe('highlight field not found in schema: nope');
    // Before the proxy sets the request's metric type, so the message ends with an empty one.
    const dense = await search({ highlighter: { type: 0, highlight_search_text: true } });
    expect(dense.status).toMatchObject({ code: 1100, reason: 'Search highlight only support with metric type "BM25" but was: : invalid parameter' });
  });

  it('the semantic highlighter needs a model service: the provider-config 1100 of a standalone (task_search.go addHighlightTask)', async () => {
    const res = await client.search({
      collection_name: 'hl',
      anns_field: 'sparse',
      data: ['test'],
      limit: 1,
      highlighter: { type: 1, queries: ['q'], input_fields: ['text'] } as never,
    });
    expect(res.status).toMatchObject({
      code: 1100,
      reason: 'Create SemanticHighlight failed: Zilliz client config error, lost endpoint config : invalid parameter',
    });
  });
});

describe('REST v2 functionScore (HttpClient)', () => {
  const rest = (fn: Record<string, unknown>, params: Record<string, unknown>) => ({ name: 'r', type: 'Rerank', inputFieldNames: fn.inputs ?? [], params });

  it('search: a decay function in functionScore reranks as over gRPC', async () => {
    const res = await http.search({
      collectionName: 'rr',
      annsField: 'vec',
      data: [[1, 0]],
      limit: 4,
      outputFields: ['id'],
      functionScore: { functions: [rest({ inputs: ['price'] }, { reranker: 'decay', function: 'gauss', origin: 0, scale: 100, decay: 0.5 })], params: {} },
    } as never);
    expect(res.code).toBe(0);
    const grpc = await search({ rerank: rerank({ reranker: 'decay', function: 'gauss', origin: 0, scale: 100, decay: 0.5 }, ['price']) });
    // REST prints float32 scores in their shortest form (Go's encoding of float32).
    const got = (res.data as unknown as Array<{ id: number; distance: number }>).map((r) => [Number(r.id), Math.fround(r.distance)]);
    expect(got).toEqual(pairs(grpc));
  });

  it('hybrid search: an rrf function without a rerank strategy; bad input keeps the server message', async () => {
    const search = [
      { annsField: 'vec', data: [[1, 0]], limit: 4 },
      { annsField: 'l2', data: [[0, 0]], limit: 4 },
    ];
    const res = await http.hybridSearch({
      collectionName: 'rr',
      search,
      limit: 4,
      outputFields: ['id'],
      functionScore: { functions: [rest({}, { reranker: 'rrf', k: 10 })], params: {} },
    } as never);
    expect((res.data as unknown as Array<{ id: number; distance: number }>).map((r) => [Number(r.id), Math.fround(r.distance)])).toEqual(
      [1, 2, 3, 4].map((id) => [id, Math.fround(2 / (10 + id))]),
    );
    const bad = await http.hybridSearch({
      collectionName: 'rr',
      search,
      functionScore: { functions: [rest({}, { reranker: 'rrf', k: 0 })], params: {} },
    } as never);
    expect([bad.code, (bad as { message?: string }).message]).toEqual([65535, 'The rank params k should be in range (0, 16384)']);
  });
});
