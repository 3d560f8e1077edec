/**
 * Per-column checks of an insert, in the proxy's words (`internal/proxy/validate_util.go`): payload
 * type against the schema, row counts, dimensions, VarChar byte length, integer overflow, array
 * capacity and element types, NaN/Inf, sparse rows. Produces row-dense values and vector appenders.
 */
import { INTEGER_BOUNDS, type DataTypeName } from '../schema/data-types.js';
import { toGeometryValue } from './geometry-values.js';
import type { ColumnInput } from './columns.js';
import type { FieldDef } from '../schema/index.js';
import { errors } from '../errors/status.js';
import { DEFAULT_TIMEZONE, parseTimestamptz } from '../schema/timestamptz.js';
import { DenseVectorColumn, SparseVectorColumn, sparseRowProblem, type VectorColumn } from './vector-column.js';

/** Milvus' float check: a plain fmt.Errorf (so code 65535) with Go's `%f` of NaN / ±Inf. */
function notFinite(value: number): Error {
  const text = Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  return errors.unexpected(`value '${text}' is not a number or infinity`);
}

const PAYLOAD: Partial<Record<DataTypeName, { key: string; need: string }>> = {
  Bool: { key: 'bool_data', need: 'need bool array' },
  Int8: { key: 'int_data', need: 'need int array' },
  Int16: { key: 'int_data', need: 'need int array' },
  Int32: { key: 'int_data', need: 'need int array' },
  Int64: { key: 'long_data', need: 'need long int array' },
  Float: { key: 'float_data', need: 'need float32 array' },
  Double: { key: 'double_data', need: 'need float64(double) array' },
  VarChar: { key: 'string_data', need: 'need string array' },
  JSON: { key: 'json_data', need: 'need json array' },
  Array: { key: 'array_data', need: 'need array' },
  Geometry: { key: 'geometry_wkt_data', need: 'need geometry array' },
  FloatVector: { key: 'float_vector', need: 'need float vector' },
  BinaryVector: { key: 'binary_vector', need: 'need bytes array' },
  Float16Vector: { key: 'float16_vector', need: 'need vector_float16 array' },
  BFloat16Vector: { key: 'bfloat16_vector', need: 'need vector_bfloat16 array' },
  Int8Vector: { key: 'int8_vector', need: 'need vector_int8 array' },
  SparseFloatVector: { key: 'sparse_float_vector', need: 'need sparse float array' },
};

const ELEMENT_PAYLOAD: Partial<Record<DataTypeName, [string, string]>> = {
  Bool: ['bool_data', 'bool array'],
  Int8: ['int_data', 'int array'],
  Int16: ['int_data', 'int array'],
  Int32: ['int_data', 'int array'],
  Int64: ['long_data', 'int64 array'],
  Float: ['float_data', 'float array'],
  Double: ['double_data', 'double array'],
  VarChar: ['string_data', 'string array'],
};

export function checkPayload(field: FieldDef, column: ColumnInput): void {
  // The SDK sends Timestamptz as ISO text in string_data; int64 micros in timestamptz_data pass as is.
  if (field.type === 'Timestamptz') {
    const p = column.payload;
    if (p === undefined || p === 'string_data' || p === 'timestamptz_data') return;
    throw errors.invalidParameterValue('need string array', 'got nil', `field '${field.name}' is illegal, array type mismatch`);
  }
  const expected = PAYLOAD[field.type];
  if (!expected || column.payload === undefined || column.payload === expected.key) return;
  throw errors.invalidParameterValue(expected.need, 'got nil', `field '${field.name}' is illegal, array type mismatch`);
}

function numRowsMismatch(field: string, got: number, numRows: number): never {
  throw errors.invalidParameterValue(
    numRows,
    got,
    `the num_rows (${got}) of field (${field}) is not equal to passed num_rows (${numRows})`,
  );
}

/** Expands a compact column (values only for valid rows) to one entry per row, `undefined` for unset rows. */
export function expandValid<T>(field: FieldDef, column: ColumnInput, present: readonly T[], numRows: number): Array<T | undefined> {
  const valid = column.validData;
  if (!valid || valid.length === 0) {
    if (present.length !== numRows) numRowsMismatch(field.name, present.length, numRows);
    return [...present];
  }
  if (!field.nullable && field.defaultValue === undefined && valid.some((v) => !v)) {
    throw errors.invalidParameter(`the field (${field.name}) is not nullable, but has null value`);
  }
  if (valid.length !== numRows) {
    throw errors.invalidParameterValue(numRows, valid.length, `the length of valid_data of field(${field.name}) is wrong`);
  }
  const presentCount = valid.filter(Boolean).length;
  // Accept both the compact form the SDK sends and a row-dense form (one value per row).
  const dense = present.length === numRows && presentCount !== numRows;
  if (!dense && present.length !== presentCount) numRowsMismatch(field.name, present.length, numRows);
  let next = 0;
  return valid.map((ok, i) => {
    if (dense) return ok ? present[i] : undefined;
    return ok ? present[next++] : undefined;
  });
}

export function checkScalar(field: FieldDef, value: unknown, row: number): void {
  switch (field.type) {
    case 'Int8':
    case 'Int16': {
      const [lo, hi] = INTEGER_BOUNDS[field.type];
      const n = value as number;
      if (n < lo || n > hi) {
        throw errors.invalidParameterValue("integer doesn't overflow", 'out of range', `the ${row}th element (${n}) out of range: [${lo}, ${hi}]`);
      }
      return;
    }
    case 'Float':
    case 'Double':
      if (!Number.isFinite(value as number)) {
        throw notFinite(value as number);
      }
      return;
    case 'VarChar': {
      const length = Buffer.byteLength(value as string, 'utf8');
      if (field.maxLength !== undefined && length > field.maxLength) {
        throw errors.invalidParameter(
          `length of varchar field ${field.name} exceeds max length, row number: ${row}, length: ${length}, max length: ${field.maxLength}`,
        );
      }
      return;
    }
    case 'Array':
      checkArray(field, value as unknown[], row);
      return;
    default:
  }
}

function checkArray(field: FieldDef, value: unknown[], row: number): void {
  if (field.maxCapacity !== undefined && value.length > field.maxCapacity) {
    throw errors.invalidParameterValue(
      'valid length array',
      'array length exceeds max capacity',
      `the length (${value.length}) of ${row}th array exceeds max capacity (${field.maxCapacity})`,
    );
  }
  const element = field.elementType;
  if (element === 'Int8' || element === 'Int16') {
    const [lo, hi] = INTEGER_BOUNDS[element];
    value.forEach((n, i) => {
      if ((n as number) < lo || (n as number) > hi) {
        throw errors.invalidParameterValue("integer doesn't overflow", 'out of range', `the ${i}th element (${String(n)}) out of range: [${lo}, ${hi}]`);
      }
    });
  }
  if (element === 'VarChar' && field.maxLength !== undefined) {
    value.forEach((s, i) => {
      const length = Buffer.byteLength(s as string, 'utf8');
      if (length > (field.maxLength as number)) {
        throw errors.invalidParameter(
          `length of VarChar array field "${field.name}" exceeds max length, row number: ${row}, array index: ${i}, length: ${length}, max length: ${field.maxLength}`,
        );
      }
    });
  }
}

/** Row-dense scalar values (null for nulls, defaults applied) after all checks. */
export function scalarColumn(field: FieldDef, column: ColumnInput | undefined, numRows: number, timezone = DEFAULT_TIMEZONE): unknown[] {
  if (!column) return new Array<unknown>(numRows).fill(field.defaultValue !== undefined ? field.defaultValue : null);
  checkPayload(field, column);
  if (field.type === 'Array' && field.elementType && column.elementPayloads) {
    const [key, label] = ELEMENT_PAYLOAD[field.elementType] ?? ['', ''];
    const bad = column.elementPayloads.find((p) => p !== key && p !== 'none');
    if (bad) throw errors.invalidParameterValue(label, `${bad} array`, 'insert data does not match');
  }
  const values = expandValid(field, column, column.values ?? [], numRows);
  return values.map((value, row) => {
    if (value === undefined || value === null) {
      if (field.defaultValue !== undefined) return field.defaultValue;
      if (field.nullable) return null;
      throw errors.invalidParameter(`the field (${field.name}) is not nullable, but has null value`);
    }
    if (field.type === 'Timestamptz') return typeof value === 'string' ? parseTimestamptz(value, timezone) : value;
    checkScalar(field, value, row);
    return field.type === 'Geometry' ? toGeometryValue(value) : value;
  });
}

/** Validates a vector column and returns the function that appends it to storage. */
export function vectorAppender(field: FieldDef, column: ColumnInput | undefined, numRows: number): (target: VectorColumn) => void {
  if (!column) {
    if (!field.nullable) throw errors.invalidParameter(`fieldSchema(${field.name}) has no corresponding fieldData pass in`);
    return (target) => appendNulls(target, numRows);
  }
  checkPayload(field, column);
  const rowsValid = column.validData && column.validData.length > 0 ? column.validData : undefined;
  if (rowsValid && !field.nullable && rowsValid.some((v) => !v)) {
    throw errors.invalidParameter(`the field (${field.name}) is not nullable, but has null value`);
  }
  const presentCount = rowsValid ? rowsValid.filter(Boolean).length : numRows;
  if (rowsValid && rowsValid.length !== numRows) {
    throw errors.invalidParameterValue(numRows, rowsValid.length, `the length of valid_data of field(${field.name}) is wrong`);
  }
  if (field.type === 'SparseFloatVector') {
    const rows = column.sparse ?? [];
    if (rows.length !== presentCount) numRowsMismatch(field.name, rows.length, numRows);
    for (const row of rows) {
      const problem = sparseRowProblem(row);
      if (problem) throw errors.unexpected(problem);
    }
    return (target) => {
      const sparse = target as SparseVectorColumn;
      let next = 0;
      for (let i = 0; i < numRows; i++) sparse.append(rowsValid && !rowsValid[i] ? null : (rows[next++] ?? null));
    };
  }
  const dim = field.dim ?? 0;
  const dataDim = column.vectorDim ?? dim;
  if (dataDim !== dim) {
    throw errors.invalidParameterValue(dim, dataDim, `the dim (${dataDim}) of field data(${field.name}) is not equal to schema dim (${dim})`);
  }
  const { source, stride } = denseSource(field, column);
  if (source.length % stride !== 0) {
    const what = field.type === 'FloatVector' ? 'float data' : field.type === 'BinaryVector' ? 'binary data' : `${field.type} data`;
    throw errors.unexpected(`the length(${source.length}) of ${what} should divide the dim(${dim})`);
  }
  const rows = source.length / stride;
  if (rows !== presentCount) numRowsMismatch(field.name, rows, numRows);
  if (field.type === 'FloatVector') {
    for (let i = 0; i < source.length; i++) {
      if (!Number.isFinite(source[i] as number)) {
        throw notFinite(source[i] as number);
      }
    }
  }
  return (target) => {
    const dense = target as DenseVectorColumn;
    if (!rowsValid) {
      dense.appendElements(source, 0, numRows);
      return;
    }
    let next = 0;
    for (let i = 0; i < numRows; i++) {
      if (rowsValid[i]) dense.appendElements(source, stride * next++, 1);
      else dense.appendNull();
    }
  };
}

function denseSource(field: FieldDef, column: ColumnInput): { source: ArrayLike<number>; stride: number } {
  const dim = field.dim ?? 0;
  switch (field.type) {
    case 'FloatVector':
      return { source: column.floats ?? [], stride: dim };
    case 'BinaryVector':
      return { source: column.bytes ?? new Uint8Array(0), stride: dim / 8 };
    case 'Int8Vector': {
      const bytes = column.bytes ?? new Uint8Array(0);
      return { source: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), stride: dim };
    }
    default: {
      // Float16 / BFloat16: two little-endian bytes per element; copy to align for Uint16Array.
      const bytes = column.bytes ?? new Uint8Array(0);
      if (bytes.byteLength % 2 !== 0) throw errors.unexpected(`the length(${bytes.byteLength}) of ${field.type} data should divide the dim(${dim})`);
      const aligned = new Uint8Array(bytes);
      return { source: new Uint16Array(aligned.buffer, 0, aligned.byteLength / 2), stride: dim };
    }
  }
}

function appendNulls(target: VectorColumn, rows: number): void {
  for (let i = 0; i < rows; i++) {
    if (target instanceof DenseVectorColumn) target.appendNull();
    else target.append(null);
  }
}
