/**
 * Leaf predicates as closures specialised at compile time on the column's type and the operator, so a row
 * costs one accessor call and one typed comparison (no per-row dispatch on the plan).
 */
import { getter, validity, type Leaf, type Test } from './access.js';
import { arithTest, columnsLeaf, containsTest, phraseMatchTest, textMatchTest } from './compile-ops.js';
import { holdsData, jsonCompare, jsonTest, membership, typedEquals } from './dynamic.js';
import { likeMatcher } from './like.js';
import { spatialLeaf } from './compile-spatial.js';
import { valueType, type ColumnRef, type Pred } from './plan.js';
import { bigintRange, bigintTest, numberRange, numberTest, stringRange, stringTest } from './typed-tests.js';
import { compareOrdered, type CmpOp, type Const } from './values.js';
import { addInterval } from '../schema/timestamptz.js';

export type { Leaf, Test } from './access.js';

export type LeafPred = Exclude<Pred, { k: 'const' | 'and' | 'or' | 'not' }>;

/** Typed comparison against a constant already cast to the column type by the checker. */
function compareTest(col: ColumnRef, op: CmpOp, c: Const): Test {
  const get = getter(col);
  const type = valueType(col);
  if (type === 'JSON') {
    const test = jsonTest(op, c);
    return (row) => test(get(row));
  }
  if (c.t === 'Array') {
    const element = col.elementType ?? 'None';
    return (row) => { const v = get(row); return Array.isArray(v) && typedEquals(element, v, c) === (op === 'EQ'); };
  }
  if (c.t === 'Bool') return (row) => { const v = get(row); return typeof v === 'boolean' && compareOrdered(op, +v, +c.v); };
  if (c.t === 'VarChar') return stringTest(get, op, c.v);
  if ((type === 'Int64' || type === 'Timestamptz') && c.t === 'Int64') return bigintTest(get, op, c.v);
  const n = Number(c.v);
  return numberTest(get, op, type === 'Float' ? Math.fround(n) : n);
}

function rangeTest(p: Extract<Pred, { k: 'range' }>): Test {
  const get = getter(p.col);
  const type = valueType(p.col);
  const { lower, upper, lowerInclusive: li, upperInclusive: ui } = p;
  if (type === 'JSON') {
    return (row) => { const v = get(row); return jsonCompare(li ? 'GE' : 'GT', v, lower) && jsonCompare(ui ? 'LE' : 'LT', v, upper); };
  }
  if (lower.t === 'VarChar' && upper.t === 'VarChar') return stringRange(get, lower.v, upper.v, li, ui);
  if (type === 'Int64' && lower.t === 'Int64' && upper.t === 'Int64') return bigintRange(get, lower.v, upper.v, li, ui);
  const round = type === 'Float' ? Math.fround : (x: number) => x;
  return numberRange(get, round(Number(lower.v)), round(Number(upper.v)), li, ui);
}

export function compileLeaf(p: LeafPred): Leaf {
  switch (p.k) {
    case 'compare':
      return withValidity(p.col, compareTest(p.col, p.op, p.value));
    case 'range':
      return withValidity(p.col, rangeTest(p));
    case 'term': {
      const get = getter(p.col);
      const type = p.col.type === 'Array' && p.col.path.length === 0 ? p.col.elementType ?? 'None' : valueType(p.col);
      const has = membership(type, p.values);
      return withValidity(p.col, (row) => has(get(row)));
    }
    case 'arith':
      return withValidity(p.col, arithTest(p));
    case 'tsArith': {
      const get = getter(p.col);
      const { sign, interval, op, value } = p;
      return withValidity(p.col, (row) => {
        const v = get(row);
        return typeof v === 'bigint' && compareOrdered(op, addInterval(v, interval, sign), value);
      });
    }
    case 'arrayLength': {
      const get = getter(p.col);
      const { op, value } = p;
      return withValidity(p.col, (row) => { const v = get(row); return Array.isArray(v) && compareOrdered<number | bigint>(op, v.length, value); });
    }
    case 'columns':
      return columnsLeaf(p);
    case 'like': {
      const get = getter(p.col);
      const matches = likeMatcher(p.pattern);
      return withValidity(p.col, (row) => { const v = get(row); return typeof v === 'string' && matches(v); });
    }
    case 'contains':
      return withValidity(p.col, containsTest(p));
    case 'exists': {
      const get = getter(p.col);
      return { test: (row) => holdsData(get(row)) };
    }
    case 'isNull': {
      const get = getter(p.col);
      return { test: (row) => { const v = get(row); return v === null || v === undefined; } };
    }
    case 'textMatch':
      return withValidity(p.col, textMatchTest(p));
    case 'phraseMatch':
      return withValidity(p.col, phraseMatchTest(p));
    case 'spatial':
      return withValidity(p.col, spatialLeaf(p));
  }
}

function withValidity(col: ColumnRef, test: Test): Leaf {
  const valid = validity(col);
  if (!valid) return { test };
  // Typed leaves are already false on null; a JSON `!=` is true on a missing key, so mask null rows.
  if (col.type === 'JSON') return { test: (row) => valid(row) && test(row), valid };
  return { test, valid };
}
