/**
 * The heavier leaves: arithmetic comparisons, contains, text match and column-to-column comparisons.
 */
import { isBig, isNum, isStr, getter, validity, type Leaf, type Test } from './access.js';
import { membership } from './dynamic.js';
import { floatArith, intArith } from './fold.js';
import { valueType, type Pred } from './plan.js';
import { textTokens } from './text.js';
import { compareOrdered } from './values.js';

/** `column <arith> operand <cmp> value`, in the column's arithmetic (int64 wraps, Float stays single). */
export function arithTest(p: Extract<Pred, { k: 'arith' }>): Test {
  const get = getter(p.col);
  const type = valueType(p.col);
  const { arith, op, operand, value } = p;
  if (type === 'Int64' && operand.t === 'Int64' && value.t === 'Int64') {
    const b = operand.v;
    const target = value.v;
    return (row) => { const v = get(row); return isBig(v) && compareOrdered(op, intArith(arith, v, b), target); };
  }
  const b = Number(operand.v);
  const target = Number(value.v);
  const integral = operand.t === 'Int64' && value.t === 'Int64';
  if (integral && type !== 'JSON' && Math.abs(b) > 2 ** 21) {
    // Products of int32 and large operands leave the exact double range; use int64 arithmetic.
    const big = BigInt(b);
    return (row) => { const v = get(row); return isNum(v) && compareOrdered(op, intArith(arith, BigInt(v), big), BigInt(target)); };
  }
  const single = type === 'Float';
  return (row) => {
    const raw = get(row);
    const v = isBig(raw) ? Number(raw) : raw;
    if (!isNum(v) || (integral && !Number.isInteger(v))) return false;
    let result = floatArith(arith, single ? Math.fround(v) : v, single ? Math.fround(b) : b);
    if (integral && arith === 'DIV') result = Math.trunc(result);
    return compareOrdered(op, single ? Math.fround(result) : result, single ? Math.fround(target) : target);
  };
}

export function containsTest(p: Extract<Pred, { k: 'contains' }>): Test {
  const get = getter(p.col);
  const type = p.col.type === 'Array' ? p.col.elementType ?? 'None' : 'JSON';
  if (p.mode !== 'all') {
    const has = membership(type, p.elements);
    return (row) => { const items = get(row); return Array.isArray(items) && items.some(has); };
  }
  const each = p.elements.map((element) => membership(type, [element]));
  return (row) => { const items = get(row); return Array.isArray(items) && each.every((has) => items.some(has)); };
}

export function textMatchTest(p: Extract<Pred, { k: 'textMatch' }>): Test {
  const get = getter(p.col);
  const { tokens, minShouldMatch } = p;
  return (row) => {
    const text = get(row);
    if (typeof text !== 'string') return false;
    const words = new Set(textTokens(text));
    let matched = 0;
    for (const token of tokens) if (words.has(token) && ++matched >= minShouldMatch) return true;
    return false;
  };
}

export function columnsLeaf(p: Extract<Pred, { k: 'columns' }>): Leaf {
  const left = getter(p.left);
  const right = getter(p.right);
  const { op } = p;
  const test: Test = (row) => {
    const a = left(row);
    const b = right(row);
    if (typeof a === 'boolean' && typeof b === 'boolean') return compareOrdered(op, +a, +b);
    if ((isNum(a) || isBig(a)) && (isNum(b) || isBig(b))) return compareOrdered<number | bigint>(op, a, b);
    return isStr(a) && isStr(b) && compareOrdered(op, a, b);
  };
  const validLeft = validity(p.left);
  const validRight = validity(p.right);
  if (!validLeft && !validRight) return { test };
  return { test, valid: (row) => (validLeft?.(row) ?? true) && (validRight?.(row) ?? true) };
}

