/**
 * Run-time helpers for values whose type is only known per row: JSON documents and the dynamic field.
 * Segcore's rule, kept here: a JSON value of the wrong type (or a missing key) makes a predicate false,
 * except `!=`, which is then true ("types differ, so they are not equal").
 */
import { compareOrdered, type CmpOp, type Const } from './values.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * One step of a JSON path: an object key, or an array index when the step is a canonical decimal (JSON
 * pointer rules, so `a["0"]` and `a[0]` both index an array). Own properties only, never the prototype.
 */
export function pathStep(step: string): (value: unknown) => unknown {
  const index = /^(?:0|[1-9][0-9]*)$/.test(step) ? Number(step) : -1;
  return (value) => {
    if (Array.isArray(value)) return index >= 0 ? value[index] : undefined;
    if (value === null || typeof value !== 'object') return undefined;
    return hasOwn.call(value, step) ? (value as Record<string, unknown>)[step] : undefined;
  };
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

/**
 * `jsonCompare` specialised on the constant, for scans: string and safe-integer/float constants compare
 * with one typeof check; everything else falls back to the general rule.
 */
export function jsonTest(op: CmpOp, c: Const): (value: unknown) => boolean {
  if (op === 'EQ' && (c.t === 'VarChar' || c.t === 'Bool')) return (value) => value === c.v;
  if (op === 'NE' && (c.t === 'VarChar' || c.t === 'Bool')) return (value) => value !== c.v;
  const exact = c.t === 'Double' || (c.t === 'Int64' && c.v >= -(2n ** 53n) && c.v <= 2n ** 53n);
  if (!exact) return (value) => jsonCompare(op, value, c);
  const n = Number(c.v);
  const general = (value: unknown) => jsonCompare(op, value, c);
  switch (op) {
    case 'EQ':
      return (value) => value === n || (typeof value === 'bigint' && general(value));
    case 'NE':
      return (value) => (typeof value === 'number' ? value !== n : general(value));
    case 'LT':
      return (value) => (typeof value === 'number' ? value < n : general(value));
    case 'LE':
      return (value) => (typeof value === 'number' ? value <= n : general(value));
    case 'GT':
      return (value) => (typeof value === 'number' ? value > n : general(value));
    case 'GE':
      return (value) => (typeof value === 'number' ? value >= n : general(value));
  }
}

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
 * A membership test for a list of constants against values of `type` (`JSON` for dynamic values): a set of
 * the column's own value kind, so `pk in [...]` with thousands of keys stays O(1) per row.
 */
export function membership(type: string, values: readonly Const[]): (value: unknown) => boolean {
  const scalars = values.filter((c) => c.t !== 'Array');
  if (type === 'Int64') {
    const keys = new Set(scalars.flatMap((c) => (c.t === 'Int64' ? [c.v] : [])));
    return (value) => keys.has(value as bigint);
  }
  if (type === 'VarChar' || type === 'String' || type === 'Bool') {
    const keys = new Set(scalars.map((c) => c.v));
    return (value) => keys.has(value as string | boolean);
  }
  if (type !== 'JSON' && type !== 'None' && values.every((c) => c.t !== 'Array')) {
    const single = type === 'Float';
    const keys = new Set(scalars.map((c) => (single ? Math.fround(Number(c.v)) : Number(c.v))));
    return single ? (value) => typeof value === 'number' && keys.has(Math.fround(value)) : (value) => keys.has(value as number);
  }
  return dynamicMembership(type, values);
}

function dynamicMembership(type: string, values: readonly Const[]): (value: unknown) => boolean {
  const numbers = new Set<number>();
  const others = new Set<string | boolean>();
  const arrays: Const[] = [];
  for (const c of values) {
    if (c.t === 'Int64' || c.t === 'Double') numbers.add(Number(c.v));
    else if (c.t === 'VarChar' || c.t === 'Bool') others.add(c.v);
    else arrays.push(c);
  }
  return (value) => {
    switch (typeof value) {
      case 'number':
        return numbers.has(value);
      case 'bigint':
        return numbers.has(Number(value)) && values.some((c) => jsonEquals(value, c));
      case 'string':
      case 'boolean':
        return others.has(value);
      default:
        return Array.isArray(value) && arrays.some((c) => typedEquals(type, value, c));
    }
  };
}
