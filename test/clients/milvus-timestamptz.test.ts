/**
 * Timestamptz (DataType 26) through the official SDK, over gRPC and REST v2. Sources:
 * - milvus pkg/util/timestamptz/timestamptz.go (ParseTimeTz: offsets, naive text, [-12, +14] h),
 * - internal/proxy/util.go (timestamptzUTC2IsoStr / FormatTimeMicroWithoutTrailingZeros, resolveTimezone),
 * - rootcoord createCollectionTask.Prepare (every collection gets `timezone`, from the database or UTC),
 * - internal/parser/planparserv2/Plan.g4 + parser_visitor.go (TimestamptzCompareForward/Reverse),
 * - internal/proxy/task.go validateTTLField / validateTTL, milvus.io set-collection-ttl.md (ttl_field),
 * - milvus.io timestamptz-field.md (examples and output form `2024-12-31T16:00:00Z`).
 */
import { DataType, HttpClient, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { startFakeMilvus, type StartedFakeMilvus } from '../../src/fakes/milvus/index.js';

const clock = new FixedClock('2025-01-10T00:00:00Z');
let milvus: StartedFakeMilvus;
let client: MilvusClient;
let rest: HttpClient;

beforeAll(async () => {
  milvus = await startFakeMilvus({ clock, logLevel: 'silent' });
  client = new MilvusClient({ address: milvus.address, logLevel: 'error', telemetry: { enabled: false } });
  await client.connectPromise;
  rest = new HttpClient({ endpoint: milvus.url });
});

afterAll(async () => {
  await client?.closeConnection();
  await milvus?.close();
});

/** The status of a DDL call: the SDK resolves some refusals and throws others (createCollection). */
async function statusOf(call: Promise<{ code?: number; reason?: string }>): Promise<{ code?: number; reason?: string }> {
  try {
    return await call;
  } catch (error) {
    return error as { code?: number; reason?: string };
  }
}

async function createTsCollection(name: string, properties?: Record<string, string>, extra: Record<string, unknown>[] = []): Promise<void> {
  const res = await client.createCollection({
    collection_name: name,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      { name: 'tsz', data_type: DataType.Timestamptz, nullable: true },
      ...(extra as never[]),
    ],
    ...(properties ? { properties } : {}),
  });
  expect(res.error_code).toBe('Success');
  await client.createIndex({ collection_name: name, field_name: 'vec', metric_type: 'L2' });
  await client.loadCollectionAsync({ collection_name: name });
}

/** Eight rows: 2025-01-01T00:00:00+08:00 plus i days (the docs' Shanghai example). */
function shanghaiRows(): Array<Record<string, unknown>> {
  return Array.from({ length: 8 }, (_, i) => ({ id: i + 1, vec: [i, 1], tsz: `2025-01-0${i + 1}T00:00:00+08:00` }));
}

describe('insert and output', () => {
  beforeAll(async () => {
    await createTsCollection('tz_basic');
    const res = await client.insert({ collection_name: 'tz_basic', data: shanghaiRows() as never });
    expect(res.status.error_code).toBe('Success');
  });

  test('values come back as RFC 3339 in UTC with Z (timestamptz-field.md expected output)', async () => {
    const res = await client.query({ collection_name: 'tz_basic', filter: 'id <= 2', output_fields: ['id', 'tsz'] });
    expect(res.data).toEqual([
      { id: '1', tsz: '2024-12-31T16:00:00Z' },
      { id: '2', tsz: '2025-01-01T16:00:00Z' },
    ]);
  });

  test('a new collection lists timezone=UTC in its properties (createCollectionTask.Prepare)', async () => {
    const described = await client.describeCollection({ collection_name: 'tz_basic' });
    expect(described.properties).toContainEqual({ key: 'timezone', value: 'UTC' });
    expect(described.schema.fields.find((f) => f.name === 'tsz')?.data_type).toBe('Timestamptz');
  });

  test('request-level timezone in query params formats the output (resolveTimezone)', async () => {
    const res = await client.query({
      collection_name: 'tz_basic',
      filter: 'id == 1',
      output_fields: ['tsz'],
      params: { timezone: 'Asia/Shanghai' },
    });
    expect(res.data).toEqual([{ id: '1', tsz: '2025-01-01T00:00:00+08:00' }]);
  });

  test('an unknown request timezone is 1100 with the proxy message', async () => {
    const res = await client.query({ collection_name: 'tz_basic', filter: 'id == 1', output_fields: ['tsz'], params: { timezone: 'Mars/Olympus' } });
    expect(res.status.code).toBe(1100);
    expect(res.status.reason).toBe('unknown or invalid IANA Time Zone ID: Mars/Olympus: invalid parameter');
  });

  test('search output and the timezone search param', async () => {
    const res = await client.search({
      collection_name: 'tz_basic',
      data: [[0, 1]],
      limit: 1,
      output_fields: ['tsz'],
      params: { timezone: 'America/New_York' },
    });
    expect(res.results).toMatchObject([{ score: 0, tsz: '2024-12-31T11:00:00-05:00' }]);
  });

  test('fractions keep up to 6 digits without trailing zeros (FormatTimeMicroWithoutTrailingZeros)', async () => {
    await client.insert({ collection_name: 'tz_basic', data: [{ id: 100, vec: [9, 9], tsz: '2025-03-20T10:30:00.1234567Z' }, { id: 101, vec: [9, 9], tsz: '2025-03-20T10:30:00.120Z' }] });
    const res = await client.query({ collection_name: 'tz_basic', filter: 'id >= 100', output_fields: ['tsz'] });
    expect(res.data.map((r) => r.tsz)).toEqual(['2025-03-20T10:30:00.123456Z', '2025-03-20T10:30:00.12Z']);
    await client.delete({ collection_name: 'tz_basic', filter: 'id >= 100' });
  });

  test('a naive value is read in the collection timezone; space separator and hour offsets parse', async () => {
    await createTsCollection('tz_naive', { timezone: 'Asia/Tokyo' });
    await client.insert({
      collection_name: 'tz_naive',
      data: [
        { id: 1, vec: [0, 0], tsz: '2025-06-01T09:00:00' },
        { id: 2, vec: [0, 0], tsz: '2025-06-01 09:00:00+02' },
        { id: 3, vec: [0, 0], tsz: null },
      ],
    });
    const res = await client.query({ collection_name: 'tz_naive', filter: 'id > 0', output_fields: ['tsz'], params: { timezone: 'UTC' } });
    expect(res.data).toEqual([
      { id: '1', tsz: '2025-06-01T00:00:00Z' },
      { id: '2', tsz: '2025-06-01T07:00:00Z' },
      { id: '3', tsz: null },
    ]);
    // Output defaults to the collection's zone.
    const local = await client.query({ collection_name: 'tz_naive', filter: 'id == 1', output_fields: ['tsz'] });
    expect(local.data[0]?.tsz).toBe('2025-06-01T09:00:00+09:00');
  });

  test('bad text is 1100 and nothing is stored (ParseTimeTz messages)', async () => {
    const bad = await client.insert({ collection_name: 'tz_basic', data: [{ id: 50, vec: [0, 0], tsz: 'yesterday' }] });
    expect(bad.status.code).toBe(1100);
    expect(bad.status.reason).toBe("invalid timestamp string: 'yesterday'. Does not match any known format: invalid parameter");
    const offset = await client.insert({ collection_name: 'tz_basic', data: [{ id: 51, vec: [0, 0], tsz: '2025-01-01T00:00:00+15:00' }] });
    expect(offset.status.reason).toBe('UTC offset hour 15 is out of the valid range [-12, 14]: invalid parameter');
    const count = await client.query({ collection_name: 'tz_basic', filter: 'id >= 50', output_fields: ['count(*)'] });
    expect(count.data).toEqual([{ 'count(*)': '0' }]);
  });
});

describe('filters (Plan.g4 TimestamptzCompareForward / Reverse)', () => {
  const ids = async (filter: string, params?: Record<string, string>) =>
    (await client.query({ collection_name: 'tz_basic', filter, output_fields: ['id'], ...(params ? { params } : {}) })).data.map((r) => Number(r.id));

  test('comparisons with ISO literals, both directions', async () => {
    expect(await ids("tsz != ISO '2025-01-03T00:00:00+08:00'")).toEqual([1, 2, 4, 5, 6, 7, 8]);
    expect(await ids("tsz > ISO '2025-01-05T00:00:00+08:00'")).toEqual([6, 7, 8]);
    expect(await ids("ISO '2025-01-02T16:00:00Z' >= tsz")).toEqual([1, 2, 3]);
    expect(await ids("tsz >= iso '2025-01-04T16:00:00Z' and tsz < ISO '2025-01-06T16:00:00Z'")).toEqual([5, 6]);
  });

  test('naive literals use the request timezone', async () => {
    expect(await ids("tsz == ISO '2025-01-02 00:00:00'", { timezone: 'Asia/Shanghai' })).toEqual([2]);
    expect(await ids("tsz == ISO '2025-01-02 00:00:00'")).toEqual([]);
  });

  test('INTERVAL arithmetic (P0D from the docs, days, hours, reverse form)', async () => {
    expect(await ids("tsz + INTERVAL 'P0D' != ISO '2025-01-03T00:00:00+08:00'")).toEqual([1, 2, 4, 5, 6, 7, 8]);
    expect(await ids("tsz + INTERVAL 'P1D' == ISO '2025-01-03T00:00:00+08:00'")).toEqual([2]);
    expect(await ids("tsz - INTERVAL 'PT24H' <= ISO '2025-01-01T16:00:00Z'")).toEqual([1, 2, 3]);
    expect(await ids("ISO '2025-01-08T16:00:00Z' < tsz + INTERVAL 'P1DT1S'")).toEqual([8]);
  });

  test('null rows never match; is null works', async () => {
    const res = await client.query({ collection_name: 'tz_naive', filter: "tsz < ISO '2030-01-01T00:00:00Z'", output_fields: ['id'] });
    expect(res.data.map((r) => r.id)).toEqual(['1', '2']);
    const nulls = await client.query({ collection_name: 'tz_naive', filter: 'tsz is null', output_fields: ['id'] });
    expect(nulls.data.map((r) => r.id)).toEqual(['3']);
  });

  test('refusals: non-timestamptz field, bad literal', async () => {
    const wrongField = await client.query({ collection_name: 'tz_basic', filter: "id > ISO '2025-01-01T00:00:00Z'", output_fields: ['id'] });
    expect(wrongField.status.code).toBe(1100);
    expect(wrongField.status.reason).toContain("field 'id' is not a timestamptz datatype");
    const badLiteral = await client.query({ collection_name: 'tz_basic', filter: "tsz > ISO 'soon'", output_fields: ['id'] });
    expect(badLiteral.status.code).toBe(1100);
    expect(badLiteral.status.reason).toContain("invalid timestamp string: 'soon'");
  });
});

describe('timezone property validation', () => {
  test('create and alter refuse an unknown zone; alter changes the output zone', async () => {
    const bad = await statusOf(client.createCollection({
      collection_name: 'tz_bad',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      ],
      properties: { timezone: 'Nowhere/City' },
    }));
    expect(bad.code).toBe(1100);
    expect(bad.reason).toBe('unknown or invalid IANA Time Zone ID: Nowhere/City: invalid parameter');
    const alterBad = await statusOf(client.alterCollectionProperties({ collection_name: 'tz_basic', properties: { timezone: 'Nowhere/City' } }));
    expect(alterBad.code).toBe(1100);
    await client.alterCollectionProperties({ collection_name: 'tz_basic', properties: { timezone: 'Asia/Kolkata' } });
    const res = await client.query({ collection_name: 'tz_basic', filter: 'id == 1', output_fields: ['tsz'] });
    expect(res.data[0]?.tsz).toBe('2024-12-31T21:30:00+05:30');
    await client.alterCollectionProperties({ collection_name: 'tz_basic', properties: { timezone: 'UTC' } });
  });

  test('a new collection inherits the database timezone', async () => {
    await client.createDatabase({ db_name: 'tzdb', properties: { timezone: 'Europe/Paris' } });
    await client.createCollection({
      db_name: 'tzdb',
      collection_name: 'inherits',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      ],
    });
    const described = await client.describeCollection({ db_name: 'tzdb', collection_name: 'inherits' });
    expect(described.properties).toContainEqual({ key: 'timezone', value: 'Europe/Paris' });
  });
});

describe('entity TTL (ttl_field)', () => {
  test('expired rows vanish from query, get, count and search as the clock moves', async () => {
    await createTsCollection('tz_ttl', { ttl_field: 'tsz' });
    await client.insert({
      collection_name: 'tz_ttl',
      data: [
        { id: 1, vec: [0, 0], tsz: '2025-01-10T00:00:30Z' },
        { id: 2, vec: [1, 1], tsz: '2025-01-10T01:00:00Z' },
        { id: 3, vec: [2, 2], tsz: null },
      ],
    });
    const count = async () => (await client.query({ collection_name: 'tz_ttl', filter: '', output_fields: ['count(*)'] })).data[0]?.['count(*)'];
    expect(await count()).toBe('3');
    clock.advance(60_000);
    expect(await count()).toBe('2');
    expect((await client.get({ collection_name: 'tz_ttl', ids: [1, 2], output_fields: ['id'] })).data.map((r) => r.id)).toEqual(['2']);
    const hits = await client.search({ collection_name: 'tz_ttl', data: [[0, 0]], limit: 3, output_fields: ['id'] });
    expect(hits.results.map((r) => r.id)).toEqual(['2', '3']);
    clock.advance(3_600_000);
    expect(await count()).toBe('1');
    // Upserting a future expiry brings the entity back (set-collection-ttl.md).
    await client.upsert({ collection_name: 'tz_ttl', data: [{ id: 1, vec: [0, 0], tsz: '2026-01-01T00:00:00Z' }] });
    expect(await count()).toBe('2');
  });

  test('collection.ttl.seconds hides rows written longer ago than the TTL (task_query.go CollectionTtlTimestamps)', async () => {
    await createTsCollection('coll_ttl', { 'collection.ttl.seconds': '120' });
    await client.insert({ collection_name: 'coll_ttl', data: [{ id: 1, vec: [0, 0], tsz: null }] });
    clock.advance(90_000);
    await client.insert({ collection_name: 'coll_ttl', data: [{ id: 2, vec: [1, 1], tsz: null }] });
    const ids = async () => (await client.query({ collection_name: 'coll_ttl', filter: 'id > 0', output_fields: ['id'] })).data.map((r) => r.id);
    expect(await ids()).toEqual(['1', '2']);
    clock.advance(60_000);
    // Row 1 is 150 s old, row 2 60 s: only row 2 is left for query, count, search and delete.
    expect(await ids()).toEqual(['2']);
    expect((await client.query({ collection_name: 'coll_ttl', filter: '', output_fields: ['count(*)'] })).data[0]?.['count(*)']).toBe('1');
    const hits = await client.search({ collection_name: 'coll_ttl', data: [[0, 0]], limit: 3, output_fields: ['id'] });
    expect(hits.results.map((r) => r.id)).toEqual(['2']);
    expect((await client.delete({ collection_name: 'coll_ttl', filter: 'id > 0' })).delete_cnt).toBe('1');
    // Statistics still count the stored rows until a compaction.
    expect((await client.getCollectionStatistics({ collection_name: 'coll_ttl' })).data.row_count).toBe('2');
  });

  test('ttl_field must name a Timestamptz field and excludes collection.ttl.seconds (validateTTLField)', async () => {
    const base = {
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
        { name: 'n', data_type: DataType.Int64 },
        { name: 'tsz', data_type: DataType.Timestamptz, nullable: true },
      ],
    };
    const wrongType = await statusOf(client.createCollection({ collection_name: 'ttl_a', ...base, properties: { ttl_field: 'n' } }));
    expect(wrongType.reason).toBe('ttl field must be timestamptz, field name = n: invalid parameter');
    const missing = await statusOf(client.createCollection({ collection_name: 'ttl_b', ...base, properties: { ttl_field: 'nope' } }));
    expect(missing.reason).toBe('ttl field name nope not found in schema: invalid parameter');
    const both = await statusOf(client.createCollection({ collection_name: 'ttl_c', ...base, properties: { ttl_field: 'tsz', 'collection.ttl.seconds': '60' } }));
    expect(both.reason).toBe('collection TTL and ttl field cannot be set at the same time: invalid parameter');
    await client.createCollection({ collection_name: 'ttl_d', ...base, properties: { 'collection.ttl.seconds': '60' } });
    const alter = await statusOf(client.alterCollectionProperties({ collection_name: 'ttl_d', properties: { ttl_field: 'tsz' } }));
    expect(alter.reason).toBe('collection TTL is already set, cannot be set ttl field: invalid parameter');
  });
});

describe('REST v2', () => {
  test('create with dataType Timestamptz, insert ISO rows, query back as text', async () => {
    const created = await rest.createCollection({
      collectionName: 'tz_rest',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
          { fieldName: 'tsz', dataType: 'Timestamptz' },
        ],
      },
      indexParams: [{ fieldName: 'vec', indexName: 'vec', metricType: 'L2' }],
    } as never);
    expect(created.code).toBe(0);
    const inserted = await rest.insert({ collectionName: 'tz_rest', data: [{ id: 1, vec: [0, 0], tsz: '2025-01-01T08:00:00+08:00' }] });
    expect(inserted.code).toBe(0);
    const res = await rest.query({ collectionName: 'tz_rest', filter: "tsz == ISO '2025-01-01T00:00:00Z'", outputFields: ['tsz'] });
    expect(res.data).toEqual([{ id: '1', tsz: '2025-01-01T00:00:00Z' }]);
    const bad = await rest.insert({ collectionName: 'tz_rest', data: [{ id: 2, vec: [0, 0], tsz: 'later' }] });
    expect(bad.code).toBe(1100);
  });
});
