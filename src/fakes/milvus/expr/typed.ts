/**
 * What the checker knows about a sub-expression, mirroring planparserv2's `ExprWithType`: a constant
 * (with `literal` playing the role of Milvus' `nodeDependent`: a bare `true` is not a filter, `1 < 2` is),
 * a column, an arithmetic or `array_length` operand awaiting its comparison, or a finished predicate.
 */
import { isFloatingType, isIntegerType, isStringType } from '../schema/data-types.js';
import type { ArithOp } from './fold.js';
import { valueType, type ColumnRef, type Pred } from './plan.js';
import type { Const } from './values.js';

export type Typed =
  | { readonly k: 'const'; readonly c: Const; readonly literal: boolean; readonly template: boolean }
  | { readonly k: 'column'; readonly col: ColumnRef }
  | {
      readonly k: 'arith';
      readonly col: ColumnRef;
      readonly op: ArithOp;
      readonly operand: Const;
      readonly type: 'Int64' | 'Double';
    }
  | { readonly k: 'arrayLength'; readonly col: ColumnRef }
  | { readonly k: 'pred'; readonly p: Pred };

export const literalConst = (c: Const): Typed => ({ k: 'const', c, literal: true, template: false });
export const foldedConst = (c: Const): Typed => ({ k: 'const', c, literal: false, template: false });

/** The data type Milvus reports for an operand (`Array` columns keep `Array`). */
export function dataTypeOf(t: Typed): string {
  switch (t.k) {
    case 'const':
      return t.c.t;
    case 'column':
      return t.col.type;
    case 'arith':
      return t.type;
    case 'arrayLength':
      return 'Int64';
    case 'pred':
      return 'Bool';
  }
}

/** The type used for compatibility checks: arrays answer with their element type. */
export function compareTypeOf(t: Typed): string {
  if (t.k === 'const' && t.c.t === 'Array') return t.c.elem;
  if (t.k === 'column' && t.col.type === 'Array') return t.col.elementType ?? 'None';
  if (t.k === 'column') return valueType(t.col);
  return dataTypeOf(t);
}

/** `Array[Int64]`-style names as in Milvus' "comparisons between X and Y are not supported". */
export function describeType(t: Typed): string {
  const type = dataTypeOf(t);
  return type === 'Array' ? `Array[${compareTypeOf(t)}]` : type;
}

const isNumber = (type: string): boolean => isIntegerType(type) || isFloatingType(type);

/** Milvus' `canBeComparedDataType`. */
export function canBeCompared(left: string, right: string): boolean {
  if (left === 'Bool') return right === 'Bool' || right === 'JSON';
  if (isNumber(left)) return isNumber(right) || right === 'JSON';
  if (isStringType(left)) return isStringType(right) || right === 'JSON';
  return left === 'JSON';
}

/** Milvus' `canArithmeticDataType`: numbers with numbers or JSON, JSON only with numbers. */
export function canArithmetic(left: string, right: string): boolean {
  if (isNumber(left)) return isNumber(right) || right === 'JSON';
  if (left === 'JSON') return isNumber(right);
  return false;
}

/** Whether a result can stand as a (sub-)filter: Milvus' `canBeExecuted`. */
export function isExecutable(t: Typed): boolean {
  return t.k === 'pred' || (t.k === 'const' && t.c.t === 'Bool' && !t.literal);
}
