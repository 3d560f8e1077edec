/**
 * Insert checks for an Array of Structs column and its stored form. Milvus flattens a struct into one
 * Array / ArrayOfVector column per sub-field (`internal/proxy/validate_util.go`,
 * `checkAndFlattenStructFieldData`), so every sub-field is checked as an array field of the struct's
 * `max_capacity`; the fake keeps one value per row instead: an array of `{ sub: value }` objects with
 * scalars in the in-memory representation and vectors as Float32Array.
 */
import type { ColumnInput } from './columns.js';
import { checkScalar, expandValid } from './insert-columns.js';
import type { FieldDef } from '../schema/index.js';
import type { ScalarTypeName } from '../schema/data-types.js';
import { errors } from '../errors/status.js';

/** One struct element as stored. */
export type StructElement = Readonly<Record<string, unknown>>;

/** The Array field Milvus checks a scalar sub-field as. */
function asArrayField(struct: FieldDef, sub: FieldDef): FieldDef {
  const { structFields: _none, ...rest } = sub;
  return { ...rest, type: 'Array', elementType: sub.type as ScalarTypeName, maxCapacity: struct.maxCapacity ?? 0 };
}

function toFloats(value: unknown, struct: FieldDef, sub: FieldDef, row: number): Float32Array {
  const floats = value instanceof Float32Array ? value : Array.isArray(value) ? Float32Array.from(value as number[]) : undefined;
  if (!floats) {
    throw errors.invalidParameter(`sub-field ${sub.name} of struct ${struct.name} needs a float vector, row number: ${row}`);
  }
  if (floats.length !== sub.dim) {
    throw errors.invalidParameter(
      `the dim (${floats.length}) of field data(${struct.name}[${sub.name}]) is not equal to schema dim (${sub.dim ?? 0})`,
    );
  }
  for (const x of floats) {
    if (!Number.isFinite(x)) throw errors.unexpected(`value '${Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf'}' is not a number or infinity`);
  }
  return floats;
}

function checkRow(struct: FieldDef, value: unknown, row: number): StructElement[] {
  if (value === undefined || value === null) {
    throw errors.invalidParameter(`the field (${struct.name}) is not nullable, but has null value`);
  }
  if (!Array.isArray(value)) throw errors.invalidParameter(`struct field ${struct.name} needs an array of structs, row number: ${row}`);
  const elements = value as unknown[];
  const subs = struct.structFields ?? [];
  const known = new Set(subs.map((s) => s.name));
  elements.forEach((element, i) => {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      throw errors.invalidParameter(`element ${i} of struct field ${struct.name} is not a struct, row number: ${row}`);
    }
    for (const key of Object.keys(element)) {
      if (!known.has(key)) throw errors.invalidParameter(`field ${struct.name}[${key}] not found in struct ${struct.name}`);
    }
  });
  const stored = elements.map(() => ({}) as Record<string, unknown>);
  for (const sub of subs) {
    const column = elements.map((element, i) => {
      const v = (element as Record<string, unknown>)[sub.name];
      if (v === undefined || v === null) {
        throw errors.invalidParameter(`sub-field ${sub.name} of struct ${struct.name} is missing in element ${i}, row number: ${row}`);
      }
      return v;
    });
    if (sub.type === 'FloatVector') {
      if (column.length > (struct.maxCapacity ?? 0)) checkScalar(asArrayField(struct, { ...sub, type: 'Float' }), column, row);
      column.forEach((v, i) => (stored[i] as Record<string, unknown>)[sub.name] = toFloats(v, struct, sub, row));
    } else {
      checkScalar(asArrayField(struct, sub), column, row);
      column.forEach((v, i) => (stored[i] as Record<string, unknown>)[sub.name] = v);
    }
  }
  return stored;
}

/** Row-dense struct values after all checks (a struct field is never nullable and has no default in 2.6). */
export function structColumn(field: FieldDef, column: ColumnInput, numRows: number): StructElement[][] {
  if (column.payload !== undefined && column.payload !== 'struct_arrays') {
    throw errors.invalidParameterValue('need struct array', 'got nil', `field '${field.name}' is illegal, array type mismatch`);
  }
  const values = expandValid(field, column, column.values ?? [], numRows);
  return values.map((value, row) => checkRow(field, value, row));
}
