import { describe, expect, test } from 'vitest';
import { compileFilter, type ExprSchema, type TemplateValues } from './index.js';

const schema: ExprSchema = {
  dynamicField: false,
  fields: [
    { name: 'id', type: 'Int64', nullable: false, isPrimaryKey: true },
    { name: 'age', type: 'Int32', nullable: true },
    { name: 'score', type: 'Double', nullable: false },
    { name: 'price', type: 'Float', nullable: false },
    { name: 'name', type: 'VarChar', nullable: false, enableMatch: true },
    { name: 'flag', type: 'Bool', nullable: false },
    { name: 'big', type: 'Int64', nullable: false },
    { name: 'tags', type: 'Array', elementType: 'VarChar', nullable: false, maxCapacity: 8 },
    { name: 'nums', type: 'Array', elementType: 'Int64', nullable: false, maxCapacity: 8 },
  ],
};

const TWO_53 = 2n ** 53n;
const rows: ReadonlyArray<Record<string, unknown>> = [
  { id: 1n, age: 30, score: 1.5, price: Math.fround(9.99), name: 'Alice Smith', flag: true, big: TWO_53 + 1n, tags: ['red', 'blue'], nums: [1n, 2n] },
  { id: 2n, age: null, score: -2, price: 20, name: 'bob', flag: false, big: -(2n ** 63n), tags: [], nums: [3n] },
  { id: 3n, age: 17, score: 0, price: Math.fround(0.1), name: 'Carol_x 100%', flag: true, big: TWO_53, tags: ['green'], nums: [] },
  { id: TWO_53 + 1n, age: 65, score: 1e10, price: 1.5, name: 'dave', flag: false, big: 0n, tags: ['red'], nums: [1n, 5n, 9n] },
];

/** Row ids (last row printed as `4`) that a filter selects. */
function select(filter: string, templates?: TemplateValues): number[] {
  const compiled = compileFilter(filter, schema, templates);
  return rows.flatMap((row, i) => (compiled.matches((field) => row[field]) ? [i + 1] : []));
}

describe('comparisons, int64 beyond 2^53, promotion', () => {
  test.each<[string, number[]]>([
    ['id == 9007199254740993', [4]],
    ['id == 9007199254740992', []],
    ['big > 9007199254740992', [1]],
    ['big >= 9007199254740992', [1, 3]],
    ['big == -9223372036854775808', [2]],
    ['9007199254740992 < big', [1]],
    ['age > 18', [1, 4]],
    ['age <= 17', [3]],
    ['age != 30', [3, 4]],
    ['score < 0', [2]],
    ['score == 1e10', [4]],
    ['score > 1', [1, 4]],
    ['price == 0.1', [3]],
    ['price > 9.99', [2]],
    ['name > "b"', [2, 4]],
    ["name == 'bob'", [2]],
    ['flag == true', [1, 3]],
    ['flag != True', [2, 4]],
    ['0x1E == age', [1]],
    ['age == 0b10001 or age == 0101', [3, 4]],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

describe('ranges, arithmetic and folding', () => {
  test.each<[string, number[]]>([
    ['17 < age < 65', [1]],
    ['17 <= age <= 65', [1, 3, 4]],
    ['65 > age >= 17', [1, 3]],
    ['0 <= score < 1.5', [3]],
    ['"a" < name < "c"', [2]],
    ['age % 2 == 0', [1]],
    ['age + 5 > 40', [4]],
    ['age / 2 == 8', [3]],
    ['2 * age == 34', [3]],
    ['price * 2 < 1', [3]],
    ['score / 2 == 0.75', [1]],
    ['id - 1 == 0', [1]],
    ['big + 1 == 9007199254740994', [1]],
    ['big % 2 != 0', [1]],
    ['age > 10 + 8', [1, 4]],
    ['age == 2 ** 5 - 2', [1]],
    ['score > -(1 + 1)', [1, 3, 4]],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

describe('in, logic and nulls (segcore valid-bitmap semantics)', () => {
  test.each<[string, number[]]>([
    ['id in [1, 3]', [1, 3]],
    ['name not in ["bob", "dave"]', [1, 3]],
    ['age in [17, 65]', [3, 4]],
    ['age not in [17]', [1, 4]],
    ['id in []', []],
    ['id not in []', [1, 2, 3, 4]],
    ['age > 18 and flag == true', [1]],
    ['age > 60 or name == "bob"', [2, 4]],
    ['age > 18 AND flag == true OR id == 2', [1, 2]],
    ['age > 18 && flag == true || id == 2', [1, 2]],
    // A comparison on a null field is false, and so is its negation.
    ['not (age > 18)', [3]],
    ['not (age > 18 or id == 2)', [3]],
    // ...but `and` with a non-null operand is a definite false, which `not` turns true (LogicalBinaryExpr.cpp).
    ['not (age > 18 and id == 2)', [1, 2, 3, 4]],
    ['!(age < 18) && flag == false', [4]],
    ['NOT (NOT (age > 18))', [1, 4]],
    ['age is null', [2]],
    ['age IS NOT NULL', [1, 3, 4]],
    ['not (age is null)', [1, 3, 4]],
    ['name is null', []],
    ['1 == 1', [1, 2, 3, 4]],
    ['1 == 1 and age > 60', [4]],
    ['false or age > 60', [4]],
    ['true or age > 60', [1, 2, 3, 4]],
    ['not true', []],
    ['age > score', [1, 3]],
    ['id == big', []],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

describe('like, arrays, text_match', () => {
  test.each<[string, number[]]>([
    ['name like "A%"', [1]],
    ['name like "%x%"', [3]],
    ['name like "_ob"', [2]],
    ['name like "bob"', [2]],
    ['name like "d%e"', [4]],
    ['name like "%"', [1, 2, 3, 4]],
    [String.raw`name like "%100\\%"`, [3]],
    [String.raw`name like 'Carol\_x%'`, [3]],
    [String.raw`name like 'Carol\_%'`, [3]],
    ['array_contains(tags, "red")', [1, 4]],
    ['ARRAY_CONTAINS(tags, "red")', [1, 4]],
    ['not array_contains(tags, "red")', [2, 3]],
    ['json_contains(tags, "green")', [3]],
    ['array_contains_all(nums, [1, 5])', [4]],
    ['array_contains_all(nums, [])', [1, 2, 3, 4]],
    ['array_contains_any(nums, [2, 3])', [1, 2]],
    ['array_length(tags) == 0', [2]],
    ['array_length(nums) >= 2', [1, 4]],
    ['tags[0] == "red"', [1, 4]],
    ['tags[1] like "bl%"', [1]],
    ['nums[1] > 4', [4]],
    ['nums[5] == 1', []],
    ['nums[0] in [3, 9]', [2]],
    ['tags == ["red", "blue"]', [1]],
    ['tags != ["red"]', [1, 2, 3]],
    ['text_match(name, "smith dave")', [1, 4]],
    ['text_match(name, "SMITH alice", minimum_should_match=2)', [1]],
    ['text_match(name, "nobody")', []],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

describe('templates', () => {
  test.each<[string, TemplateValues, number[]]>([
    ['id in {ids}', { ids: [1n, 3n] }, [1, 3]],
    ['id == {big}', { big: TWO_53 + 1n }, [4]],
    ['age > {min}', { min: 20 }, [1, 4]],
    ['score > {f}', { f: 1.25 }, [1, 4]],
    ['name == {n}', { n: 'bob' }, [2]],
    ['{lo} <= age <= {hi}', { lo: 17n, hi: 30n }, [1, 3]],
    ['array_contains_any(tags, {colors})', { colors: ['green', 'blue'] }, [1, 3]],
    ['flag == {b} and age in {ages}', { b: true, ages: [30, 65] }, [1]],
    ['age % {m} == {r}', { m: 5n, r: 0n }, [1, 4]],
  ])('%s', (filter, templates, ids) => expect(select(filter, templates)).toEqual(ids));
});

describe('compiled filter metadata', () => {
  test('primaryKeys for pk equality and pk in-lists only', () => {
    expect(compileFilter('id == 3', schema).primaryKeys).toEqual([3n]);
    expect(compileFilter('3 == id', schema).primaryKeys).toEqual([3n]);
    expect(compileFilter('id in [1, 2, 2]', schema).primaryKeys).toEqual([1n, 2n]);
    expect(compileFilter('id in {ids}', schema, { ids: [7n, TWO_53 + 1n] }).primaryKeys).toEqual([7n, TWO_53 + 1n]);
    expect(compileFilter('id in []', schema).primaryKeys).toEqual([]);
    for (const filter of ['id > 3', 'id == 1 or id == 2', 'id not in [1]', 'big == 1', 'id == 1 and age > 2']) {
      expect(compileFilter(filter, schema).primaryKeys).toBeUndefined();
    }
    const varcharPk: ExprSchema = { dynamicField: false, fields: [{ name: 'pk', type: 'VarChar', nullable: false, isPrimaryKey: true }] };
    expect(compileFilter('pk in ["a", "b"]', varcharPk).primaryKeys).toEqual(['a', 'b']);
  });

  test('fields read, and the empty filter', () => {
    expect([...compileFilter('age > 1 and (name like "a%" or array_length(tags) > 1)', schema).fields].sort()).toEqual([
      'age', 'name', 'tags',
    ]);
    for (const source of ['', '   \n\t']) {
      const filter = compileFilter(source, schema);
      expect(filter).toMatchObject({ source, matchesAll: true });
      expect(filter.matches(() => undefined)).toBe(true);
      expect(filter.fields.size).toBe(0);
    }
    expect(compileFilter('id > 0', schema).matchesAll).toBe(false);
  });

  test('a 5000-term generated or-chain compiles and evaluates', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => `id == ${i + 1}`).join(' or ');
    expect(select(chain)).toEqual([1, 2, 3]);
  });
});
