/**
 * Query vectors in the stored representation of their field, from whatever the transport decoded:
 * typed arrays from placeholder bytes (gRPC) or JSON arrays and maps (REST, seed). Dimension
 * mismatches fail the way segcore reports them.
 */
import type { FieldDef } from '../schema/index.js';
import { toBFloat16Bits, toFloat16Bits } from '../storage/rows.js';
import { errors } from '../errors/status.js';
import type { QueryVector } from './exact-search.js';
import { sparseRowProblem, type SparseRow } from '../storage/vector-column.js';

function mismatch(field: FieldDef, expectedBytes: number, actualBytes: number): never {
  throw errors.unexpected(`vector dimension mismatch, expected vector size(byte) ${expectedBytes}, actual ${actualBytes}.`);
}

function numbers(value: unknown): ArrayLike<number> | undefined {
  if (Array.isArray(value) && value.every((x) => typeof x === 'number')) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value as unknown as ArrayLike<number>;
  return undefined;
}

export function toSparse(value: unknown): SparseRow | undefined {
  if (value && typeof value === 'object' && 'indices' in value && 'values' in value) {
    const v = value as { indices: ArrayLike<number>; values: ArrayLike<number> };
    return { indices: Uint32Array.from(v.indices), values: Float32Array.from(v.values) };
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    const entries = Object.entries(value as Record<string, number>).map(([k, v]) => [Number(k), v] as const);
    entries.sort((a, b) => a[0] - b[0]);
    return { indices: Uint32Array.from(entries.map((e) => e[0])), values: Float32Array.from(entries.map((e) => e[1])) };
  }
  return undefined;
}

export function toQueryVector(field: FieldDef, value: unknown): QueryVector {
  const dim = field.dim ?? 0;
  switch (field.type) {
    case 'SparseFloatVector': {
      const row = toSparse(value);
      if (!row) throw errors.invalidParameter('invalid sparse float vector for search');
      const problem = sparseRowProblem(row);
      if (problem) throw errors.unexpected(problem);
      return row;
    }
    case 'FloatVector': {
      const v = value instanceof Float32Array ? value : numbers(value);
      if (!v) throw errors.invalidParameter(`invalid search vector for field ${field.name}`);
      if (v.length !== dim) mismatch(field, dim * 4, v.length * 4);
      return v instanceof Float32Array ? v : Float32Array.from(v);
    }
    case 'BinaryVector': {
      const v = numbers(value);
      if (!v) throw errors.invalidParameter(`invalid search vector for field ${field.name}`);
      if (v.length !== dim / 8) mismatch(field, dim / 8, v.length);
      return v instanceof Uint8Array ? v : Uint8Array.from(v);
    }
    case 'Int8Vector': {
      const v = numbers(value);
      if (!v) throw errors.invalidParameter(`invalid search vector for field ${field.name}`);
      if (v.length !== dim) mismatch(field, dim, v.length);
      return v instanceof Int8Array ? v : Int8Array.from(v);
    }
    default: {
      if (value instanceof Uint16Array) {
        if (value.length !== dim) mismatch(field, dim * 2, value.length * 2);
        return value;
      }
      const v = numbers(value);
      if (!v) throw errors.invalidParameter(`invalid search vector for field ${field.name}`);
      if (v.length !== dim) mismatch(field, dim * 2, v.length * 2);
      const convert = field.type === 'Float16Vector' ? toFloat16Bits : toBFloat16Bits;
      return Uint16Array.from(Array.from(v, convert));
    }
  }
}
