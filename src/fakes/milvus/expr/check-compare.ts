/**
 * Comparisons, arithmetic, `in` and chained ranges, following planparserv2's `HandleCompare`,
 * `handleBinaryArithExpr`, `VisitTerm` and `VisitRange`: one side must be a column (possibly inside
 * `column <op> constant` arithmetic) and the other a constant that casts to the column's type.
 */
import { isFloatingType, isIntegerType } from '../schema/data-types.js';
import type { Node } from './ast.js';
import type { CheckerHost } from './checker-host.js';
import { fail } from './errors.js';
import { ARITH_NAMES, foldArith, type ArithOp } from './fold.js';
import { valueType, type ColumnRef, type Pred } from './plan.js';
import { canArithmetic, canBeCompared, compareTypeOf, describeType, foldedConst, type Typed } from './typed.js';
import { castValue, compareConsts, protoText, reverseOp, type CmpOp, type Const } from './values.js';

const isWholeArray = (col: ColumnRef): boolean => col.type === 'Array' && col.path.length === 0;

function rejectWholeArray(t: Typed): void {
  if (t.k === 'column' && isWholeArray(t.col)) fail('can not comparisons array fields directly');
}

export function checkArith(ch: CheckerHost, op: ArithOp, left: Typed, right: Typed, opText: string): Typed {
  if (left.k === 'const' && right.k === 'const') {
    if (left.template || right.template) {
      return fail(`placeholder was not supported between two constants with operator: ${opText}`);
    }
    return foldedConst(foldArith(op, left.c, right.c));
  }
  rejectWholeArray(left);
  rejectWholeArray(right);
  const cannot = `'${ARITH_NAMES[op]}' can only be used between integer or floating or json field expressions`;
  if (left.k === 'pred' || right.k === 'pred' || !canArithmetic(compareTypeOf(left), compareTypeOf(right))) {
    return fail(cannot);
  }
  if (left.k !== 'const' && right.k !== 'const') {
    if (left.k === 'column' && right.k === 'column') return fail('not supported to do arithmetic operations between multiple fields');
    return fail('complicated arithmetic operations are not supported');
  }
  const constLeft = left.k === 'const';
  const column = constLeft ? right : left;
  const operand = constLeft ? left : right;
  if (column.k !== 'column' || operand.k !== 'const') return fail('complicated arithmetic operations are not supported');
  if (constLeft && op !== 'ADD' && op !== 'MUL') return fail('module field is not yet supported');
  const columnType = valueType(column.col);
  if (op === 'MOD' && (isFloatingType(columnType) || operand.c.t !== 'Int64')) {
    return fail('modulo can only apply on integer types');
  }
  const type = isIntegerType(columnType) || (columnType === 'JSON' && operand.c.t === 'Int64') ? 'Int64' : 'Double';
  const cast = castValue(type, operand.c);
  if ((op === 'DIV' || op === 'MOD') && (cast.t === 'Int64' ? cast.v === 0n : cast.v === 0)) {
    return fail('division or modulus by zero');
  }
  return { k: 'arith', col: column.col, op, operand: cast, type };
}

export function checkComparison(
  ch: CheckerHost,
  node: Node,
  op: CmpOp,
  left: Typed,
  right: Typed,
  opText: string,
): Typed {
  if (left.k === 'const' && right.k === 'const') {
    if (left.template || right.template) {
      return fail(`placeholder was not supported between two constants with operator: ${opText}`);
    }
    const folded = compareConsts(op, left.c, right.c);
    if (folded === undefined) {
      return fail(`comparison operations cannot be applied to two incompatible operands: ${ch.text(node)}`);
    }
    return foldedConst({ t: 'Bool', v: folded });
  }
  if (op !== 'EQ' && op !== 'NE') {
    rejectWholeArray(left);
    rejectWholeArray(right);
  }
  const templated = (left.k === 'const' && left.template) || (right.k === 'const' && right.template);
  if (!templated && !canBeCompared(compareTypeOf(left), compareTypeOf(right))) {
    return fail(`comparisons between ${describeType(left)} and ${describeType(right)} are not supported`);
  }
  if (left.k === 'const') return { k: 'pred', p: compareWithValue(reverseOp(op), right, left.c) };
  if (right.k === 'const') return { k: 'pred', p: compareWithValue(op, left, right.c) };
  if (left.k !== 'column' || right.k !== 'column') return fail('only comparison between two fields is supported');
  if (left.col.type === 'JSON' || right.col.type === 'JSON') {
    return fail('two column comparison with JSON type is not supported');
  }
  if (isWholeArray(left.col) || isWholeArray(right.col)) return fail('can not comparisons array fields directly');
  return { k: 'pred', p: { k: 'columns', left: left.col, right: right.col, op } };
}

/** `handleCompareRightValue`: the constant is cast to the column (or arithmetic) type first. */
function compareWithValue(op: CmpOp, side: Typed, value: Const): Pred {
  if (side.k === 'arith') {
    return { k: 'arith', col: side.col, arith: side.op, operand: side.operand, op, value: castValue(side.type, value) };
  }
  if (side.k === 'arrayLength') {
    const length = castValue('Int64', value);
    return { k: 'arrayLength', col: side.col, op, value: length.t === 'Int64' ? length.v : 0n };
  }
  if (side.k !== 'column') return fail('not supported to combine multiple fields');
  const cast = castValue(valueType(side.col), value);
  if (cast.t === 'Array' && side.col.type === 'Array') {
    return { k: 'compare', col: side.col, op, value: castElements(side.col, cast) };
  }
  return { k: 'compare', col: side.col, op, value: cast };
}

function castElements(col: ColumnRef, value: Const): Const {
  if (value.t !== 'Array') return value;
  const element = col.elementType ?? 'None';
  return { ...value, v: value.v.map((item) => castValue(element, item)) };
}

export function checkTerm(ch: CheckerHost, node: Extract<Node, { k: 'term' }>): Typed {
  const left = ch.check(node.left);
  if (left.k === 'const') return fail(`'term' can only be used on non-const expression, but got: ${ch.text(node.left)}`);
  if (left.k !== 'column') return fail(`'term' can only be used on single field, but got: ${ch.text(node.left)}`);
  const right = ch.check(node.right);
  if (right.k !== 'const') return fail(`value '${ch.text(node.right)}' in list cannot be a non-const expression`);
  if (right.c.t !== 'Array') return fail(`the right-hand side of 'in' must be a list, but got: ${ch.text(node.right)}`);
  const type = valueType(left.col);
  const values = right.c.v.map((item) => {
    try {
      return isWholeArray(left.col) ? castElements(left.col, castValue(type, item)) : castValue(type, item);
    } catch {
      return fail(`value '${protoText(item)}' in list cannot be casted to ${type}`);
    }
  });
  const term: Pred = { k: 'term', col: left.col, values };
  return { k: 'pred', p: node.negated ? { k: 'not', child: term } : term };
}

export function checkRange(ch: CheckerHost, node: Extract<Node, { k: 'range' }>): Typed {
  const column = ch.check(node.column);
  if (column.k !== 'column') return fail(`range operations are only supported on single fields now, got: ${ch.text(node.column)}`);
  rejectWholeArray(column);
  const lower = ch.check(node.lower);
  const upper = ch.check(node.upper);
  if (lower.k !== 'const') return fail(`lowerbound cannot be a non-const expression: ${ch.text(node.written[0])}`);
  if (upper.k !== 'const') return fail(`upperbound cannot be a non-const expression: ${ch.text(node.written[1])}`);
  const type = valueType(column.col);
  const low = castRangeValue(type, lower.c);
  const high = castRangeValue(type, upper.c);
  if (!lower.template && !upper.template) {
    const inclusive = node.lowerInclusive && node.upperInclusive;
    const inverted = compareConsts(inclusive ? 'GT' : 'GE', low, high);
    if (inverted === undefined) {
      return fail(`comparison operations cannot be applied to two incompatible operands: ${ch.text(node)}`);
    }
    if (inverted) return fail('invalid range: lowerbound is greater than upperbound');
  }
  const { lowerInclusive, upperInclusive } = node;
  return { k: 'pred', p: { k: 'range', col: column.col, lower: low, upper: high, lowerInclusive, upperInclusive } };
}

/** Milvus' `castRangeValue`: bounds must match the column's type family; Bool has no ranges. */
function castRangeValue(type: string, value: Const): Const {
  if (type === 'Bool') return fail('invalid range operations on boolean expr');
  if (type === 'VarChar' || type === 'String') return value.t === 'VarChar' ? value : fail('invalid range operations');
  if (isIntegerType(type)) return value.t === 'Int64' ? value : fail('invalid range operations');
  if (isFloatingType(type)) {
    if (value.t === 'Int64') return { t: 'Double', v: Number(value.v) };
    return value.t === 'Double' ? value : fail('invalid range operations');
  }
  if (type === 'JSON') return value;
  return fail('invalid range operations');
}
