/**
 * FieldData for Array of Structs fields. Writes: the SDK (`grpc/Data.js`) sends one FieldData with
 * `struct_arrays.fields`, a FieldData per sub-field named by its plain name: scalars as
 * `scalars.array_data` (one ScalarField per row), vectors as `vectors.vector_array` (one VectorField per
 * row). Reads: the proxy regroups sub-field columns into `FieldData { type: ArrayOfStruct, field_name:
 * <struct>, struct_arrays }` (`task_query.go reconstructStructFieldData`); the SDK zips them back into
 * `[{ sub: value }]` by each sub FieldData's `field_name` (`utils/Data.js processStructArraysData`).
 */
import type { ColumnInput } from '../storage/columns.js';
import type { FieldDef } from '../schema/index.js';
import { errors } from '../errors/status.js';
import type { ProtoFieldData, ProtoScalarField, ProtoVectorField } from './proto-types.js';
import { decodeScalarField, SCALAR_PAYLOAD } from './scalar-field.js';

/** `chunks[text]` → `text`: the server's internal spelling is accepted too. */
function subName(struct: string, name: string): string {
  return name.startsWith(`${struct}[`) && name.endsWith(']') ? name.slice(struct.length + 1, -1) : name;
}

/** The payloads a struct's scalar sub-field can carry (its types: bool, ints, float, double, VarChar). */
const STRUCT_SCALAR_PAYLOADS: ReadonlySet<string> = new Set(['bool_data', 'int_data', 'long_data', 'float_data', 'double_data', 'string_data']);

function scalarValues(field: ProtoScalarField, name: string): unknown[] {
  if (!STRUCT_SCALAR_PAYLOADS.has(field.data ?? 'none')) {
    throw errors.invalidParameterValue('need array', `${field.data ?? 'none'} array`, 'insert data does not match');
  }
  return decodeScalarField(field, name).values;
}

function vectorRows(field: ProtoVectorField, name: string, row: number): Float32Array[] {
  const dim = Number(field.dim ?? 0);
  const data = field.float_vector?.data;
  if (!data || dim <= 0) throw errors.invalidParameter('need float vector in the vector array of a struct field');
  const floats = data instanceof Float32Array ? data : Float32Array.from(data);
  if (floats.length % dim !== 0) {
    throw errors.invalidParameter(`the length (${floats.length}) of the vectors of sub-field ${name} is not a multiple of dim (${dim}), row number: ${row}`);
  }
  const out: Float32Array[] = [];
  for (let at = 0; at + dim <= floats.length; at += dim) out.push(floats.slice(at, at + dim));
  return out;
}

/** The per-row columns of one sub-field: arrays of values (scalars) or of Float32Arrays (vectors). */
function subColumn(data: ProtoFieldData): unknown[][] {
  if (data.scalars?.array_data) return (data.scalars.array_data.data ?? []).map((s) => scalarValues(s, data.field_name ?? ''));
  if (data.vectors?.vector_array) return (data.vectors.vector_array.data ?? []).map((v, row) => vectorRows(v, data.field_name ?? '', row));
  throw errors.invalidParameterValue('need array', 'got nil', `field '${data.field_name ?? ''}' is illegal, array type mismatch`);
}

/** Decodes a struct FieldData into rows of `{ sub: value }` elements. */
export function decodeStructFieldData(data: ProtoFieldData): ColumnInput {
  const name = data.field_name ?? '';
  const subs = (data.struct_arrays?.fields ?? []).map((f) => ({ name: subName(name, f.field_name ?? ''), rows: subColumn(f) }));
  const numRows = Math.max(0, ...subs.map((s) => s.rows.length));
  const rows = Array.from({ length: numRows }, (_, row) => {
    const count = subs[0]?.rows[row]?.length ?? 0;
    return Array.from({ length: count }, (_e, i) => {
      const element: Record<string, unknown> = {};
      for (const sub of subs) {
        const values = sub.rows[row] ?? [];
        if (values.length !== count) {
          throw errors.invalidParameter(
            `the number of elements of sub-field ${sub.name} (${values.length}) differs from the other sub-fields of struct ${name} (${count}), row number: ${row}`,
          );
        }
        element[sub.name] = values[i];
      }
      return element;
    });
  });
  const validData = data.valid_data && data.valid_data.length > 0 ? data.valid_data : undefined;
  return { name, isDynamic: false, payload: 'struct_arrays', values: rows, ...(validData ? { validData } : {}) };
}

function subFieldData(sub: FieldDef, rows: ReadonlyArray<ReadonlyArray<Readonly<Record<string, unknown>>>>): Record<string, unknown> {
  const base = { field_name: sub.name, field_id: String(sub.fieldID) };
  if (sub.type === 'FloatVector') {
    const dim = String(sub.dim ?? 0);
    return {
      ...base,
      type: 'ArrayOfVector',
      vectors: {
        dim,
        vector_array: {
          dim,
          element_type: 'FloatVector',
          data: rows.map((elements) => ({
            dim,
            float_vector: { data: elements.flatMap((e) => Array.from(e[sub.name] as Float32Array)) },
          })),
        },
      },
    };
  }
  const key = SCALAR_PAYLOAD[sub.type] ?? 'string_data';
  return {
    ...base,
    type: 'Array',
    scalars: {
      array_data: {
        element_type: sub.type,
        data: rows.map((elements) => ({
          [key]: { data: elements.map((e) => (sub.type === 'Int64' ? String(e[sub.name] as bigint) : e[sub.name])) },
        })),
      },
    },
  };
}

/** Encodes one struct output column the way the proxy regroups it. */
export function encodeStructColumn(field: FieldDef, values: readonly unknown[]): Record<string, unknown> {
  const rows = values.map((v) => (v ?? []) as ReadonlyArray<Readonly<Record<string, unknown>>>);
  return {
    type: 'ArrayOfStruct',
    field_name: field.name,
    field_id: String(field.fieldID),
    valid_data: [],
    struct_arrays: { fields: (field.structFields ?? []).map((sub) => subFieldData(sub, rows)) },
  };
}
