/**
 * Row-oriented input (REST v2 `data: [...]`, seed files) to columns. Values are JSON: Int64 may be a
 * number, a decimal string or a bigint; vectors are number arrays (Float16/BFloat16 given as floats
 * are converted), sparse vectors `{ "index": value }` maps or `{ indices, values }`; keys outside the
 * schema go to `$meta` when the dynamic field is on.
 */
import { isVectorType } from '../schema/data-types.js';
import { GeometryValue } from '../geometry/index.js';
import type { ColumnInput } from './columns.js';
import { DYNAMIC_FIELD, type CollectionSchemaDef, type FieldDef } from '../schema/index.js';
import { Codes, errors, MilvusError } from '../errors/status.js';
import type { SparseRow } from './vector-column.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 to IEEE half bits, round to nearest even. */
export function toFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  e = half;
  return sign | e;
}

/** float32 to bfloat16 bits by truncation, as the Node SDK encodes them. */
export function toBFloat16Bits(value: number): number {
  f32[0] = value;
  return (u32[0] as number) >>> 16;
}

/** A row value of the wrong shape; REST v2 reports `detail` under its own code (1804). */
export class RowValueError extends MilvusError {
  constructor(readonly detail: string) {
    super(Codes.parameterInvalid, `fail to deal the insert data, ${detail}: invalid parameter`);
  }
}

function bad(field: string, expected: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  throw new RowValueError(`field ${field} expects ${expected}, got ${shown ?? String(value)}`);
}

function scalar(field: FieldDef, type: string, value: unknown): unknown {
  switch (type) {
    case 'Bool':
      return typeof value === 'boolean' ? value : bad(field.name, 'a boolean', value);
    case 'Int8':
    case 'Int16':
    case 'Int32':
      return typeof value === 'number' && Number.isInteger(value) ? value : bad(field.name, 'an integer', value);
    case 'Int64':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
      if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
      return bad(field.name, 'an int64', value);
    case 'Float':
      return typeof value === 'number' ? Math.fround(value) : bad(field.name, 'a number', value);
    case 'Double':
      return typeof value === 'number' ? value : bad(field.name, 'a number', value);
    case 'VarChar':
    case 'String':
      return typeof value === 'string' ? value : bad(field.name, 'a string', value);
    case 'Timestamptz':
      return typeof value === 'string' ? value : bad(field.name, 'an ISO 8601 string', value);
    case 'JSON':
      return value;
    case 'Geometry':
      // WKT text; parsed (and refused with the proxy's words) by the insert checks.
      return typeof value === 'string' || value instanceof GeometryValue ? value : bad(field.name, 'a WKT string', value);
    default:
      return bad(field.name, type, value);
  }
}

function sparseRow(field: FieldDef, value: unknown): SparseRow {
  if (value && typeof value === 'object' && 'indices' in value && 'values' in value) {
    const v = value as { indices: ArrayLike<number>; values: ArrayLike<number> };
    return { indices: Uint32Array.from(v.indices), values: Float32Array.from(v.values) };
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, number>).map(([k, v]) => [Number(k), v] as const);
    entries.sort((a, b) => a[0] - b[0]);
    return { indices: Uint32Array.from(entries.map((e) => e[0])), values: Float32Array.from(entries.map((e) => e[1])) };
  }
  return bad(field.name, 'a sparse vector', value);
}

function numberArray(field: FieldDef, value: unknown): number[] {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number')) return bad(field.name, 'a vector of numbers', value);
  return value;
}

function vectorColumn(field: FieldDef, present: unknown[]): Partial<ColumnInput> {
  const dim = field.dim ?? 0;
  switch (field.type) {
    case 'FloatVector':
      return { payload: 'float_vector', vectorDim: dim, floats: present.flatMap((v) => numberArray(field, v)) };
    case 'SparseFloatVector':
      return { payload: 'sparse_float_vector', sparse: present.map((v) => sparseRow(field, v)) };
    case 'BinaryVector':
      return { payload: 'binary_vector', vectorDim: dim, bytes: Uint8Array.from(present.flatMap((v) => numberArray(field, v))) };
    case 'Int8Vector': {
      const values = present.flatMap((v) => numberArray(field, v));
      return { payload: 'int8_vector', vectorDim: dim, bytes: new Uint8Array(Int8Array.from(values).buffer) };
    }
    default: {
      const convert = field.type === 'Float16Vector' ? toFloat16Bits : toBFloat16Bits;
      const bits = Uint16Array.from(present.flatMap((v) => numberArray(field, v)).map(convert));
      return { payload: field.type === 'Float16Vector' ? 'float16_vector' : 'bfloat16_vector', vectorDim: dim, bytes: new Uint8Array(bits.buffer) };
    }
  }
}

/** An Array of Structs value as JSON objects: sub-values converted by type, unknown keys left for the insert checks. */
function structRow(field: FieldDef, value: unknown): unknown[] {
  if (!Array.isArray(value)) return bad(field.name, 'an array of structs', value);
  const subs = new Map((field.structFields ?? []).map((f) => [f.name, f]));
  return value.map((element: unknown) => {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) return element;
    return Object.fromEntries(
      Object.entries(element as Record<string, unknown>).map(([key, v]) => {
        const sub = subs.get(key);
        if (!sub || v === null || v === undefined) return [key, v];
        return [key, sub.type === 'FloatVector' ? numberArray(sub, v) : scalar(sub, sub.type, v)];
      }),
    );
  });
}

/**
 * @example
 * const columns = rowsToColumns(schema, [{ id: 1, vector: [0.1, 0.2], color: 'red' }]);
 */
export function rowsToColumns(schema: CollectionSchemaDef, rows: readonly Record<string, unknown>[]): ColumnInput[] {
  const columns: ColumnInput[] = [];
  const known = new Set(schema.fields.map((f) => f.name));
  for (const field of schema.fields) {
    if (!rows.some((row) => row[field.name] !== undefined)) continue;
    const validData = rows.map((row) => row[field.name] !== undefined && row[field.name] !== null);
    const present = rows.filter((_, i) => validData[i]).map((row) => row[field.name]);
    const base = { name: field.name, isDynamic: false, ...(validData.every(Boolean) ? {} : { validData }) };
    if (isVectorType(field.type)) {
      columns.push({ ...base, ...vectorColumn(field, present) });
    } else if (field.structFields) {
      columns.push({ ...base, payload: 'struct_arrays', values: present.map((v) => structRow(field, v)) });
    } else if (field.type === 'Array') {
      const element = field.elementType ?? 'Int64';
      const values = present.map((v) => (Array.isArray(v) ? v.map((x) => scalar(field, element, x)) : bad(field.name, 'an array', v)));
      columns.push({ ...base, values });
    } else {
      columns.push({ ...base, values: present.map((v) => scalar(field, field.type, v)) });
    }
  }
  const extras = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !known.has(k) && k !== DYNAMIC_FIELD)));
  const explicitMeta = rows.map((row) => row[DYNAMIC_FIELD]);
  const hasExtras = extras.some((e) => Object.keys(e).length > 0) || explicitMeta.some((m) => m !== undefined);
  if (hasExtras) {
    if (!schema.enableDynamicField) {
      const name = Object.keys(extras.find((e) => Object.keys(e).length > 0) ?? {})[0] ?? DYNAMIC_FIELD;
      throw errors.unexpected(`fieldName ${name} not exist in collection schema`);
    }
    const values = rows.map((_, i) => ({ ...((explicitMeta[i] as Record<string, unknown> | undefined) ?? {}), ...extras[i] }));
    columns.push({ name: DYNAMIC_FIELD, isDynamic: true, values });
  }
  return columns;
}
