/**
 * Array of Structs fields (Milvus 2.6.4+) through the official SDK 3.0.6.
 *
 * Sources: milvus.io/docs/array-of-structs.md (limits: element types, not nullable, no defaults, not
 * addable later), milvus-io/milvus `internal/proxy/validate_util.go` (`ValidateStructArrayField`,
 * `ValidateFieldsInStruct`, `validateStructArrayFieldMaxCapacity`, `validateDuplicatedFieldName`,
 * `restoreStructFieldNames`), `internal/proxy/task_query.go` (`reconstructStructFieldData`), the SDK's
 * `utils/Schema.js` (formatStructArrayFieldSchema), `utils/Format.js` (describe), `utils/Data.js`
 * (processStructArraysData). Notes: /work/notes/milvus-structs.md.
 */
import { DataType, HttpClient, MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { startTestMilvus, withFakeMilvusAndSdk } from './milvus-helpers.js';

let client: MilvusClient;
let milvus: StartedFakeMilvus;
withFakeMilvusAndSdk((fake, sdk) => {
  milvus = fake;
  client = sdk;
});

function chunksField(extra: Record<string, unknown> = {}, subs?: Array<Record<string, unknown>>) {
  return {
    name: 'chunks',
    data_type: DataType.Array,
    element_type: DataType.Struct,
    max_capacity: 4,
    fields: subs ?? [
      { name: 'text', data_type: DataType.VarChar, max_length: 64 },
      { name: 'page', data_type: DataType.Int32 },
      { name: 'emb', data_type: DataType.FloatVector, dim: 2 },
    ],
    ...extra,
  };
}

function fields(struct: Record<string, unknown> = chunksField()) {
  return [
    { name: 'id', data_type: DataType.Int64, is_primary_key: true },
    { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
    struct,
  ];
}

async function create(name: string, struct?: Record<string, unknown>) {
  return client.createCollection({ collection_name: name, fields: fields(struct) as never });
}

/** The SDK's createCollection throws the failing Status; hand it back as a value. */
async function refusal(name: string, struct: Record<string, unknown>): Promise<{ code: number; reason: string; error_code: string }> {
  try {
    await create(name, struct);
  } catch (status) {
    return status as { code: number; reason: string; error_code: string };
  }
  throw new Error(`${name} was created`);
}

describe('create and describe', () => {
  beforeAll(async () => {
    const res = await create('books');
    expect(res.error_code).toBe('Success');
  });

  test('describe returns the struct as Array<Struct> with its sub-fields and max_capacity', async () => {
    // restoreStructFieldNames: sub-fields keep their plain names in DescribeCollection.
    const desc = await client.describeCollection({ collection_name: 'books' });
    expect(desc.schema.struct_array_fields).toHaveLength(1);
    const chunks = desc.schema.fields.find((f) => f.name === 'chunks') as unknown as Record<string, unknown> & {
      fields: Array<Record<string, unknown>>;
    };
    expect(chunks.data_type).toBe('Array');
    expect(chunks.element_type).toBe('Struct');
    expect(chunks.max_capacity).toBe('4');
    expect(chunks.fields.map((f) => [f.name, f.data_type, f.dim ?? f.max_length ?? null])).toEqual([
      ['text', 'VarChar', '64'],
      ['page', 'Int32', null],
      ['emb', 'FloatVector', '2'],
    ]);
    expect(Number(chunks.fieldID)).toBe(102);
    expect(chunks.fields.map((f) => Number(f.fieldID))).toEqual([103, 104, 105]);
  });
});

describe('schema refusals', () => {
  test('a struct without max_capacity is refused as the proxy words it', async () => {
    // validate_util.go getMaxCapacityPerRow: ErrParameterMissing (1101) per sub-field.
    const res = await refusal('no_cap', chunksField({ max_capacity: undefined }));
    expect(res.code).toBe(1101);
    expect(res.reason).toBe(
      'type param(max_capacity) should be specified for array field text of collection no_cap: missing parameter',
    );
  });

  test('max_capacity outside (0, 4096] is refused', async () => {
    const res = await refusal('big_cap', chunksField({ max_capacity: 5000 }));
    expect(res.code).toBe(1100);
    expect(res.reason).toBe('the maximum capacity specified for a Array should be in (0, 4096]: invalid parameter');
  });

  test('JSON is not a struct element type', async () => {
    // array-of-structs.md limits: scalars VARCHAR, INT8/16/32/64, FLOAT, DOUBLE, BOOLEAN; vectors FLOAT_VECTOR.
    const res = await refusal('json_sub', chunksField({}, [{ name: 'meta', data_type: DataType.JSON }]));
    expect(res.code).toBe(1100);
    expect(res.reason).toBe('element type JSON is not supported: invalid parameter');
  });

  test('sub-field names share one namespace with the other fields', async () => {
    // validateDuplicatedFieldName walks fields, struct names and sub-field names.
    const res = await refusal('dup', chunksField({}, [{ name: 'vec', data_type: DataType.Int64 }]));
    expect(res.code).toBe(1100);
    expect(res.reason).toBe('duplicated field name vec found: invalid parameter');
  });

  test('a struct with no sub-fields is refused', async () => {
    const res = await refusal('empty', chunksField({}, []));
    expect(res.reason).toBe('struct array field chunks has no sub-fields: invalid parameter');
  });

  test('a nullable struct is refused (2.6: Array of Structs fields are not nullable)', async () => {
    const res = await refusal('nullable', chunksField({ nullable: true }));
    expect(res.code).toBe(1100);
    expect(res.reason).toBe('struct array field chunks can not be nullable: invalid parameter');
  });

  test('embedding lists hold FloatVector only', async () => {
    const res = await refusal('bin', chunksField({}, [{ name: 'b', data_type: DataType.BinaryVector, dim: 8 }]));
    expect(res.code).toBe(1100);
    expect(res.reason).toContain('Unsupported element type BinaryVector of ArrayOfVector field b');
  });

  test('adding a struct field to an existing collection is refused (2.6 docs: not supported)', async () => {
    await create('later');
    const res = await client.addCollectionField({
      collection_name: 'later',
      field: { ...chunksField({ name: 'extra', nullable: true }) } as never,
    });
    expect(res.code).toBe(3000);
  });
});

const BOOKS = [
  {
    id: 1,
    vec: [1, 0],
    chunks: [
      { text: 'When I wrote the following pages', page: 1, emb: [1, 0] },
      { text: 'I would fain say something', page: 2, emb: [0, 1] },
    ],
  },
  { id: 2, vec: [0, 1], chunks: [{ text: 'Economy', page: 7, emb: [0.5, 0.5] }] },
  { id: 3, vec: [1, 1], chunks: [] },
];

describe('insert and query', () => {
  beforeAll(async () => {
    await create('library');
    const res = await client.insert({ collection_name: 'library', data: BOOKS });
    expect(res.status.error_code).toBe('Success');
    await client.createIndex({ collection_name: 'library', field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' });
    await client.loadCollection({ collection_name: 'library' });
  });

  test('query returns each row\'s array of structs as sent (sub-fields zipped back by the SDK)', async () => {
    // task_query.go reconstructStructFieldData regroups the sub-field columns under the struct's name.
    const res = await client.query({ collection_name: 'library', filter: 'id > 0', output_fields: ['id', 'chunks'] });
    expect(res.status.error_code).toBe('Success');
    expect(res.data).toEqual([
      { id: '1', chunks: BOOKS[0]?.chunks },
      { id: '2', chunks: BOOKS[1]?.chunks },
      { id: '3', chunks: [] },
    ]);
  });

  test('get with * includes the struct field', async () => {
    const res = await client.get({ collection_name: 'library', ids: [2], output_fields: ['*'] });
    expect(res.data[0]?.chunks).toEqual(BOOKS[1]?.chunks);
  });

  test('more elements than max_capacity are refused like an over-long array', async () => {
    // Each sub-field is checked as an Array of the struct's max_capacity (validate_util.go checkArrayFieldData).
    const chunks = Array.from({ length: 5 }, (_, i) => ({ text: `t${i}`, page: i, emb: [i, i] }));
    const res = await client.insert({ collection_name: 'library', data: [{ id: 9, vec: [0, 0], chunks }] });
    expect(res.status.code).toBe(1100);
    expect(res.status.reason).toContain('the length (5) of 0th array exceeds max capacity (4)');
  });

  test('a sub-vector of the wrong dim is refused', async () => {
    const res = await client.insert({
      collection_name: 'library',
      data: [{ id: 9, vec: [0, 0], chunks: [{ text: 'x', page: 1, emb: [1, 2, 3] }] }],
    });
    expect(res.status.code).toBe(1100);
    expect(res.status.reason).toContain('sub-field emb');
  });

  test('upsert replaces the stored struct array', async () => {
    const chunks = [{ text: 'new', page: 3, emb: [0.25, 0.75] }];
    const up = await client.upsert({ collection_name: 'library', data: [{ id: 3, vec: [1, 1], chunks }] });
    expect(up.status.error_code).toBe('Success');
    const res = await client.query({ collection_name: 'library', filter: 'id == 3', output_fields: ['chunks'] });
    expect(res.data[0]?.chunks).toEqual(chunks);
    await client.upsert({ collection_name: 'library', data: [{ id: 3, vec: [1, 1], chunks: [] }] });
  });
});

describe('REST v2', () => {
  type Reply = { code: number; data: unknown; message?: string };
  let post: (path: string, body: Record<string, unknown>) => Promise<Reply>;
  beforeAll(async () => {
    const rest = new HttpClient({ endpoint: milvus.url });
    post = (path, body) => (rest as unknown as { POST: (url: string, data: unknown) => Promise<Reply> }).POST(`/vectordb/${path}`, body);
    await create('rest_books');
    await client.createIndex({ collection_name: 'rest_books', field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' });
    await client.loadCollection({ collection_name: 'rest_books' });
  });

  test('describe lists the struct under structFields, not among fields', async () => {
    // handler_v2.go describe; the structFields key shape is the fake's reading (see README).
    const res = (await post('collections/describe', { collectionName: 'rest_books' })) as {
      code: number;
      data: { fields: Array<{ name: string }>; structFields: Array<{ name: string; fields: Array<{ name: string; type: string }> }> };
    };
    expect(res.code).toBe(0);
    expect(res.data.fields.map((f) => f.name)).toEqual(['id', 'vec']);
    expect(res.data.structFields[0]?.name).toBe('chunks');
    expect(res.data.structFields[0]?.fields.map((f) => [f.name, f.type])).toEqual([
      ['text', 'VarChar'],
      ['page', 'Int32'],
      ['emb', 'FloatVector'],
    ]);
  });

  test('rows carry arrays of struct objects in and out (Int64 sub-values would be strings; Float32 shortest form)', async () => {
    // array-of-structs.md: "Insert a StructArray field as an array of objects".
    const inserted = await post('entities/insert', {
      collectionName: 'rest_books',
      data: [{ id: 7, vec: [0.5, 0.5], chunks: [{ text: 'a', page: 1, emb: [0.1, 0.2] }] }],
    });
    expect(inserted.code).toBe(0);
    const back = await post('entities/query', { collectionName: 'rest_books', filter: 'id == 7', outputFields: ['chunks'] });
    expect(back.data).toEqual([{ id: '7', chunks: [{ text: 'a', page: 1, emb: [0.1, 0.2] }] }]);
  });

  test('an element with a key outside the struct schema is refused', async () => {
    const res = await post('entities/insert', {
      collectionName: 'rest_books',
      data: [{ id: 8, vec: [0, 0], chunks: [{ text: 'a', page: 1, emb: [0, 1], extra: 1 }] }],
    });
    expect(res.code).toBe(1100);
    expect(res.message).toContain('chunks[extra]');
  });

  test('REST create with a Struct element type is refused, never silently dropped', async () => {
    // The REST v2 struct schema keys are not confirmed for 2.6, so the fake refuses instead of guessing.
    const res = await post('collections/create', {
      collectionName: 'rest_struct',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
          { fieldName: 'chunks', dataType: 'Array', elementDataType: 'Struct', elementTypeParams: { max_capacity: 4 } },
        ],
      },
    });
    expect(res.code).toBe(3000);
    expect(res.message).toContain("REST Array of Structs fields (create them over gRPC) is not supported by fakecontainers' fake Milvus");
  });
});

describe('embedding-list search (MAX_SIM*)', () => {
  const DOCS = [
    { id: 1, vec: [1, 0], chunks: [{ text: 'a', page: 1, emb: [1, 0] }, { text: 'b', page: 2, emb: [0, 1] }] },
    { id: 2, vec: [0, 1], chunks: [{ text: 'c', page: 1, emb: [0.6, 0.8] }] },
    { id: 3, vec: [1, 1], chunks: [{ text: 'd', page: 1, emb: [2, 0] }] },
    { id: 4, vec: [1, 1], chunks: [] },
    { id: 5, vec: [1, 0], chunks: [{ text: 'e', page: 9, emb: [0, 1] }, { text: 'f', page: 9, emb: [1, 0] }] },
  ];
  const QUERY = [
    [1, 0],
    [0, 1],
  ];
  /** Σ over query vectors of the best similarity over the row's vectors (ColBERT MaxSim). */
  function maxSim(metric: string, docs: number[][]): number {
    // The fake's documented convention: float64 accumulation over the stored float32 elements.
    const f = (q: number[], raw: number[]) => {
      const d = raw.map(Math.fround);
      const dot = q.reduce((s, v, i) => s + v * (d[i] as number), 0);
      if (metric === 'MAX_SIM_L2') return q.reduce((s, v, i) => s + (v - (d[i] as number)) ** 2, 0);
      if (metric === 'MAX_SIM_COSINE') return dot / (Math.hypot(...q) * Math.hypot(...d));
      return dot;
    };
    const pick = metric === 'MAX_SIM_L2' ? Math.min : Math.max;
    return Math.fround(QUERY.reduce((s, q) => s + pick(...docs.map((d) => f(q, d))), 0));
  }

  async function setup(name: string, metric: string) {
    await create(name);
    await client.insert({ collection_name: name, data: DOCS });
    await client.createIndex({ collection_name: name, field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' });
    const idx = await client.createIndex({
      collection_name: name,
      field_name: 'chunks[emb]',
      index_type: 'HNSW',
      metric_type: metric,
      params: { M: 16, efConstruction: 64 },
    });
    expect(idx.error_code).toBe('Success');
    await client.loadCollection({ collection_name: name });
  }

  for (const metric of ['MAX_SIM_IP', 'MAX_SIM_COSINE', 'MAX_SIM_L2', 'MAX_SIM']) {
    test(`${metric}: exact scores, rows without elements never match, ties by primary key`, async () => {
      // segcore SimilarityCorelation.MaxSimMetrics: MAX_SIM_L2 smaller is better, the others larger.
      const name = `colbert_${metric.toLowerCase()}`;
      await setup(name, metric);
      const res = await client.search({ collection_name: name, anns_field: 'chunks[emb]', data: QUERY, limit: 10 });
      expect(res.status.reason).toBe('');
      const larger = metric !== 'MAX_SIM_L2';
      const expected = DOCS.filter((d) => d.chunks.length > 0)
        .map((d) => ({ id: String(d.id), score: maxSim(metric === 'MAX_SIM' ? 'MAX_SIM_IP' : metric, d.chunks.map((c) => c.emb)) }))
        .sort((a, b) => (a.score !== b.score ? (larger ? b.score - a.score : a.score - b.score) : Number(a.id) - Number(b.id)));
      expect(res.results.map((r) => ({ id: r.id, score: r.score }))).toEqual(expected);
    });
  }

  test('filters, limit/offset and output fields (with the struct) apply', async () => {
    const res = await client.search({
      collection_name: 'colbert_max_sim_ip',
      anns_field: 'chunks[emb]',
      data: QUERY,
      filter: 'id != 1',
      limit: 1,
      offset: 1,
      output_fields: ['id', 'chunks'],
    });
    // MAX_SIM_IP without id 1: 3 (2), 5 (2), 2 (1.4) — the tie between 3 and 5 goes by key; offset 1 leaves 5.
    expect(res.results.map((r) => r.id)).toEqual(['5']);
    expect(res.results[0]?.chunks).toEqual(DOCS[4]?.chunks);
  });

  describe('element-level search (2.6 backport, milvus PR #49796; no element_filter)', () => {
    // Ground truth as test_milvus_client_struct_array_element_search.py computes it: each element vector is
    // scored on its own, a row's score is its best element's, and the hit carries that element's offset.
    const score = (metric: string, rawQ: number[], raw: number[]) => {
      // Both sides travel as float32; the fake accumulates in float64 and reports a float32.
      const q = rawQ.map(Math.fround);
      const d = raw.map(Math.fround);
      const dot = q.reduce((s, v, i) => s + v * (d[i] as number), 0);
      if (metric === 'L2') return Math.fround(q.reduce((s, v, i) => s + (v - (d[i] as number)) ** 2, 0));
      if (metric === 'COSINE') return Math.fround(dot / (Math.hypot(...q) * Math.hypot(...d)));
      return Math.fround(dot);
    };
    const expected = (metric: string, q: number[]) => {
      const larger = metric !== 'L2';
      return DOCS.filter((d) => d.chunks.length > 0)
        .map((d) => {
          const scores = d.chunks.map((c) => score(metric, q, c.emb));
          const best = scores.reduce((b, s, i) => ((larger ? s > (scores[b] as number) : s < (scores[b] as number)) ? i : b), 0);
          // The SDK reads int64 as strings (proto-loader longs: String), element offsets included.
          return { id: String(d.id), score: scores[best] as number, offset: String(best) };
        })
        .sort((a, b) => (a.score !== b.score ? (larger ? b.score - a.score : a.score - b.score) : Number(a.id) - Number(b.id)));
    };

    for (const metric of ['L2', 'IP', 'COSINE']) {
      test(`${metric}: one hit per row, its best element's score and offset`, async () => {
        const name = `elements_${metric.toLowerCase()}`;
        await create(name);
        await client.insert({ collection_name: name, data: DOCS });
        await client.createIndex({ collection_name: name, field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' });
        const idx = await client.createIndex({ collection_name: name, field_name: 'chunks[emb]', index_type: 'HNSW', metric_type: metric, params: { M: 16, efConstruction: 64 } });
        expect(idx.error_code).toBe('Success');
        await client.loadCollection({ collection_name: name });
        const q = [0.8, 0.6];
        const res = await client.search({ collection_name: name, anns_field: 'chunks[emb]', data: q, limit: 3, output_fields: ['id'] });
        expect(res.status.reason).toBe('');
        expect(res.results.map((r) => ({ id: r.id, score: r.score, offset: (r as { offset?: string }).offset }))).toEqual(expected(metric, q).slice(0, 3));
      });
    }

    test('sub-field output fields carry the matched element (SDK ElementLevel.spec.ts); FLAT is refused (milvus#47622)', async () => {
      const res = await client.search({
        collection_name: 'elements_cosine',
        anns_field: 'chunks[emb]',
        data: [0, 1],
        limit: 1,
        output_fields: ['id', 'chunks[text]', 'chunks[page]'],
      });
      expect(res.status.reason).toBe('');
      const hit = res.results[0] as unknown as { id: string; offset: string; chunks: Array<{ text: string; page: number }> };
      expect([hit.id, hit.offset]).toEqual(['1', '1']);
      expect(hit.chunks[Number(hit.offset)]).toEqual({ text: 'b', page: 2 });
      await create('elements_flat');
      const flat = await client.createIndex({ collection_name: 'elements_flat', field_name: 'chunks[emb]', index_type: 'FLAT', metric_type: 'L2' });
      expect(flat.reason).toBe("data type ArrayOfVector can't build with this index FLAT: invalid parameter");
    });
  });

  test('a filter on a struct field is refused explicitly', async () => {
    const res = await client.query({ collection_name: 'library', filter: 'array_length(chunks) > 0', output_fields: ['id'] });
    expect(res.status.code).toBe(1100);
    expect(res.status.reason).toContain("filters on the Array of Structs field chunks are not supported by fakecontainers' fake Milvus");
  });
});

describe('seeds and refusals elsewhere', () => {
  test('a seed file may declare structFields, struct rows and a MAX_SIM index on struct[sub]', async () => {
    // Seed schemas are SchemaInput (engine/seed.ts); sub-fields in the wire form the SDK sends (Array / ArrayOfVector).
    await using seeded = await startTestMilvus({
      seed: {
        collections: [
          {
            name: 'seeded',
            schema: {
              fields: [
                { name: 'id', dataType: 'Int64', isPrimaryKey: true },
                { name: 'v', dataType: 'FloatVector', typeParams: { dim: 2 } },
              ],
              structFields: [
                {
                  name: 'clips',
                  typeParams: { max_capacity: 3 },
                  fields: [
                    { name: 'frame', dataType: 'Array', elementType: 'Int64' },
                    { name: 'clip', dataType: 'ArrayOfVector', elementType: 'FloatVector', typeParams: { dim: 2 } },
                  ],
                },
              ],
            },
            indexes: [
              { fieldName: 'v', indexType: 'FLAT', metricType: 'L2' },
              { fieldName: 'clips[clip]', indexType: 'HNSW', metricType: 'MAX_SIM_COSINE' },
            ],
            rows: [{ id: 1, v: [0, 0], clips: [{ frame: 10, clip: [1, 0] }, { frame: '9007199254740993', clip: [0, 1] }] }],
          },
        ],
      },
    });
    const sdk = new MilvusClient({ address: seeded.address, logLevel: 'error', telemetry: { enabled: false } });
    try {
      const res = await sdk.query({ collection_name: 'seeded', filter: 'id == 1', output_fields: ['clips'] });
      // Int64 sub-values travel as decimal strings over gRPC (long_data), exactly.
      expect(res.data).toEqual([{ id: '1', clips: [{ frame: '10', clip: [1, 0] }, { frame: '9007199254740993', clip: [0, 1] }] }]);
      const hits = await sdk.search({ collection_name: 'seeded', anns_field: 'clips[clip]', data: [[1, 0]], limit: 1 });
      expect(hits.results.map((r) => [r.id, r.score])).toEqual([['1', 1]]);
    } finally {
      await sdk.closeConnection();
    }
  });

  test('hybrid search and ARRAY_APPEND on a struct are refused, not silently run', async () => {
    const hybrid = await client.hybridSearch({
      collection_name: 'colbert_max_sim_ip',
      data: [
        { anns_field: 'chunks[emb]', data: [[1, 0]] },
        { anns_field: 'vec', data: [1, 0] },
      ],
      limit: 2,
    });
    expect(hybrid.status.code).toBe(3000);
    const append = await client.upsert({
      collection_name: 'library',
      data: [{ id: 2, vec: [0, 1], chunks: [{ text: 'more', page: 8, emb: [1, 1] }] }],
      field_ops: [{ field_name: 'chunks', op: 'ARRAY_APPEND' }],
    } as never);
    expect(append.status.code).toBe(3000);
  });

  test('a query iterator pages rows with their structs', async () => {
    const iterator = await client.queryIterator({ collection_name: 'library', batchSize: 2, filter: 'id > 0', output_fields: ['id', 'chunks'] });
    const seen: unknown[] = [];
    for await (const page of iterator) seen.push(...(page as unknown[]));
    expect(seen).toHaveLength(3);
    expect(seen[0]).toEqual({ id: '1', chunks: BOOKS[0]?.chunks });
  });

  test('REST search on struct[sub] is refused, not run as a plain vector search', async () => {
    const rest = new HttpClient({ endpoint: milvus.url });
    const res = await (rest as unknown as { POST: (url: string, data: unknown) => Promise<{ code: number; message: string }> }).POST(
      '/vectordb/entities/search',
      { collectionName: 'colbert_max_sim_ip', annsField: 'chunks[emb]', data: [[[1, 0]]], limit: 1 },
    );
    expect(res.code).not.toBe(0);
    expect(res.message).toContain('chunks[emb]');
  });
});
