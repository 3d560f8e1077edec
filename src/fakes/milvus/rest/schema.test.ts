import { describe, expect, test } from 'vitest';
import { RestError } from './envelope.js';
import { createPlan, fieldInputOf, indexRequestOf, propertiesOf } from './schema.js';

const quick = (extra: Record<string, unknown> = {}) => ({
  collectionName: 'c',
  dimension: 4,
  idType: '',
  autoID: false,
  metricType: '',
  primaryFieldName: '',
  vectorFieldName: '',
  vectorFieldType: '',
  schema: { fields: null, functions: null, autoID: false, enableDynamicField: false },
  indexParams: null,
  params: null,
  properties: null,
  description: '',
  consistencyLevel: '',
  ...extra,
});

const error = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof RestError) return `${e.code} ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe('quick setup', () => {
  test('id Int64 + vector, dynamic field on, a COSINE index named after the vector field, then load', () => {
    const plan = createPlan(quick());
    expect(plan.collection).toEqual({
      name: 'c',
      consistencyLevel: 'Bounded',
      properties: [],
      schema: {
        enableDynamicField: true,
        description: '',
        fields: [
          { name: 'id', dataType: 'Int64', isPrimaryKey: true, autoID: false },
          { name: 'vector', dataType: 'FloatVector', typeParams: { dim: '4' } },
        ],
      },
    });
    expect(plan.indexes).toEqual([
      { fieldName: 'vector', indexName: 'vector', extraParams: [{ key: 'metric_type', value: 'COSINE' }] },
    ]);
    expect(plan.load).toBe(true);
  });

  test('names, VarChar keys (max_length from params, "<nil>" when absent), params and TTL', () => {
    const plan = createPlan(
      quick({
        idType: 'Varchar',
        autoID: true,
        primaryFieldName: 'pk',
        vectorFieldName: 'emb',
        metricType: 'L2',
        params: {
          max_length: 64,
          enableDynamicField: 'false',
          shardsNum: 2,
          consistencyLevel: 'Strong',
          ttlSeconds: 3600,
        },
      }),
    );
    expect(plan.collection.schema.fields[0]).toEqual({
      name: 'pk',
      dataType: 'VarChar',
      isPrimaryKey: true,
      autoID: true,
      typeParams: { max_length: '64' },
    });
    expect(plan.collection.schema.enableDynamicField).toBe(false);
    expect(plan.collection).toMatchObject({
      shardsNum: 2,
      consistencyLevel: 'Strong',
      properties: [{ key: 'collection.ttl.seconds', value: '3600' }],
    });
    expect(plan.indexes[0]).toEqual({
      fieldName: 'emb',
      indexName: 'emb',
      extraParams: [{ key: 'metric_type', value: 'L2' }],
    });
    expect(createPlan(quick({ idType: 'VarChar' })).collection.schema.fields[0]?.typeParams).toEqual({
      max_length: '<nil>',
    });
  });

  test('vectorFieldType picks the vector type and its default metric; sparse vectors take no dimension', () => {
    const sparse = createPlan(quick({ dimension: 0, vectorFieldType: 'SparseFloatVector' }));
    expect(sparse.collection.schema.fields[1]).toEqual({ name: 'vector', dataType: 'SparseFloatVector' });
    expect(sparse.indexes[0]?.extraParams).toEqual([{ key: 'metric_type', value: 'IP' }]);
    expect(createPlan(quick({ dimension: 16, vectorFieldType: 'BinaryVector' })).indexes[0]?.extraParams).toEqual([
      { key: 'metric_type', value: 'HAMMING' },
    ]);
    expect(error(() => createPlan(quick({ vectorFieldType: 'SparseFloatVector' })))).toBe(
      '1100 dimension should not be specified for SparseFloatVector quick create: invalid parameter[expected=0][actual=4]',
    );
    expect(error(() => createPlan(quick({ vectorFieldType: 'Int8Vector' })))).toBe(
      '1100 vectorFieldType can only be [FloatVector, BinaryVector, Float16Vector, BFloat16Vector, SparseFloatVector], default: FloatVector: ' +
        'invalid parameter[expected=FloatVector, BinaryVector, Float16Vector, BFloat16Vector, SparseFloatVector][actual=Int8Vector]',
    );
  });

  test('refusals in the real wording', () => {
    expect(error(() => createPlan(quick({ dimension: 0 })))).toBe(
      '1100 dimension is required for quickly create collection(default metric type: COSINE): invalid parameter[expected=collectionName & dimension][actual=collectionName]',
    );
    expect(error(() => createPlan(quick({ idType: 'string' })))).toBe(
      '1100 idType can only be [Int64, VarChar], default: Int64: invalid parameter[expected=Int64, Varchar][actual=string]',
    );
    expect(error(() => createPlan(quick({ metricType: 'HAMMING' })))).toBe(
      '1100 float vector index does not support metric type: HAMMING: invalid parameter[expected=valid index params][actual=invalid index params]',
    );
    expect(error(() => createPlan(quick({ params: { enableDynamicField: 'maybe' } })))).toBe(
      '65535 parse enableDynamicField fail, err:strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    expect(
      error(() => createPlan(quick({ consistencyLevel: 'Strong', params: { consistencyLevel: 'Bounded' } }))),
    ).toBe(
      '1100 top-level consistencyLevel conflicts with params.consistencyLevel: invalid parameter[expected=same consistencyLevel][actual=Bounded]',
    );
    expect(error(() => createPlan(quick({ consistencyLevel: 'strong' })))).toBe(
      '1100 consistencyLevel can only be [Strong, Session, Bounded, Eventually, Customized], default: Bounded: invalid parameter[expected=Strong, Session, Bounded, Eventually, Customized][actual=strong]',
    );
  });
});

describe('custom schema', () => {
  const field = (extra: Record<string, unknown>) => ({
    fieldName: 'f',
    dataType: 'Int64',
    elementDataType: '',
    isPrimary: false,
    isPartitionKey: false,
    isClusteringKey: false,
    elementTypeParams: null,
    nullable: false,
    defaultValue: null,
    ...extra,
  });

  test('fields keep their settings; schema.autoID goes to the primary key; element type params are strings or JSON', () => {
    expect(fieldInputOf(field({ isPrimary: true }), true)).toMatchObject({
      name: 'f',
      dataType: 'Int64',
      isPrimaryKey: true,
      autoID: true,
    });
    expect(
      fieldInputOf(
        field({
          dataType: 'Array',
          elementDataType: 'VarChar',
          elementTypeParams: { max_capacity: 8, max_length: '16', x: { a: [1] } },
        }),
        true,
      ),
    ).toMatchObject({
      elementType: 'VarChar',
      autoID: false,
      typeParams: { max_capacity: '8', max_length: '16', x: '{"a":[1]}' },
    });
  });

  test('defaultValue is converted by the field type (numbers truncate to integers), else "convert defaultValue fail"', () => {
    expect(fieldInputOf(field({ dataType: 'Int32', defaultValue: 7.9 }), false).defaultValue).toBe(7);
    expect(fieldInputOf(field({ dataType: 'Int64', defaultValue: 9007199254740993n }), false).defaultValue).toBe(
      9007199254740993n,
    );
    expect(fieldInputOf(field({ dataType: 'VarChar', defaultValue: 'x' }), false).defaultValue).toBe('x');
    expect(error(() => fieldInputOf(field({ dataType: 'Int16', defaultValue: 'abc' }), false))).toBe(
      '1100 convert defaultValue fail, err:Wrong defaultValue type: invalid parameter[expected=number][actual=abc]',
    );
    expect(error(() => fieldInputOf(field({ dataType: 'JSON', defaultValue: { a: 1 } }), false))).toBe(
      '1100 convert defaultValue fail, err:Unexpected default value type: JSON: invalid parameter',
    );
  });

  test('data type names are case-sensitive', () => {
    expect(error(() => fieldInputOf(field({ dataType: 'int64' }), false))).toBe(
      '1100 invalid parameter, data type int64 is invalid(case sensitive).',
    );
    expect(error(() => fieldInputOf(field({ dataType: 'Array', elementDataType: 'varchar' }), false))).toBe(
      '1100 invalid parameter, element data type varchar is invalid(case sensitive).',
    );
  });

  test('a partition key takes partitionsNum from params; indexes are built and loaded only when given', () => {
    const body = quick({
      schema: {
        fields: [
          field({ isPrimary: true, fieldName: 'id' }),
          field({ fieldName: 'k', isPartitionKey: true }),
          field({ fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } }),
        ],
        functions: null,
        autoID: false,
        enableDynamicField: true,
      },
      params: { partitionsNum: 4 },
    });
    const plan = createPlan(body);
    expect(plan.collection).toMatchObject({ numPartitions: 4, schema: { enableDynamicField: true } });
    expect(plan.load).toBe(false);
    expect(
      createPlan({
        ...body,
        indexParams: [{ fieldName: 'v', indexName: '', metricType: 'L2', indexType: '', params: null }],
      }).load,
    ).toBe(true);
  });
});

test('index params: index_type from indexType or params, metric_type, and the params map as sorted JSON', () => {
  expect(
    indexRequestOf({
      fieldName: 'v',
      indexName: 'i',
      metricType: 'L2',
      indexType: '',
      params: { nlist: 128, index_type: 'IVF_FLAT' },
    }),
  ).toEqual({
    fieldName: 'v',
    indexName: 'i',
    extraParams: [
      { key: 'index_type', value: 'IVF_FLAT' },
      { key: 'metric_type', value: 'L2' },
      { key: 'params', value: '{"index_type":"IVF_FLAT","nlist":128}' },
    ],
  });
  expect(
    indexRequestOf({ fieldName: 'v', indexName: '', metricType: '', indexType: 'HNSW', params: null }).extraParams,
  ).toEqual([{ key: 'index_type', value: 'HNSW' }]);
});

test('property maps become %v strings', () => {
  expect(propertiesOf({ 'collection.ttl.seconds': 1000000, 'mmap.enabled': true, name: 'x' })).toEqual([
    { key: 'collection.ttl.seconds', value: '1e+06' },
    { key: 'mmap.enabled', value: 'true' },
    { key: 'name', value: 'x' },
  ]);
});
