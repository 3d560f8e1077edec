/**
 * A faster deserializer for InsertRequest / UpsertRequest. proto-loader would decode every float of a
 * FloatVector column into a JS array and then copy it again in `toObject`; at 768 dimensions that is
 * most of the server's insert cost. This walks the wire format of `fields_data` itself and hands the
 * packed floats over as one Float32Array (a single memcpy). Everything else, including the other
 * FieldData payloads, still goes through the SDK's descriptors, so the object shape is unchanged.
 */
import protobuf from 'protobufjs';
import { LOADER_OPTIONS, protoRoot } from './descriptors.js';

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: Buffer as unknown as protobuf.IConversionOptions['bytes'],
  defaults: LOADER_OPTIONS.defaults ?? true,
  oneofs: LOADER_OPTIONS.oneofs ?? true,
};

interface Types {
  readonly fieldData: protobuf.Type;
  readonly vectorField: protobuf.Type;
}

let types: Types | undefined;

function lookup(): Types {
  types ??= {
    fieldData: protoRoot().lookupType('milvus.proto.schema.FieldData'),
    vectorField: protoRoot().lookupType('milvus.proto.schema.VectorField'),
  };
  return types;
}

/** Packed little-endian floats as a Float32Array (copied when the offset is not 4-aligned). */
function floatsOf(bytes: Uint8Array): Float32Array {
  const count = bytes.byteLength >> 2;
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, count);
  return new Float32Array(new Uint8Array(bytes).buffer, 0, count);
}

/** `FloatArray { repeated float data = 1; }`, packed or not. */
function decodeFloatArray(bytes: Uint8Array): Float32Array {
  const reader = protobuf.Reader.create(bytes);
  const parts: Float32Array[] = [];
  const loose: number[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 2) parts.push(floatsOf(reader.bytes()));
    else if (tag >>> 3 === 1 && (tag & 7) === 5) loose.push(reader.float());
    else reader.skipType(tag & 7);
  }
  if (loose.length === 0 && parts.length === 1) return parts[0] as Float32Array;
  const total = parts.reduce((n, p) => n + p.length, 0) + loose.length;
  const out = new Float32Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  out.set(loose, at);
  return out;
}

/** VectorField, with `float_vector.data` as a Float32Array; other payloads through the descriptors. */
function decodeVectorField(bytes: Uint8Array): Record<string, unknown> {
  const { vectorField } = lookup();
  const reader = protobuf.Reader.create(bytes);
  let floats: Float32Array | undefined;
  let dim = '0';
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 2 && (tag & 7) === 2) floats = decodeFloatArray(reader.bytes());
    else if (tag >>> 3 === 1 && (tag & 7) === 0) dim = reader.int64().toString();
    else reader.skipType(tag & 7);
  }
  if (!floats) return vectorField.toObject(vectorField.decode(bytes), TO_OBJECT);
  return { dim, float_vector: { data: floats }, data: 'float_vector' };
}

/** FieldData: vectors decoded by hand, everything else by the descriptors. */
function decodeFieldData(bytes: Uint8Array): Record<string, unknown> {
  const { fieldData } = lookup();
  const reader = protobuf.Reader.create(bytes);
  let vectors: Uint8Array | undefined;
  const chunks: Array<[number, number]> = [];
  while (reader.pos < reader.len) {
    const start = reader.pos;
    const tag = reader.uint32();
    if (tag >>> 3 === 4 && (tag & 7) === 2) {
      vectors = reader.bytes();
      continue;
    }
    reader.skipType(tag & 7);
    chunks.push([start, reader.pos]);
  }
  if (!vectors) return fieldData.toObject(fieldData.decode(bytes), TO_OBJECT);
  const rest = Buffer.concat(chunks.map(([s, e]) => bytes.subarray(s, e)));
  const base = fieldData.toObject(fieldData.decode(rest), TO_OBJECT);
  return { ...base, vectors: decodeVectorField(vectors), field: 'vectors' };
}

/**
 * Builds a requestDeserialize for InsertRequest/UpsertRequest (field 5 = repeated FieldData).
 *
 * @example
 * definition.Insert = { ...definition.Insert, requestDeserialize: fastWriteDeserializer('milvus.proto.milvus.InsertRequest') };
 */
export function fastWriteDeserializer(typeName: string): (bytes: Buffer) => Record<string, unknown> {
  const type = protoRoot().lookupType(typeName);
  return (bytes) => {
    const reader = protobuf.Reader.create(bytes);
    const fields: Array<Record<string, unknown>> = [];
    const chunks: Array<[number, number]> = [];
    while (reader.pos < reader.len) {
      const start = reader.pos;
      const tag = reader.uint32();
      if (tag >>> 3 === 5 && (tag & 7) === 2) {
        fields.push(decodeFieldData(reader.bytes()));
        continue;
      }
      reader.skipType(tag & 7);
      chunks.push([start, reader.pos]);
    }
    const rest = Buffer.concat(chunks.map(([s, e]) => bytes.subarray(s, e)));
    const base = type.toObject(type.decode(rest), TO_OBJECT);
    return { ...base, fields_data: fields };
  };
}
