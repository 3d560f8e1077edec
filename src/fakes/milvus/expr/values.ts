/**
 * Constant values of the filter language, typed the way planparserv2 types them: integers are Int64
 * (bigint here, so values beyond 2^53 stay exact), floats are Double, strings VarChar.
 */
import { isFloatingType, isIntegerType, isStringType } from '../schema/data-types.js';
import { fail } from './errors.js';

export type ScalarConst =
  | { readonly t: 'Bool'; readonly v: boolean }
  | { readonly t: 'Int64'; readonly v: bigint }
  | { readonly t: 'Double'; readonly v: number }
  | { readonly t: 'VarChar'; readonly v: string };

export type ConstType = 'Bool' | 'Int64' | 'Double' | 'VarChar' | 'Array';

export type Const =
  | ScalarConst
  | {
      readonly t: 'Array';
      readonly v: readonly Const[];
      /** Common element type, `None` when elements differ (Milvus' `same_type: false`) or the array is empty. */
      readonly elem: ConstType | 'None';
    };

export function arrayConst(items: readonly Const[]): Const {
  const first = items[0]?.t;
  const same = first !== undefined && items.every((item) => item.t === first);
  return { t: 'Array', v: items, elem: same ? first : 'None' };
}

/** Protobuf text of a `GenericValue`, which Milvus prints in cast errors. */
export function protoText(value: Const): string {
  switch (value.t) {
    case 'Bool':
      return `bool_val:${value.v}`;
    case 'Int64':
      return `int64_val:${value.v}`;
    case 'Double':
      return `float_val:${value.v}`;
    case 'VarChar':
      return `string_val:${JSON.stringify(value.v)}`;
    case 'Array': {
      const items = value.v.map((item) => `array:{${protoText(item)}}`).join(' ');
      return `array_val:{${items}${items ? ' ' : ''}same_type:${value.elem !== 'None'}}`;
    }
  }
}

/**
 * Milvus' `castValue`: the value a constant takes when compared with (or stored into) a column of `type`.
 * Integers widen to floats for float columns; nothing narrows.
 * @example
 * castValue('Float', { t: 'Int64', v: 2n }); // { t: 'Double', v: 2 }
 */
export function castValue(type: string, value: Const): Const {
  if (type === 'JSON') return value;
  if (type === 'Array' && value.t === 'Array') return value;
  if (isStringType(type) && value.t === 'VarChar') return value;
  if (type === 'Bool' && value.t === 'Bool') return value;
  if (isFloatingType(type) && value.t === 'Double') return value;
  if (isFloatingType(type) && value.t === 'Int64') return { t: 'Double', v: Number(value.v) };
  if (isIntegerType(type) && value.t === 'Int64') return value;
  return fail(`cannot cast value to ${type}, value: ${protoText(value)}`);
}

/** Numeric value of an Int64/Double constant (bigint kept exact for Int64). */
export function numeric(value: Const): number | bigint | undefined {
  if (value.t === 'Int64' || value.t === 'Double') return value.v;
  return undefined;
}

export type CmpOp = 'EQ' | 'NE' | 'LT' | 'LE' | 'GT' | 'GE';

/** Folds a comparison of two constants; undefined when Milvus calls the operands incompatible. */
export function compareConsts(op: CmpOp, left: Const, right: Const): boolean | undefined {
  const a = numeric(left);
  const b = numeric(right);
  if (a !== undefined && b !== undefined) return compareOrdered(op, a, b);
  if (left.t === 'VarChar' && right.t === 'VarChar') return compareOrdered(op, left.v, right.v);
  if (left.t === 'Bool' && right.t === 'Bool' && (op === 'EQ' || op === 'NE')) return (left.v === right.v) === (op === 'EQ');
  return undefined;
}

/** `<`, `>` … between bigint and number are exact in JS; equality needs the same care. */
export function compareOrdered<T extends number | bigint | string>(op: CmpOp, a: T, b: T): boolean {
  switch (op) {
    // Loose equality on purpose: it compares a bigint with a number by exact value (2n ** 60n == 2 ** 60).
    case 'EQ':
      return a == b;
    case 'NE':
      return a != b;
    case 'LT':
      return a < b;
    case 'LE':
      return a <= b;
    case 'GT':
      return a > b;
    case 'GE':
      return a >= b;
  }
}

export function reverseOp(op: CmpOp): CmpOp {
  const reversed: Record<CmpOp, CmpOp> = { EQ: 'EQ', NE: 'NE', LT: 'GT', LE: 'GE', GT: 'LT', GE: 'LE' };
  return reversed[op];
}

/**
 * Converts a template value (already decoded from `expr_template_values`) into a constant. JS integers are
 * Int64, like the Node SDK's `int64_val` mapping; other numbers are Double.
 */
export function templateConst(name: string, value: unknown): Const {
  if (typeof value === 'bigint') return { t: 'Int64', v: value };
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? { t: 'Int64', v: BigInt(value) } : { t: 'Double', v: value };
  }
  if (typeof value === 'string') return { t: 'VarChar', v: value };
  if (typeof value === 'boolean') return { t: 'Bool', v: value };
  if (Array.isArray(value)) return arrayConst(value.map((item: unknown) => templateConst(name, item)));
  return fail(`the value of expression template variable name {${name}} has an unsupported type: ${typeof value}`);
}
