/**
 * `schema.ScalarField`, shared by the column codec (field-data.ts) and the struct-array codec
 * (struct-data.ts): which payload carries each scalar type, and decoding a payload's values.
 */
import type { DataTypeName } from '../schema/data-types.js';
import { errors } from '../errors/status.js';
import type { ProtoScalarField } from './proto-types.js';

const textDecoder = new TextDecoder('utf-8', { fatal: false });

/** The ScalarField payload (oneof `data`) that carries each scalar type. */
export const SCALAR_PAYLOAD: Partial<Record<DataTypeName, string>> = {
  Bool: 'bool_data',
  Int8: 'int_data',
  Int16: 'int_data',
  Int32: 'int_data',
  Int64: 'long_data',
  Float: 'float_data',
  Double: 'double_data',
  VarChar: 'string_data',
  String: 'string_data',
  JSON: 'json_data',
  Array: 'array_data',
  Geometry: 'geometry_wkt_data',
  // The proxy turns timestamptz_data into ISO strings in string_data (util.go timestamptzUTC2IsoStr).
  Timestamptz: 'string_data',
};

function toBigInt(value: string | number): bigint {
  return typeof value === 'number' ? BigInt(Math.trunc(value)) : BigInt(value);
}

function parseJsonBytes(bytes: Uint8Array, field: string): unknown {
  if (bytes.byteLength === 0) return null;
  const text = textDecoder.decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidParameter(`invalid JSON format for field ${field}: ${text.slice(0, 64)}`);
  }
}

/** Values of one ScalarField in the in-memory representation, plus the payload name. */
export function decodeScalarField(scalars: ProtoScalarField, field: string): { payload: string; values: unknown[] } {
  const payload = scalars.data ?? 'none';
  switch (payload) {
    case 'bool_data':
    case 'int_data':
    case 'float_data':
    case 'double_data':
    case 'string_data':
    case 'geometry_wkt_data':
      return { payload, values: [...((scalars[payload]?.data ?? []) as unknown[])] };
    case 'long_data':
      return { payload, values: (scalars.long_data?.data ?? []).map(toBigInt) };
    case 'timestamptz_data':
      return { payload, values: (scalars.timestamptz_data?.data ?? []).map(toBigInt) };
    case 'json_data':
      return { payload, values: (scalars.json_data?.data ?? []).map((b) => parseJsonBytes(b, field)) };
    case 'array_data':
      return { payload, values: (scalars.array_data?.data ?? []).map((row) => decodeScalarField(row, field).values) };
    default:
      return { payload, values: [] };
  }
}
