/**
 * `schema.FieldData` codec: decoding what the SDK sends into {@link ColumnInput}s, and encoding
 * result columns back. Encodings follow the SDK (see reference §2.2): int64 as decimal strings, JSON
 * as UTF-8 bytes, Float16/BFloat16 as 2 little-endian bytes per element, binary vectors packed,
 * sparse rows as (uint32 index, float32 value) little-endian pairs, nullable columns compact on insert.
 */
import type { DataTypeName } from '../schema/data-types.js';
import type { ColumnInput, OutputColumn, VectorValue } from '../storage/columns.js';
import type { ProtoFieldData, ProtoScalarField } from './proto-types.js';
import type { FieldDef } from '../schema/index.js';
import { DYNAMIC_FIELD } from '../schema/index.js';
import { errors } from '../errors/status.js';
import type { SparseRow } from '../storage/vector-column.js';
import { decodeStructFieldData, encodeStructColumn } from './struct-data.js';
import { decodeScalarField, SCALAR_PAYLOAD } from './scalar-field.js';

export { decodeScalarField };

export function decodeSparseRow(bytes: Uint8Array): SparseRow {
  if (bytes.byteLength % 8 !== 0) throw errors.unexpected('invalid data length in sparse float vector');
  const count = bytes.byteLength / 8;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const indices = new Uint32Array(count);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    indices[i] = view.getUint32(i * 8, true);
    values[i] = view.getFloat32(i * 8 + 4, true);
  }
  return { indices, values };
}

export function encodeSparseRow(row: SparseRow): Buffer {
  const out = Buffer.alloc(row.indices.length * 8);
  for (let i = 0; i < row.indices.length; i++) {
    out.writeUInt32LE(row.indices[i] as number, i * 8);
    out.writeFloatLE(row.values[i] as number, i * 8 + 4);
  }
  return out;
}

function asBytes(value: Uint8Array | null | undefined): Uint8Array {
  return value ?? new Uint8Array(0);
}

/** Decodes one FieldData of an insert/upsert request. */
export function decodeFieldData(data: ProtoFieldData): ColumnInput {
  if (data.struct_arrays) return decodeStructFieldData(data);
  const name = data.field_name ?? '';
  const validData = data.valid_data && data.valid_data.length > 0 ? data.valid_data : undefined;
  const base = { name, isDynamic: data.is_dynamic === true || name === DYNAMIC_FIELD, ...(validData ? { validData } : {}) };
  if (data.scalars) {
    const { payload, values } = decodeScalarField(data.scalars, name);
    const elementPayloads =
      payload === 'array_data' ? (data.scalars.array_data?.data ?? []).map((row) => row.data ?? 'none') : undefined;
    return { ...base, payload, values, ...(elementPayloads ? { elementPayloads } : {}) };
  }
  const vectors = data.vectors;
  if (!vectors) return { ...base, payload: 'none' };
  const payload = vectors.data ?? 'none';
  const vectorDim = Number(vectors.dim ?? 0);
  switch (payload) {
    case 'float_vector':
      return { ...base, payload, vectorDim, floats: vectors.float_vector?.data ?? [] };
    case 'binary_vector':
    case 'float16_vector':
    case 'bfloat16_vector':
    case 'int8_vector':
      return { ...base, payload, vectorDim, bytes: asBytes(vectors[payload]) };
    case 'sparse_float_vector':
      return {
        ...base,
        payload,
        vectorDim,
        sparse: (vectors.sparse_float_vector?.contents ?? []).map((b) => decodeSparseRow(b)),
      };
    default:
      return { ...base, payload };
  }
}


/** The zero a row-dense column carries in place of a null. */
function placeholder(type: DataTypeName): unknown {
  switch (type) {
    case 'Bool':
      return false;
    case 'Int64':
      return 0n;
    case 'VarChar':
    case 'String':
    case 'Timestamptz':
      return '';
    case 'JSON':
      return null;
    case 'Array':
      return [];
    case 'Geometry':
      return '';
    default:
      return 0;
  }
}

function wireScalar(type: DataTypeName, value: unknown): unknown {
  if (type === 'Int64') return String(value as bigint);
  if (type === 'JSON') return value === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(value, jsonReplacer));
  // Geometry: WKT text (a null row's placeholder is already '').
  if (type === 'Geometry') return String(value);
  return value;
}

/** JSON.stringify replacer: bigints inside JSON/dynamic values print as numbers. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

function scalarField(type: DataTypeName, values: readonly unknown[], elementType?: DataTypeName): Record<string, unknown> {
  const key = SCALAR_PAYLOAD[type] ?? 'string_data';
  if (type === 'Array') {
    const element = elementType ?? 'Int64';
    return {
      array_data: {
        element_type: element,
        data: values.map((row) => scalarField(element, (row as unknown[] | null) ?? [])),
      },
    };
  }
  return { [key]: { data: values.map((v) => wireScalar(type, v)) } };
}

function vectorField(field: FieldDef, rows: readonly (VectorValue | null)[]): Record<string, unknown> {
  const present = rows.filter((r): r is VectorValue => r !== null);
  const dim = field.dim ?? 0;
  switch (field.type) {
    case 'FloatVector': {
      const flat: number[] = [];
      for (const row of present) for (const x of row as Float32Array) flat.push(x);
      return { dim: String(dim), float_vector: { data: flat } };
    }
    case 'BinaryVector':
      return { dim: String(dim), binary_vector: concatBytes(present) };
    case 'Float16Vector':
      return { dim: String(dim), float16_vector: concatBytes(present) };
    case 'BFloat16Vector':
      return { dim: String(dim), bfloat16_vector: concatBytes(present) };
    case 'Int8Vector':
      return { dim: String(dim), int8_vector: concatBytes(present) };
    case 'SparseFloatVector': {
      const rowsOut = present.map((r) => encodeSparseRow(r as SparseRow));
      const maxIndex = present.reduce((m, r) => {
        const s = r as SparseRow;
        return s.indices.length ? Math.max(m, (s.indices[s.indices.length - 1] as number) + 1) : m;
      }, 0);
      return { dim: String(maxIndex), sparse_float_vector: { dim: String(maxIndex), contents: rowsOut } };
    }
    default:
      throw new TypeError(`not a vector field: ${field.type}`);
  }
}

function concatBytes(rows: readonly VectorValue[]): Buffer {
  return Buffer.concat(rows.map((r) => {
    const typed = r as Uint8Array | Uint16Array | Int8Array;
    return Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
  }));
}

/**
 * Encodes one result column. Scalars are row-dense (nulls carry a zero and `valid_data` false), as
 * segcore returns them; nullable vectors are compact. The SDK reads both forms.
 */
export function encodeOutputColumn(column: OutputColumn): Record<string, unknown> {
  if (column.kind === 'count') {
    return { type: 'Int64', field_name: column.name, scalars: { long_data: { data: column.values.map(String) } } };
  }
  if (column.kind === 'dynamic') {
    return {
      type: 'JSON',
      field_name: column.name,
      is_dynamic: true,
      scalars: scalarField('JSON', column.values.map((v) => v ?? {})),
    };
  }
  const field = column.field as FieldDef;
  if (field.structFields) return encodeStructColumn(field, column.values);
  const validData = field.nullable ? column.values.map((v) => v !== null) : [];
  const base = { type: field.type, field_name: field.name, field_id: String(field.fieldID), valid_data: validData };
  if (field.type.endsWith('Vector')) return { ...base, vectors: vectorField(field, column.values as (VectorValue | null)[]) };
  const dense = column.values.map((v) => (v === null ? placeholder(field.type) : v));
  return { ...base, scalars: scalarField(field.type, dense, field.elementType) };
}
