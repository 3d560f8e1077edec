/**
 * Reading a column's value from a row, and the null test behind Milvus' "valid" bitmap.
 */
import { pathStep } from './dynamic.js';
import type { RowAccessor } from './types.js';
import { valueType, type ColumnRef } from './plan.js';

export type Test = (row: RowAccessor) => boolean;
export type Getter = (row: RowAccessor) => unknown;

/** A leaf's test plus, for nullable columns, whether the row's value is non-null (Milvus' valid bitmap). */
export interface Leaf {
  readonly test: Test;
  readonly valid?: Test;
}

export const isNum = (v: unknown): v is number => typeof v === 'number';
export const isBig = (v: unknown): v is bigint => typeof v === 'bigint';
export const isStr = (v: unknown): v is string => typeof v === 'string';

export function getter(col: ColumnRef): Getter {
  const { field, path } = col;
  let get: Getter;
  if (path.length === 0) get = (row) => row(field);
  else if (col.type === 'Array') {
    const index = Number(path[0]);
    get = (row) => {
      const items = row(field);
      return Array.isArray(items) ? items[index] : undefined;
    };
  } else {
    const steps = path.map(pathStep);
    const [first, second] = steps as [(v: unknown) => unknown, ((v: unknown) => unknown) | undefined];
    if (steps.length === 1) get = (row) => first(row(field));
    else if (steps.length === 2 && second) get = (row) => second(first(row(field)));
    else get = (row) => steps.reduce((value, step) => step(value), row(field));
  }
  // Float columns hold single-precision values; compare them as stored even if handed a double.
  if (valueType(col) !== 'Float') return get;
  return (row) => {
    const value = get(row);
    return typeof value === 'number' ? Math.fround(value) : value;
  };
}

export function validity(col: ColumnRef): Test | undefined {
  if (!col.nullable) return undefined;
  const { field } = col;
  return (row) => {
    const value = row(field);
    return value !== null && value !== undefined;
  };
}

