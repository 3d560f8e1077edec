/**
 * Run-time helpers for values whose type is only known per row: JSON documents and the dynamic field.
 * Segcore's rule, kept here: a JSON value of the wrong type (or a missing key) makes a predicate false,
 * except `!=`, which is then true ("types differ, so they are not equal").
 */
import { compareOrdered, type CmpOp, type Const } from './values.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** Follows a JSON path; numeric steps also index arrays, like a JSON pointer. */
export function walkPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const step of path) {
    if (Array.isArray(current)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(step)) return undefined;
      current = current[Number(step)];
    } else if (current !== null && typeof current === 'object') {
      current = hasOwn.call(current, step) ? (current as Record<string, unknown>)[step] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Whether a JSON value "exists" for Milvus: not null, and for objects/arrays holding at least one such value
 * (segcore's `isObjectEmpty`): `{"a": []}` and `{"a": {"b": null}}` do not satisfy `exists a`.
 */
export function holdsData(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some(holdsData);
  if (typeof value === 'object') return Object.values(value).some(holdsData);
  return true;
}

const isNumeric = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/** Comparison of a JSON value with a constant. */
export function jsonCompare(op: CmpOp, value: unknown, c: Const): boolean {
  switch (c.t) {
    case 'Int64':
    case 'Double':
      return isNumeric(value) ? compareOrdered<number | bigint>(op, value, c.v) : op === 'NE';
    case 'VarChar':
      return typeof value === 'string' ? compareOrdered(op, value, c.v) : op === 'NE';
    case 'Bool':
      return typeof value === 'boolean' ? compareOrdered(op, Number(value), Number(c.v)) : op === 'NE';
    case 'Array': {
      if (!Array.isArray(value)) return op === 'NE';
      if (op === 'EQ') return jsonEquals(value, c);
      return op === 'NE' ? !jsonEquals(value, c) : false;
    }
  }
}

/** Deep equality of a JSON value and a constant; numbers compare by value across int/float. */
export function jsonEquals(value: unknown, c: Const): boolean {
  switch (c.t) {
    case 'Int64':
    case 'Double':
      return isNumeric(value) && compareOrdered<number | bigint>('EQ', value, c.v);
    case 'VarChar':
    case 'Bool':
      return value === c.v;
    case 'Array':
      return Array.isArray(value) && value.length === c.v.length && c.v.every((item, i) => jsonEquals(value[i], item));
  }
}

/**
 * Equality of a typed scalar (an Array field element or a whole Array field) with a constant that the
 * checker already cast to the element type. Float elements compare in single precision, as stored.
 */
export function typedEquals(type: string, value: unknown, c: Const): boolean {
  if (type === 'Float' && c.t === 'Double') return typeof value === 'number' && Math.fround(value) === Math.fround(c.v);
  if (c.t === 'Array') {
    return Array.isArray(value) && value.length === c.v.length && c.v.every((item, i) => typedEquals(type, value[i], item));
  }
  return jsonEquals(value, c);
}

/**
 * A membership test for a list of constants against values of `type` (`JSON` for dynamic values): sets for
 * scalars, so `pk in [...]` with thousands of keys stays O(1) per row.
 */
export function membership(type: string, values: readonly Const[]): (value: unknown) => boolean {
  const numbers = new Set<number>();
  const bigints = new Set<bigint>();
  const strings = new Set<string>();
  const bools = new Set<boolean>();
  const arrays: Const[] = [];
  const single = type === 'Float';
  for (const c of values) {
    if (c.t === 'Int64') {
      bigints.add(c.v);
      numbers.add(Number(c.v));
    } else if (c.t === 'Double') numbers.add(single ? Math.fround(c.v) : c.v);
    else if (c.t === 'VarChar') strings.add(c.v);
    else if (c.t === 'Bool') bools.add(c.v);
    else arrays.push(c);
  }
  return (value) => {
    switch (typeof value) {
      case 'bigint':
        return bigints.has(value) || (numbers.has(Number(value)) && values.some((c) => jsonEquals(value, c)));
      case 'number':
        return numbers.has(single ? Math.fround(value) : value);
      case 'string':
        return strings.has(value);
      case 'boolean':
        return bools.has(value);
      default:
        return Array.isArray(value) && arrays.some((c) => typedEquals(type, value, c));
    }
  };
}
