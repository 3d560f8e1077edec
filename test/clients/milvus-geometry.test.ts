/**
 * Geometry fields (DataType.Geometry = 24, Milvus 2.6.4+) through the official SDK, over gRPC and REST v2.
 *
 * Sources: the user guide `userGuide/schema/geometry-field.md` and `geometry-operators.md` (WKT in and out,
 * the ST_* operators, RTREE); `internal/proxy/validate_util.go` (WKT → WKB on insert, "invalid Geometry
 * data, transform to wkb failed"); `internal/parser/planparserv2/parser_visitor.go` (VisitSpatialBinary,
 * VisitSTDWithin, VisitSTIsValid); `pkg/util/indexparamcheck/rtree_checker.go` ("RTREE index can only be
 * built on geometry field"); go-geom's `encoding/wkt` (the output spelling `POINT (1 2)`).
 */
import { DataType, HttpClient, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { startTestMilvus, withFakeMilvusAndSdk } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: MilvusClient;

withFakeMilvusAndSdk((fake, sdk) => {
  milvus = fake;
  client = sdk;
});

/** Berlin shops from the user guide's example, plus a null row and a polygon row. */
const ROWS = [
  { id: 1, v: [1, 0], geo: 'POINT(13.399710 52.518010)' },
  { id: 2, v: [0, 1], geo: 'point(13.403934 52.522877)' },
  { id: 3, v: [1, 1], geo: 'POINT(13.405088 52.521124)' },
  { id: 4, v: [1, 2], geo: 'POINT(13.408223 52.516876)' },
  { id: 5, v: [2, 1], geo: null },
  { id: 6, v: [2, 2], geo: 'POLYGON((13.40 52.51, 13.41 52.51, 13.41 52.53, 13.40 52.53, 13.40 52.51))' },
  { id: 7, v: [3, 1], geo: 'LINESTRING(13.39 52.50, 13.42 52.53)' },
];
const BOX = 'POLYGON((13.400 52.515, 13.406 52.515, 13.406 52.525, 13.400 52.525, 13.400 52.515))';

async function query(filter: string, output: string[] = ['id']) {
  return client.query({ collection_name: 'shops', filter, output_fields: output });
}
const ids = (data: Array<Record<string, unknown>>) => data.map((r) => Number(r.id));

/** Great-circle distance, R = 6371000 m (the Haversine segcore uses for point-to-point ST_DWITHIN). */
function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371000 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

beforeAll(async () => {
  const created = await client.createCollection({
    collection_name: 'shops',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'v', data_type: DataType.FloatVector, dim: 2 },
      { name: 'geo', data_type: DataType.Geometry, nullable: true },
      { name: 'name', data_type: DataType.VarChar, max_length: 16, nullable: true },
    ],
  });
  expect(created.error_code).toBe('Success');
  const inserted = await client.insert({ collection_name: 'shops', data: ROWS });
  expect(inserted.status.error_code).toBe('Success');
  expect((await client.createIndex({ collection_name: 'shops', field_name: 'v', metric_type: 'L2' })).error_code).toBe('Success');
  expect((await client.loadCollectionSync({ collection_name: 'shops' })).error_code).toBe('Success');
});

describe('schema and storage (gRPC)', () => {
  test('describe reports the field as Geometry (24)', async () => {
    const described = await client.describeCollection({ collection_name: 'shops' });
    const geo = described.schema.fields.find((f) => f.name === 'geo');
    expect([geo?.data_type, geo?.dataType, geo?.nullable]).toEqual(['Geometry', 24, true]);
  });

  test('WKT comes back in go-geom spelling; a null stays null', async () => {
    // geometry-field.md: WKT in, WKT out; the proxy stores WKB and prints it with go-geom's encoder.
    const res = await query('id in [1, 2, 5, 6, 7]', ['geo']);
    expect(res.data.map((r) => [Number(r.id), r.geo])).toEqual([
      [1, 'POINT (13.39971 52.51801)'],
      [2, 'POINT (13.403934 52.522877)'],
      [5, null],
      [6, 'POLYGON ((13.4 52.51, 13.41 52.51, 13.41 52.53, 13.4 52.53, 13.4 52.51))'],
      [7, 'LINESTRING (13.39 52.5, 13.42 52.53)'],
    ]);
  });

  test('get and upsert carry Geometry values', async () => {
    const up = await client.upsert({ collection_name: 'shops', data: [{ id: 8, v: [0, 0], geo: 'MultiPolygon(((0 0, 1 0, 1 1, 0 0)))' }] });
    expect(up.status.error_code).toBe('Success');
    const got = await client.get({ collection_name: 'shops', ids: [8], output_fields: ['geo'] });
    expect(got.data).toEqual([{ id: '8', geo: 'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))' }]);
    expect((await client.delete({ collection_name: 'shops', filter: 'id == 8' })).status.error_code).toBe('Success');
  });

  test('invalid WKT refuses the whole insert with 1100 and stores nothing', async () => {
    // validate_util.go: merr.WrapErrParameterInvalidMsg("invalid Geometry data, transform to wkb failed: %s", err).
    const res = await client.insert({ collection_name: 'shops', data: [{ id: 100, v: [0, 0], geo: 'POINT(1 2)' }, { id: 101, v: [0, 0], geo: 'POINT(1)' }] });
    expect(res.status.code).toBe(1100);
    expect(res.status.reason).toMatch(/^invalid Geometry data, transform to wkb failed: .+: invalid parameter$/);
    expect((await query('id >= 100')).data).toEqual([]);
  });

  test('RTREE builds on a Geometry field only; INVERTED refuses Geometry', async () => {
    // rtree_checker.go: "RTREE index can only be built on geometry field"; the INVERTED checker has no Geometry.
    const rtree = await client.createIndex({ collection_name: 'shops', field_name: 'geo', index_type: 'RTREE', index_name: 'geo_rtree' });
    expect(rtree.error_code).toBe('Success');
    const described = await client.describeIndex({ collection_name: 'shops', index_name: 'geo_rtree' });
    expect(described.index_descriptions[0]?.params).toContainEqual({ key: 'index_type', value: 'RTREE' });
    const onVarchar = await client.createIndex({ collection_name: 'shops', field_name: 'name', index_type: 'RTREE' });
    expect([onVarchar.code, onVarchar.reason]).toEqual([1100, 'RTREE index can only be built on geometry field: invalid parameter']);
    await client.createCollection({
      collection_name: 'geo_inv',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'v', data_type: DataType.FloatVector, dim: 2 },
        { name: 'g', data_type: DataType.Geometry },
      ],
    });
    const inverted = await client.createIndex({ collection_name: 'geo_inv', field_name: 'g', index_type: 'INVERTED' });
    expect([inverted.code, inverted.reason]).toEqual([1100, 'INVERTED are not supported on Geometry field: invalid parameter']);
  });
});

describe('spatial filters (planparserv2 GISFunctionFilterExpr)', () => {
  test.each([
    // geometry-operators.md: ST_WITHIN(field, wkt) = the row's geometry lies inside wkt.
    [`ST_WITHIN(geo, '${BOX}')`, [2, 3]],
    // ST_CONTAINS(field, wkt) = the row's geometry contains wkt: only the polygon holds shop 3.
    [`ST_CONTAINS(geo, 'POINT(13.405088 52.521124)')`, [3, 6]],
    [`ST_INTERSECTS(geo, 'LINESTRING(13.395 52.50, 13.395 52.53)')`, [7]],
    [`ST_EQUALS(geo, 'POINT (13.408223 52.516876)')`, [4]],
    // A line crosses a polygon it enters and leaves, and the other line at one point.
    [`ST_CROSSES(geo, 'LINESTRING(13.39 52.52, 13.42 52.52)')`, [6, 7]],
    [`ST_OVERLAPS(geo, 'POLYGON((13.405 52.50, 13.42 52.50, 13.42 52.52, 13.405 52.52, 13.405 52.50))')`, [6]],
    [`ST_TOUCHES(geo, 'POINT(13.40 52.52)')`, [6]],
    // Keywords exist in all-lower and all-upper spelling only (Plan.g4 lexer rules).
    [`st_within(geo, '${BOX}') and id > 2`, [3]],
    [`ST_ISVALID(geo)`, [1, 2, 3, 4, 6, 7]],
  ])('%s', async (filter, expected) => {
    const res = await query(filter);
    expect(res.status.error_code).toBe('Success');
    expect(ids(res.data)).toEqual(expected);
  });

  test('a null geometry never matches, not even under not', async () => {
    // compile.ts three-valued logic as segcore's valid bitmaps: `not` masks invalid rows.
    expect(ids((await query(`not ST_WITHIN(geo, '${BOX}')`)).data)).toEqual([1, 4, 6, 7]);
    expect(ids((await query('geo is null')).data)).toEqual([5]);
  });

  test('ST_DWITHIN measures meters with the Haversine formula for points', async () => {
    const origin = [13.403934, 52.522877] as const;
    const meters = ROWS.slice(0, 4).map((r) => {
      const [lon, lat] = (r.geo as string).replace(/[^\d. ]/g, '').trim().split(/\s+/).map(Number) as [number, number];
      return { id: r.id, d: haversine(origin[0], origin[1], lon, lat) };
    });
    const radius = 700;
    const expected = meters.filter((m) => m.d <= radius).map((m) => m.id);
    expect(expected).toEqual([1, 2, 3]); // shop 1 is ~612 m away, shop 4 ~728 m
    const res = await query(`ST_DWITHIN(geo, 'POINT(${origin[0]} ${origin[1]})', ${radius}) and id <= 4`);
    expect(ids(res.data)).toEqual(expected);
  });

  test('search takes a spatial filter and outputs the geometry', async () => {
    const res = await client.search({
      collection_name: 'shops',
      data: [[1, 1]],
      limit: 2,
      filter: `ST_WITHIN(geo, '${BOX}')`,
      output_fields: ['id', 'geo'],
    });
    expect(res.results.map((r) => [Number(r.id), r.geo])).toEqual([
      [3, 'POINT (13.405088 52.521124)'],
      [2, 'POINT (13.403934 52.522877)'],
    ]);
  });

  test.each([
    // canBeComparedDataType has no Geometry: every comparison is refused.
    [`geo == 'POINT (1 1)'`, 'comparisons between Geometry and VarChar are not supported'],
    // VisitSpatialBinary / VisitSTDWithin / VisitSTIsValid on a non-geometry field.
    [`ST_WITHIN(name, '${BOX}')`, `spatial operation are only supported on geometry fields now, got: ST_WITHIN(name,'${BOX}')`],
    [`ST_DWITHIN(id, 'POINT(1 1)', 5)`, `ST_DWITHIN operation are only supported on geometry fields now, got: ST_DWITHIN(id,'POINT(1 1)',5)`],
    [`ST_ISVALID(name)`, 'STIsValid operation are only supported on geometry fields now, got: ST_ISVALID(name)'],
    // VisitSTDWithin: the distance must be a non-negative numeric constant (Go's %f).
    [`ST_DWITHIN(geo, 'POINT(1 1)', -5)`, 'distance parameter must be non-negative, got: -5.000000'],
    [`ST_DWITHIN(geo, 'POINT(1 1)', 'far')`, `distance parameter must be a numeric value (int or float), got: 'far'`],
  ])('%s is refused', async (filter, detail) => {
    const res = await query(filter);
    expect(res.status.code).toBe(1100);
    expect(res.status.reason).toBe(`failed to create query plan: cannot parse expression: ${filter}, error: ${detail}: invalid parameter`);
  });

  test('a malformed WKT literal or a non-point ST_DWITHIN center is refused at planning', async () => {
    const bad = await query(`ST_WITHIN(geo, 'POLYGON((0 0, 1 1')`);
    expect(bad.status.code).toBe(1100);
    expect(bad.status.reason).toContain('invalid WKT: POLYGON((0 0, 1 1');
    const notPoint = await query(`ST_DWITHIN(geo, '${BOX}', 10)`);
    expect(notPoint.status.code).toBe(1100);
    expect(notPoint.status.reason).toContain('ST_DWITHIN requires a POINT geometry');
  });

  test('wrong arity is a syntax error', async () => {
    const res = await query(`ST_WITHIN(geo)`);
    expect(res.status.code).toBe(1100);
    expect(res.status.reason).toMatch(/^failed to create query plan: cannot parse expression: ST_WITHIN\(geo\), error: line 1:13 .*','/);
  });
});

describe('REST v2 and seeds', () => {
  let rest: HttpClient;
  type Reply = { code: number; data: Array<Record<string, unknown>>; message?: string };
  const post = (path: string, body: Record<string, unknown>) =>
    (rest as unknown as { POST: (url: string, data: unknown) => Promise<Reply> }).POST(`/vectordb/${path}`, body);

  beforeAll(() => {
    rest = new HttpClient({ endpoint: milvus.url });
  });

  test('create with "dataType": "Geometry" and a WKT default; rows carry WKT; defaults fill missing rows', async () => {
    // handler_v2.go convertDefaultValue: a Geometry default is a string (WKT).
    const created = await post('collections/create', {
      collectionName: 'places',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
          { fieldName: 'g', dataType: 'Geometry', defaultValue: 'point(1 1)' },
        ],
      },
      indexParams: [{ fieldName: 'v', metricType: 'L2' }, { fieldName: 'g', indexType: 'RTREE' }],
    });
    expect(created.code).toBe(0);
    const described = (await post('collections/describe', { collectionName: 'places' })) as unknown as {
      data: { fields: Array<{ name: string; type: string; defaultValue?: unknown }> };
    };
    expect(described.data.fields.find((f) => f.name === 'g')).toMatchObject({ type: 'Geometry', defaultValue: { Data: { StringData: 'POINT (1 1)' } } });
    const inserted = await post('entities/insert', {
      collectionName: 'places',
      data: [{ id: 1, v: [0, 0], g: 'MULTIPOINT((0 0), (2 2))' }, { id: 2, v: [1, 1] }],
    });
    expect(inserted.code).toBe(0);
    const back = await post('entities/query', { collectionName: 'places', filter: `st_intersects(g, 'POINT(2 2)') or id == 2`, outputFields: ['g'] });
    expect(back.data).toEqual([{ id: '1', g: 'MULTIPOINT (0 0, 2 2)' }, { id: '2', g: 'POINT (1 1)' }]);
  });

  test('REST refuses a Geometry primary key or partition key', async () => {
    const res = await post('collections/create', {
      collectionName: 'geo_pk',
      schema: { fields: [{ fieldName: 'g', dataType: 'Geometry', isPrimary: true }, { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } }] },
    });
    expect([res.code, res.message]).toEqual([1100, 'the data type of primary key should be Int64 or VarChar: invalid parameter']);
    // proxy task.go: partition keys are Int64 or VarChar only. (The SDK's gRPC client refuses both before sending.)
    const partition = await post('collections/create', {
      collectionName: 'geo_part',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
          { fieldName: 'g', dataType: 'Geometry', isPartitionKey: true },
        ],
      },
    });
    expect([partition.code, partition.message]).toEqual([1100, 'the data type of partition key should be Int64 or VarChar: invalid parameter']);
  });

  test('REST insert of bad WKT answers 1100 in the envelope', async () => {
    const res = await post('entities/insert', { collectionName: 'places', data: [{ id: 3, v: [0, 0], g: 'CIRCLE(1 1)' }] });
    expect(res.code).toBe(1100);
    expect(res.message).toMatch(/^invalid Geometry data, transform to wkb failed: /);
  });

  test('a seeded collection takes Geometry rows', async () => {
    await using seeded = await startTestMilvus({
      seed: {
        collections: [
          {
            name: 'seeded',
            schema: {
              fields: [
                { name: 'id', dataType: 'Int64', isPrimaryKey: true },
                { name: 'v', dataType: 'FloatVector', typeParams: { dim: 2 } },
                { name: 'g', dataType: 'Geometry' },
              ],
            },
            indexes: [{ fieldName: 'v', indexType: 'FLAT', metricType: 'L2' }],
            rows: [{ id: 1, v: [0, 0], g: 'POINT(0.000001 1e-7)' }, { id: 2, v: [1, 1], g: 'POINT(5 5)' }],
          },
        ],
      },
    });
    const sdk = new MilvusClient({ address: seeded.address, logLevel: 'error', telemetry: { enabled: false } });
    try {
      const res = await sdk.query({ collection_name: 'seeded', filter: `ST_DWITHIN(g, 'POINT(0 0)', 1000)`, output_fields: ['g'] });
      // go-geom writes FormatFloat(x, 'f', -1, 64): no exponent.
      expect(res.data).toEqual([{ id: '1', g: 'POINT (0.000001 0.0000001)' }]);
    } finally {
      await sdk.closeConnection();
    }
  });
});
