import { fromJSON, type Options } from '@grpc/proto-loader';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { expect, test } from 'vitest';
import milvusProtoModule from '@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus.js';
import { MILVUS_SERVICE, milvusServiceDefinition, TELEMETRY_SERVICE, telemetryServiceDefinition } from './descriptors.js';

// The reference: what the SDK itself builds with proto-loader and its own options (utils/Grpc.js).
const SDK_OPTIONS: Options = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };
const json = (milvusProtoModule as unknown as { default?: unknown }).default ?? milvusProtoModule;
const reference = fromJSON(json as never, SDK_OPTIONS);

type Spec = MethodDefinition<object, object>;
const pairs: [string, ServiceDefinition, ServiceDefinition][] = [
  [MILVUS_SERVICE, milvusServiceDefinition(), reference[MILVUS_SERVICE] as ServiceDefinition],
  [TELEMETRY_SERVICE, telemetryServiceDefinition(), reference[TELEMETRY_SERVICE] as ServiceDefinition],
];

test.each(pairs)('%s: the same methods, paths and streaming flags as proto-loader', (_name, ours, theirs) => {
  const shape = (definition: ServiceDefinition) =>
    Object.fromEntries(
      Object.entries(definition).map(([method, spec]) => [
        method,
        { path: spec.path, requestStream: spec.requestStream, responseStream: spec.responseStream},
      ]),
    );
  expect(Object.keys(ours).length).toBeGreaterThan(0);
  expect(shape(ours)).toEqual(shape(theirs));
});

test.each(pairs)('%s: empty messages decode to the same defaults (enum names, int64 strings) as proto-loader', (_name, ours, theirs) => {
  for (const [method, spec] of Object.entries(ours) as [string, Spec][]) {
    const other = theirs[method] as Spec;
    const request = other.requestSerialize({});
    expect(spec.requestDeserialize(request), method).toEqual(other.requestDeserialize(request));
    const response = other.responseSerialize({});
    expect(spec.responseDeserialize(response), method).toEqual(other.responseDeserialize(response));
  }
});

test('realistic messages round-trip to the same bytes and objects as proto-loader', () => {
  const ours = milvusServiceDefinition();
  const theirs = reference[MILVUS_SERVICE] as ServiceDefinition;
  const samples: [string, 'request' | 'response', object][] = [
    ['CreateCollection', 'request', { db_name: 'db1', collection_name: 'docs', schema: Buffer.from([1, 2, 3]), shards_num: 2, consistency_level: 'Strong', properties: [{ key: 'a', value: 'b' }] }],
    ['Search', 'request', { collection_name: 'docs', dsl: 'id > 5', dsl_type: 'BoolExprV1', nq: '3', search_params: [{ key: 'topk', value: '10' }], guarantee_timestamp: '18446744073709551615' }],
    ['Insert', 'response', { status: { code: 0, error_code: 'Success' }, IDs: { int_id: { data: ['1', '9007199254740993'] } }, insert_cnt: '2', timestamp: '450000000000000000' }],
    ['DescribeCollection', 'response', { status: { code: 100, error_code: 'CollectionNotExists', reason: 'collection not found[collection=docs]' }, collectionID: '42', aliases: ['x'] }],
  ];
  for (const [method, side, value] of samples) {
    const mine = ours[method] as Spec;
    const other = theirs[method] as Spec;
    const serialize = side === 'request' ? 'requestSerialize' : 'responseSerialize';
    const deserialize = side === 'request' ? 'requestDeserialize' : 'responseDeserialize';
    const bytes = mine[serialize](value);
    expect(Buffer.compare(bytes, other[serialize](value)), method).toBe(0);
    expect(mine[deserialize](bytes), method).toEqual(other[deserialize](bytes));
  }
});

test('arrays are refused as messages, as proto-loader refuses them', () => {
  const spec = milvusServiceDefinition().ShowCollections as Spec;
  expect(() => spec.requestSerialize([] as unknown as object)).toThrow(/array/);
});
