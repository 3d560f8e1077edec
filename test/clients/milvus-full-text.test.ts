/**
 * Full-text search through the official SDK: BM25 functions, analyzers, RunAnalyzer, text search and
 * hybrid search. Expected BM25 scores are computed by hand from the formula in milvus.io/docs/bm25-function.md
 * and segcore (BM25Stats.BuildIDF, knowhere GetDocValueBM25Computer):
 *   score = Σ_t tf_q(t)·idf(t)·tf·(k1+1)/(tf + k1·(1 − b + b·dl/avgdl)),  idf = ln(1 + (N − n + 0.5)/(n + 0.5)).
 */
import { crc32 } from 'node:zlib';
import { FunctionType, HttpClient, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { bm25Collection, withFakeMilvusAndSdk } from './milvus-helpers.js';

/** The SDK's createCollection throws the failed status (it creates indexes and loads after creating). */
async function createFails(request: Parameters<MilvusClient['createCollection']>[0]): Promise<{ code: number; reason: string }> {
  try {
    const res = await client.createCollection(request);
    return { code: res.code ?? 0, reason: res.reason };
  } catch (error) {
    return error as { code: number; reason: string };
  }
}

/** One query's hits (every search here has one query text). */
const hits = (res: { results: unknown }) => res.results as Array<{ id: string; score: number }>;

let milvus: StartedFakeMilvus;
let client: MilvusClient;
withFakeMilvusAndSdk((m, c) => {
  milvus = m;
  client = c;
});

const idf = (N: number, n: number) => Math.log(1 + (N - n + 0.5) / (n + 0.5));
const tfPart = (tf: number, dl: number, avgdl: number, k1 = 1.2, b = 0.75) => (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * dl) / avgdl));

const schema = (name: string, analyzer?: Record<string, unknown>) => bm25Collection(name, { analyzer });

const DOCS = [
  { id: 1, text: 'the quick brown fox', dense: [1, 0] },
  { id: 2, text: 'the lazy dog', dense: [0, 1] },
  { id: 3, text: 'quick quick fox jumps', dense: [0.5, 0.5] },
];

describe('BM25 collections (milvus.io/docs/full-text-search.md)', () => {
  beforeAll(async () => {
    const created = await client.createCollection(schema('docs'));
    expect(created.error_code).toBe('Success');
    const inserted = await client.insert({ collection_name: 'docs', data: DOCS });
    expect(inserted.status.error_code).toBe('Success');
  });

  it('describes the function and marks the output field (proxy validateFunction)', async () => {
    const d = await client.describeCollection({ collection_name: 'docs' });
    expect(d.schema.functions).toEqual([
      expect.objectContaining({ name: 'bm25', type: 'BM25', input_field_names: ['text'], output_field_names: ['sparse'] }),
    ]);
    expect(d.schema.fields.find((f) => f.name === 'sparse')?.is_function_output).toBe(true);
    expect(d.schema.fields.find((f) => f.name === 'text')?.is_function_output).toBe(false);
  });

  it('stores token-hash counts in the output field (bm25_function.go: crc32 % (2^32-1) → count)', async () => {
    const q = await client.query({ collection_name: 'docs', filter: 'id == 3', output_fields: ['sparse'] });
    const h = (t: string) => String(crc32(t) % 0xffffffff);
    expect(q.data[0]?.sparse).toEqual({ [h('quick')]: 2, [h('fox')]: 1, [h('jumps')]: 1 });
  });

  it('scores a text query with BM25 over the live statistics, exactly', async () => {
    const res = await client.search({ collection_name: 'docs', data: ['quick fox'], anns_field: 'sparse', limit: 3, output_fields: ['id'] });
    expect(res.status.error_code).toBe('Success');
    // N = 3, avgdl = 11/3; "quick" and "fox" are each in docs 1 and 3.
    const w = idf(3, 2);
    const avgdl = 11 / 3;
    const s1 = w * tfPart(1, 4, avgdl) + w * tfPart(1, 4, avgdl);
    const s3 = w * tfPart(2, 4, avgdl) + w * tfPart(1, 4, avgdl);
    expect(hits(res).map((r) => r.id)).toEqual(['3', '1']);
    expect(hits(res)[0]?.score).toBeCloseTo(s3, 5);
    expect(hits(res)[1]?.score).toBeCloseTo(s1, 5);
  });

  it('filters, offsets and range search apply to BM25 hits like any metric', async () => {
    const filtered = await client.search({ collection_name: 'docs', data: ['quick fox'], anns_field: 'sparse', limit: 3, filter: 'id < 3' });
    expect(hits(filtered).map((r) => r.id)).toEqual(['1']);
    const paged = await client.search({ collection_name: 'docs', data: ['quick fox'], anns_field: 'sparse', limit: 1, offset: 1 });
    expect(hits(paged).map((r) => r.id)).toEqual(['1']);
    const w = idf(3, 2);
    const s1 = 2 * w * tfPart(1, 4, 11 / 3);
    const ranged = await client.search({
      collection_name: 'docs', data: ['quick fox'], anns_field: 'sparse', limit: 3, params: { radius: s1 + 0.001 },
    });
    expect(hits(ranged).map((r) => r.id)).toEqual(['3']);
  });

  it('statistics follow deletes; drop_ratio_search drops the weakest query terms', async () => {
    await client.createCollection(schema('stats'));
    await client.insert({ collection_name: 'stats', data: [...DOCS, { id: 4, text: 'fox', dense: [1, 1] }] });
    await client.delete({ collection_name: 'stats', filter: 'id == 4' });
    const res = await client.search({ collection_name: 'stats', data: ['quick fox'], anns_field: 'sparse', limit: 3 });
    const w = idf(3, 2);
    expect(hits(res)[0]?.score).toBeCloseTo(w * tfPart(2, 4, 11 / 3) + w * tfPart(1, 4, 11 / 3), 5);
    // "lazy" (n=1) outweighs "the" (n=2): dropping the lower half leaves only "lazy" → doc 2 alone.
    const dropped = await client.search({
      collection_name: 'stats', data: ['the lazy'], anns_field: 'sparse', limit: 3, params: { drop_ratio_search: 0.5 },
    });
    expect(hits(dropped).map((r) => r.id)).toEqual(['2']);
    expect(hits(dropped)[0]?.score).toBeCloseTo(idf(3, 1) * tfPart(1, 3, 11 / 3), 5);
  });

  it('upsert recomputes the output field from the new text', async () => {
    await client.createCollection(schema('upserts'));
    await client.insert({ collection_name: 'upserts', data: DOCS });
    await client.upsert({ collection_name: 'upserts', data: [{ id: 2, text: 'fox fox', dense: [0, 1] }] });
    const q = await client.query({ collection_name: 'upserts', filter: 'id == 2', output_fields: ['sparse'] });
    expect(q.data[0]?.sparse).toEqual({ [String(crc32('fox') % 0xffffffff)]: 2 });
    const res = await client.search({ collection_name: 'upserts', data: ['fox'], anns_field: 'sparse', limit: 3 });
    // N = 3, n(fox) = 3, dl = 4, 2, 4 → avgdl 10/3.
    const w = idf(3, 3);
    expect(hits(res).map((r) => r.id)).toEqual(['2', '1', '3']);
    expect(hits(res)[0]?.score).toBeCloseTo(w * tfPart(2, 2, 10 / 3), 5);
  });

  it('hybrid search fuses a text and a dense sub-request (RRF, k = 60)', async () => {
    const res = await client.hybridSearch({
      collection_name: 'docs',
      data: [
        { data: ['lazy dog'], anns_field: 'sparse', params: {} },
        { data: [[1, 0]], anns_field: 'dense' },
      ] as never,
      rerank: { strategy: 'rrf', params: { k: 60 } },
      limit: 3,
      output_fields: ['id'],
    });
    expect(res.status.error_code).toBe('Success');
    // text: [2]; dense IP with [1,0]: 1 (1), 3 (0.5), 2 (0) → 2 = 1/61 + 1/63, 1 = 1/61, 3 = 1/62.
    expect(hits(res).map((r) => r.id)).toEqual(['2', '1', '3']);
    expect(hits(res)[0]?.score).toBeCloseTo(1 / 61 + 1 / 63, 6);
  });

  it('weighted ranker normalises BM25 with 2·atan(s)/π and IP with 0.5 + atan(s)/π (rerank getNormalizeFunc)', async () => {
    const res = await client.hybridSearch({
      collection_name: 'docs',
      data: [
        { data: ['lazy dog'], anns_field: 'sparse' },
        { data: [[1, 0]], anns_field: 'dense' },
      ] as never,
      rerank: { strategy: 'weighted', params: { weights: [0.6, 0.4] } },
      limit: 3,
    });
    const text2 = idf(3, 1) * tfPart(1, 3, 11 / 3) * 2; // "lazy" and "dog" each once in doc 2 (dl 3)
    const bm25 = (s: number) => (2 * Math.atan(s)) / Math.PI;
    const ip = (s: number) => 0.5 + Math.atan(s) / Math.PI;
    const expected = [
      { id: '2', score: 0.6 * bm25(text2) + 0.4 * ip(0) },
      { id: '1', score: 0.4 * ip(1) },
      { id: '3', score: 0.4 * ip(0.5) },
    ].sort((a, b) => b.score - a.score);
    expect(hits(res).map((r) => r.id)).toEqual(expected.map((e) => e.id));
    hits(res).forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 5));
  });

  it('text_match uses the field analyzer (keyword-match.md)', async () => {
    const q = await client.query({ collection_name: 'docs', filter: "text_match(text, 'FOX')", output_fields: ['id'] });
    expect(q.data.map((r) => r.id).sort()).toEqual(['1', '3']);
    const both = await client.query({ collection_name: 'docs', filter: "text_match(text, 'lazy brown quick', minimum_should_match=2)" });
    expect(both.data.map((r) => r.id)).toEqual(['1']);
  });

  it('phrase_match with slop (phrase-match.md: slop = positions allowed between the terms)', async () => {
    const ids = async (filter: string) => (await client.query({ collection_name: 'docs', filter })).data.map((r) => r.id).sort();
    // doc 1: the(0) quick(1) brown(2) fox(3); doc 3: quick(0) quick(1) fox(2) jumps(3).
    expect(await ids("phrase_match(text, 'quick fox')")).toEqual(['3']);
    expect(await ids("phrase_match(text, 'quick fox', 1)")).toEqual(['1', '3']);
    expect(await ids("phrase_match(text, 'fox quick', 5)")).toEqual([]);
    const filtered = await client.search({
      collection_name: 'docs', data: ['fox'], anns_field: 'sparse', limit: 3, filter: "phrase_match(text, 'brown fox')",
    });
    expect(hits(filtered).map((r) => r.id)).toEqual(['1']);
  });
});

describe('English analyzer end to end (english-analyzer.md)', () => {
  it('stems documents and queries alike', async () => {
    await client.createCollection(schema('english', { type: 'english' }));
    await client.insert({
      collection_name: 'english',
      data: [
        { id: 1, text: 'Running dogs are loving it', dense: [1, 0] },
        { id: 2, text: 'a cat sleeps', dense: [0, 1] },
      ],
    });
    const res = await client.search({ collection_name: 'english', data: ['the dog runs'], anns_field: 'sparse', limit: 2 });
    expect(hits(res).map((r) => r.id)).toEqual(['1']);
    // doc 1 → run, dog, love (are/it are stop words): dl 3; doc 2 → cat, sleep: dl 2; avgdl 2.5.
    expect(hits(res)[0]?.score).toBeCloseTo(2 * idf(2, 1) * tfPart(1, 3, 2.5), 5);
  });
});

describe('refusals: the server code and message, and nothing created', () => {
  it('a BM25 function on a non-VarChar input or a non-sparse output (internal/proxy/util.go)', async () => {
    const bad = schema('bad_input');
    bad.functions = [{ ...bad.functions[0]!, input_field_names: ['id'] }];
    const r1 = await createFails(bad);
    expect(r1.code).toBe(1100);
    expect(r1.reason).toBe('BM25 function input field must be a VARCHAR/TEXT field, got 1 field with type Int64: invalid parameter');
    const bad2 = schema('bad_output');
    bad2.functions = [{ ...bad2.functions[0]!, output_field_names: ['dense'] }];
    bad2.index_params = [];
    const r2 = await createFails(bad2);
    expect(r2.code).toBe(1100);
    expect(r2.reason).toBe('BM25 function output field must be a SparseFloatVector field, but got FloatVector: invalid parameter');
    const has = await client.hasCollection({ collection_name: 'bad_input' });
    expect(has.value).toBe(false);
  });

  it('analyzer params the server rejects, and tokenizers the fake lacks (3000)', async () => {
    const r1 = await createFails(schema('bad_analyzer', { tokenizer: 'standard', filter: ['nope'] }));
    expect(r1.code).toBe(1100);
    expect(r1.reason).toContain('build analyzer failed, filter not found :nope');
    const r2 = await createFails(schema('jieba', { tokenizer: 'jieba' }));
    expect(r2.code).toBe(3000);
    expect((await client.hasCollection({ collection_name: 'jieba' })).value).toBe(false);
  });
});

describe('collection function RPCs (internal/proxy/task_function.go: BM25 only at create)', () => {
  it('refuses adding, altering and dropping BM25 functions; dropping an unknown one succeeds', async () => {
    const bm25 = { name: 'bm25', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['sparse'], params: {} };
    const add = await client.addCollectionFunction({ collection_name: 'docs', function: { ...bm25, name: 'other' } });
    expect([add.code, add.reason]).toEqual([65535, 'Currently does not support adding BM25 function']);
    const alter = await client.alterCollectionFunction({ collection_name: 'docs', function_name: 'bm25', function: bm25 });
    expect([alter.code, alter.reason]).toEqual([65535, 'Currently does not support alter BM25 function']);
    const drop = await client.dropCollectionFunction({ collection_name: 'docs', function_name: 'bm25' });
    expect([drop.code, drop.reason]).toEqual([65535, 'Currently does not support droping BM25 function']);
    const none = await client.dropCollectionFunction({ collection_name: 'docs', function_name: 'nope' });
    expect(none.error_code).toBe('Success');
    const d = await client.describeCollection({ collection_name: 'docs' });
    expect(d.schema.functions.map((f) => f.name)).toEqual(['bm25']);
  });
});

describe('RunAnalyzer (querynode runAnalyzer)', () => {
  it('tokens, byte offsets, positions and hashes', async () => {
    const res = await client.runAnalyzer({ text: ['Café au lait'], analyzer_params: { type: 'standard' }, with_detail: true, with_hash: true });
    expect(res.status.error_code).toBe('Success');
    const tokens = res.results[0]?.tokens ?? [];
    expect(tokens.map((t) => [t.token, Number(t.start_offset), Number(t.end_offset), Number(t.position)])).toEqual([
      ['café', 0, 5, 0], ['au', 6, 8, 1], ['lait', 9, 13, 2],
    ]);
    expect(Number(tokens[0]?.hash)).toBe(crc32('café') % 0xffffffff);
  });
});

describe('REST v2 (collections/create with functions, entities/search with text)', () => {
  it('creates, describes and searches', async () => {
    const rest = new HttpClient({ endpoint: milvus.url });
    const created = await rest.createCollection({
      collectionName: 'rest_docs',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'text', dataType: 'VarChar', elementTypeParams: { max_length: 200, enable_analyzer: true } },
          { fieldName: 'sparse', dataType: 'SparseFloatVector' },
        ],
        functions: [{ name: 'bm25', type: 'BM25', inputFieldNames: ['text'], outputFieldNames: ['sparse'], params: {} }],
      },
      indexParams: [{ fieldName: 'sparse', indexName: 'sparse', metricType: 'BM25', params: { index_type: 'SPARSE_INVERTED_INDEX' } }],
    } as never);
    expect(created.code).toBe(0);
    const described = (await rest.describeCollection({ collectionName: 'rest_docs' })) as unknown as { data: { functions: unknown[] } };
    expect(described.data.functions).toEqual([
      { name: 'bm25', description: '', type: 1, id: 100, inputFieldNames: ['text'], outputFieldNames: ['sparse'], params: [] },
    ]);
    // Users never send the output field: the proxy's column count check refuses it (fillFieldPropertiesBySchema).
    const sent = await rest.insert({ collectionName: 'rest_docs', data: [{ id: 9, text: 'x', sparse: { 1: 1 } }] });
    expect(sent).toMatchObject({ code: 65535, message: 'len(columns) mismatch the expectColumnNum, expectColumnNum: 2, len(columns): 3' });
    await rest.insert({ collectionName: 'rest_docs', data: DOCS.map(({ id, text }) => ({ id, text })) });
    const found = (await rest.search({ collectionName: 'rest_docs', data: ['lazy'], annsField: 'sparse', limit: 2 } as never)) as unknown as {
      code: number;
      data: Array<{ id: number; distance: number }>;
    };
    expect(found.code).toBe(0);
    expect(found.data.map((d) => String(d.id))).toEqual(['2']);
    expect(found.data[0]?.distance).toBeCloseTo(idf(3, 1) * tfPart(1, 3, 11 / 3), 5);
  });
});
