/**
 * Milvus field types by their proto enum names (`schema.DataType`), as the SDK's proto loader
 * (`enums: String`) hands them to us and expects them back.
 *
 * In-memory value representation, shared by the store, the expression evaluator and the codecs:
 * - Bool: boolean; Int8/Int16/Int32: number; Int64: bigint (auto ids exceed 2^53);
 * - Float/Double: number; VarChar/String: string;
 * - JSON: the parsed JSON value; Array: a JS array of element values (Int64 elements as bigint);
 * - Geometry: a `GeometryValue` (`../geometry/`): normalized WKT plus the parsed shape;
 * - Timestamptz: bigint UTC microseconds (schema/timestamptz.ts parses and formats);
 * - a null value of a nullable field: null;
 * - the dynamic field `$meta`: a plain object of the extra keys ({} when none).
 * Vectors live in columnar typed storage owned by the store and never pass through these values.
 */
export const SCALAR_TYPES = [
  'Bool',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'Float',
  'Double',
  'String',
  'VarChar',
  'Array',
  'JSON',
  'Geometry',
  'Timestamptz',
] as const;

export const VECTOR_TYPES = [
  'BinaryVector',
  'FloatVector',
  'Float16Vector',
  'BFloat16Vector',
  'SparseFloatVector',
  'Int8Vector',
] as const;

export type ScalarTypeName = (typeof SCALAR_TYPES)[number];
export type VectorTypeName = (typeof VECTOR_TYPES)[number];
export type DataTypeName = ScalarTypeName | VectorTypeName;

/** Proto enum numbers, for the REST surface and error messages that print them. */
export const DATA_TYPE_NUMBERS: Readonly<Record<DataTypeName, number>> = {
  Bool: 1,
  Int8: 2,
  Int16: 3,
  Int32: 4,
  Int64: 5,
  Float: 10,
  Double: 11,
  String: 20,
  VarChar: 21,
  Array: 22,
  JSON: 23,
  Geometry: 24,
  Timestamptz: 26,
  BinaryVector: 100,
  FloatVector: 101,
  Float16Vector: 102,
  BFloat16Vector: 103,
  SparseFloatVector: 104,
  Int8Vector: 105,
};

export function isVectorType(type: string): type is VectorTypeName {
  return (VECTOR_TYPES as readonly string[]).includes(type);
}

export function isScalarType(type: string): type is ScalarTypeName {
  return (SCALAR_TYPES as readonly string[]).includes(type);
}

export function isIntegerType(type: string): boolean {
  return type === 'Int8' || type === 'Int16' || type === 'Int32' || type === 'Int64';
}

export function isFloatingType(type: string): boolean {
  return type === 'Float' || type === 'Double';
}

export function isStringType(type: string): boolean {
  return type === 'VarChar' || type === 'String';
}

/** Inclusive bounds of the narrow integer types (Int64 is checked as bigint). */
export const INTEGER_BOUNDS: Readonly<Record<'Int8' | 'Int16' | 'Int32', readonly [number, number]>> = {
  Int8: [-128, 127],
  Int16: [-32768, 32767],
  Int32: [-2147483648, 2147483647],
};
