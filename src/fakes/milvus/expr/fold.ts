/**
 * Constant folding of arithmetic, as planparserv2 does before planning (`price * 2 < 10 + 90` compares
 * against 100). Int64 arithmetic wraps like Go's int64; division truncates toward zero.
 */
import { fail } from './errors.js';
import type { Const } from './values.js';

export type ArithOp = 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD';

/** Names Milvus uses for the operators in its messages (`arithNameMap`). */
export const ARITH_NAMES: Readonly<Record<ArithOp, string>> = {
  ADD: 'add', SUB: 'subtract', MUL: 'multiply', DIV: 'divide', MOD: 'modulo',
};

export const wrap64 = (value: bigint): bigint => BigInt.asIntN(64, value);

export function foldArith(op: ArithOp, left: Const, right: Const): Const {
  if (op === 'MOD') {
    if (left.t !== 'Int64' || right.t !== 'Int64') return fail('modulo can only apply on integer');
    if (right.v === 0n) return fail('cannot modulo by zero');
    return { t: 'Int64', v: left.v % right.v };
  }
  if ((left.t !== 'Int64' && left.t !== 'Double') || (right.t !== 'Int64' && right.t !== 'Double')) {
    return fail(`'${ARITH_NAMES[op]}' can only be used between integer or floating or json field expressions`);
  }
  if (op === 'DIV' && (right.t === 'Int64' ? right.v === 0n : right.v === 0)) return fail('cannot divide by zero');
  if (left.t === 'Int64' && right.t === 'Int64') return { t: 'Int64', v: intArith(op, left.v, right.v) };
  return { t: 'Double', v: floatArith(op, Number(left.v), Number(right.v)) };
}

export function intArith(op: ArithOp, a: bigint, b: bigint): bigint {
  switch (op) {
    case 'ADD':
      return wrap64(a + b);
    case 'SUB':
      return wrap64(a - b);
    case 'MUL':
      return wrap64(a * b);
    case 'DIV':
      return wrap64(a / b);
    case 'MOD':
      return a % b;
  }
}

export function floatArith(op: ArithOp, a: number, b: number): number {
  switch (op) {
    case 'ADD':
      return a + b;
    case 'SUB':
      return a - b;
    case 'MUL':
      return a * b;
    case 'DIV':
      return a / b;
    case 'MOD':
      return a % b;
  }
}

/** `**` folds only between constants; integer powers with a non-negative exponent stay Int64. */
export function foldPower(base: Const, exponent: Const): Const | undefined {
  if ((base.t !== 'Int64' && base.t !== 'Double') || (exponent.t !== 'Int64' && exponent.t !== 'Double')) {
    return undefined;
  }
  if (base.t === 'Int64' && exponent.t === 'Int64' && exponent.v >= 0n) {
    return { t: 'Int64', v: powWrapped(base.v, exponent.v) };
  }
  return { t: 'Double', v: Number(base.v) ** Number(exponent.v) };
}

/** Square-and-multiply modulo 2^64, so a huge exponent neither hangs nor allocates. */
function powWrapped(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let factor = BigInt.asUintN(64, base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = BigInt.asUintN(64, result * factor);
    factor = BigInt.asUintN(64, factor * factor);
  }
  return wrap64(result);
}

export function negate(value: Const): Const | undefined {
  if (value.t === 'Int64') return { t: 'Int64', v: wrap64(-value.v) };
  if (value.t === 'Double') return { t: 'Double', v: -value.v };
  return undefined;
}
