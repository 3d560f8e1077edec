/**
 * The heavier leaves: arithmetic comparisons, contains, text match and column-to-column comparisons.
 */
import { isBig, isNum, isStr, getter, validity, type Getter, type Leaf, type Test } from './access.js';
import { membership } from './dynamic.js';
import { floatArith, intArith, type ArithOp } from './fold.js';
import { bigintTest, numberTest } from './typed-tests.js';
import { valueType, type Pred } from './plan.js';
import { fieldAnalyzer } from './text.js';
import { phraseMatches, phraseQuery } from '../text/index.js';
import { compareOrdered } from './values.js';

/**
 * `column <arith> operand <cmp> value`, in the column's arithmetic (int64 wraps, Float stays single):
 * a derived getter computes the left side, then the ordinary typed comparison runs on it.
 */
export function arithTest(p: Extract<Pred, { k: 'arith' }>): Test {
  const get = getter(p.col);
  const type = valueType(p.col);
  const { arith, op, operand, value } = p;
  const integral = operand.t === 'Int64' && value.t === 'Int64';
  if (integral && (type === 'Int64' || (type !== 'JSON' && Math.abs(Number(operand.v)) > 2 ** 21))) {
    // Int64 columns, and int32 products that would leave the exact double range, use int64 arithmetic.
    const b = operand.v;
    const derived: Getter = (row) => {
      const v = get(row);
      return typeof v === 'bigint' ? intArith(arith, v, b) : typeof v === 'number' ? intArith(arith, BigInt(v), b) : undefined;
    };
    return bigintTest(derived, op, value.v);
  }
  const single = type === 'Float';
  const f = numberArith(arith, Number(operand.v), integral, single);
  const derived: Getter = (row) => {
    const raw = get(row);
    const v = typeof raw === 'bigint' ? Number(raw) : raw;
    // A JSON value that is not an integer fails an integer expression, as segcore's get<int64_t> does.
    return typeof v === 'number' && (!integral || Number.isInteger(v)) ? f(v) : undefined;
  };
  const target = Number(value.v);
  return numberTest(derived, op, single ? Math.fround(target) : target);
}

function numberArith(op: ArithOp, b: number, integral: boolean, single: boolean): (v: number) => number {
  if (single) {
    const fb = Math.fround(b);
    return (v) => Math.fround(floatArith(op, Math.fround(v), fb));
  }
  switch (op) {
    case 'ADD':
      return (v) => v + b;
    case 'SUB':
      return (v) => v - b;
    case 'MUL':
      return (v) => v * b;
    case 'DIV':
      return integral ? (v) => Math.trunc(v / b) : (v) => v / b;
    case 'MOD':
      return (v) => v % b;
  }
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
  const analyzer = fieldAnalyzer(p.analyzerParams);
  return (row) => {
    const text = get(row);
    if (typeof text !== 'string') return false;
    const words = new Set(analyzer.terms(text));
    let matched = 0;
    for (const token of tokens) if (words.has(token) && ++matched >= minShouldMatch) return true;
    return false;
  };
}

export function phraseMatchTest(p: Extract<Pred, { k: 'phraseMatch' }>): Test {
  const get = getter(p.col);
  const analyzer = fieldAnalyzer(p.analyzerParams);
  const query = phraseQuery(analyzer.analyze(p.query));
  return (row) => {
    const text = get(row);
    return typeof text === 'string' && phraseMatches(analyzer.analyze(text), query, p.slop);
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

