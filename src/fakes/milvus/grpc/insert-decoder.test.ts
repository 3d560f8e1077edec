import { expect, test } from 'vitest';
import { milvusServiceDefinition, protoRoot } from './descriptors.js';
import { fastWriteDeserializer } from './insert-decoder.js';

function encode(typeName: string, message: Record<string, unknown>): Buffer {
  const type = protoRoot().lookupType(typeName);
  return Buffer.from(type.encode(type.fromObject(message)).finish());
}

const request = {
  db_name: 'db',
  collection_name: 'docs',
  partition_name: 'p',
  num_rows: 2,
  schema_timestamp: '123',
  fields_data: [
    { type: 'Int64', field_name: 'id', scalars: { long_data: { data: ['1', '9007199254740993'] } } },
    { type: 'FloatVector', field_name: 'v', vectors: { dim: '3', float_vector: { data: [0.5, -1, 2, 3, 4.25, -0.125] } } },
    { type: 'BinaryVector', field_name: 'b', vectors: { dim: '8', binary_vector: Buffer.from([1, 255]) } },
    { type: 'JSON', field_name: '$meta', is_dynamic: true, scalars: { json_data: { data: [Buffer.from('{}'), Buffer.from('{"a":1}')] } } },
    { type: 'Int32', field_name: 'n', scalars: { int_data: { data: [7] } }, valid_data: [true, false] },
  ],
};

test('decodes the same object as proto-loader, with float vectors as one Float32Array', () => {
  const bytes = encode('milvus.proto.milvus.InsertRequest', request);
  const reference = (milvusServiceDefinition().Insert as { requestDeserialize: (b: Buffer) => Record<string, unknown> }).requestDeserialize(bytes);
  const fast = fastWriteDeserializer('milvus.proto.milvus.InsertRequest')(bytes);
  const fields = fast.fields_data as Array<{ vectors?: { float_vector?: { data: unknown } } }>;
  expect(fields[1]?.vectors?.float_vector?.data).toBeInstanceOf(Float32Array);
  const plain = JSON.parse(JSON.stringify(fast, (_k, v: unknown) => (v instanceof Float32Array ? Array.from(v) : v)));
  expect(plain).toEqual(JSON.parse(JSON.stringify(reference)));
});

test('handles unaligned packed floats and upsert requests', () => {
  // A 1-byte partition name shifts the packed floats off a 4-byte boundary.
  const bytes = encode('milvus.proto.milvus.UpsertRequest', { ...request, partition_name: 'x', partial_update: true });
  const fast = fastWriteDeserializer('milvus.proto.milvus.UpsertRequest')(bytes);
  const v = (fast.fields_data as Array<{ vectors?: { float_vector?: { data: Float32Array } } }>)[1]?.vectors?.float_vector?.data;
  expect(Array.from(v ?? [])).toEqual([0.5, -1, 2, 3, 4.25, -0.125]);
  expect(fast.partial_update).toBe(true);
});
