import { describe, expect, test } from 'vitest';
import { compileFilter, type ExprSchema } from './index.js';

const schema: ExprSchema = {
  dynamicField: true,
  fields: [
    { name: 'id', type: 'Int64', nullable: false, isPrimaryKey: true },
    { name: 'age', type: 'Int32', nullable: false },
    { name: 'price', type: 'Float', nullable: false },
    { name: 'name', type: 'VarChar', nullable: false },
    { name: 'meta', type: 'JSON', nullable: false },
    { name: 'fl', type: 'Array', elementType: 'Float', nullable: false },
    { name: 'bools', type: 'Array', elementType: 'Bool', nullable: false },
  ],
};

const rows: ReadonlyArray<Record<string, unknown>> = [
  { id: 1n, age: 30, price: Math.fround(0.1), name: 'a.c(x)', meta: { x: 2 ** 53, k: 1 }, fl: [Math.fround(0.1)], bools: [true], $meta: {} },
  { id: 2n, age: -7, price: 2.5, name: 'abc', meta: { x: 1.5, k: 'a' }, fl: [], bools: [false, false], $meta: {} },
  { id: 3n, age: 0, price: 0.1, name: 'aé', meta: { k: [1, 2] }, fl: [2.5], bools: [], $meta: {} },
];

function select(filter: string): number[] {
  const compiled = compileFilter(filter, schema);
  return rows.flatMap((row, i) => (compiled.matches((field) => row[field]) ? [i + 1] : []));
}

describe('numeric edge cases', () => {
  test.each<[string, number[]]>([
    // int32 * a large operand leaves the exact double range: computed in int64.
    ['age * 3000000001 == 90000000030', [1]],
    ['age * 3000000001 < 0', [2]],
    ['age / -2 == 3', [2]],
    ['age % 3 == -1', [2]],
    // Float arithmetic stays single precision (0.1f * 3 rounds to 0.3f, not to the double 0.30000000447).
    ['price * 3 == 0.3', [1, 3]],
    ['price == 0.1', [1, 3]],
    ['price > 0.1', [2]],
    // JSON numbers against an Int64 constant beyond 2^53 compare exactly.
    ['meta["x"] < 9007199254740993', [1, 2]],
    ['meta["x"] == 9007199254740993', []],
    ['meta["x"] == 9007199254740992', [1]],
    ['meta["x"] in [1.5, 7]', [2]],
    ['meta["k"] in [1, "a", [1, 2]]', [1, 2, 3]],
    ['meta["k"] == [1, 2]', [3]],
    ['array_contains(fl, 0.1)', [1]],
    ['array_contains_any(fl, [2.5, 7])', [3]],
    ['array_contains(bools, false)', [2]],
    ['array_contains_all(bools, [false])', [2]],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

describe('like patterns are literal except % and _', () => {
  test.each<[string, number[]]>([
    ['name like "a.c%"', [1]],
    ['name like "a.c(x)"', [1]],
    ['name like "%(x)"', [1]],
    ['name like "a_c"', [2]],
    // `_` is one character (code point), not one byte.
    ['name like "a_"', [3]],
    ['name like "_%"', [1, 2, 3]],
    ['name like ""', []],
    ['name like "%b%"', [2]],
    ['meta["k"] like "a"', [2]],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

test('large in-lists use a set and keep exact int64 keys', () => {
  const keys = Array.from({ length: 20000 }, (_, i) => `${2n ** 62n + BigInt(i)}`);
  const filter = compileFilter(`id in [${keys.join(', ')}, 3]`, schema);
  expect(filter.primaryKeys).toHaveLength(20001);
  expect(rows.filter((row) => filter.matches((field) => row[field])).map((row) => row.id)).toEqual([3n]);
});

test('like never backtracks exponentially', () => {
  const long = { ...rows[0], name: 'a'.repeat(20000) };
  for (const pattern of ['%a%a%a%a%a%a%a%a%a%a%b', '%a_a_a_a_a_a_a_a_b', '_%_%_%_%_%_%_%_%b']) {
    const filter = compileFilter(`name like "${pattern}"`, schema);
    expect(filter.matches((field) => long[field as keyof typeof long])).toBe(false);
  }
});
