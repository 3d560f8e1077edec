import { describe, expect, test } from 'vitest';
import { compileFilter, type ExprSchema } from './index.js';

const schema: ExprSchema = {
  dynamicField: true,
  fields: [
    { name: 'id', type: 'Int64', nullable: false, isPrimaryKey: true },
    { name: 'meta', type: 'JSON', nullable: true },
  ],
};

const rows: ReadonlyArray<Record<string, unknown>> = [
  {
    id: 1n,
    meta: { a: { b: 1 }, arr: [1, 2, 3], s: 'x', f: 1.5, t: true, nested: [[1, 2], [3]] },
    $meta: { color: 'red', n: 5, list: ['a', 'b'] },
  },
  { id: 2n, meta: null, $meta: {} },
  { id: 3n, meta: { a: { b: 'str' }, arr: [], s: 'y', f: 2, t: false, e: {}, z: null }, $meta: { color: null, n: 5.5 } },
  { id: 4n, meta: { a: { b: 2.5 }, arr: [3, 4], s: 'X' }, $meta: { color: 'blue', n: 10, list: [] } },
];

function select(filter: string): number[] {
  const compiled = compileFilter(filter, schema);
  return rows.flatMap((row, i) => (compiled.matches((field) => row[field]) ? [i + 1] : []));
}

describe('JSON paths', () => {
  test.each<[string, number[]]>([
    ['meta["a"]["b"] == 1', [1]],
    ["meta['a']['b'] > 1", [4]],
    // Wrong type or missing key: false, but `!=` is true (segcore's UnaryRangeJSONCompareNotEqual).
    ['meta["a"]["b"] != 1', [3, 4]],
    ['meta["a"]["b"] == "str"', [3]],
    ['meta["s"] in ["x", "X"]', [1, 4]],
    ['meta["s"] not in ["x"]', [3, 4]],
    ['meta["arr"][0] == 3', [4]],
    ['meta["arr"]["1"] == 2', [1]],
    ['meta["f"] >= 1.5', [1, 3]],
    ['1 <= meta["f"] < 2', [1]],
    ['meta["t"] == true', [1]],
    ['meta["arr"] == [1, 2, 3]', [1]],
    ['meta["s"] > 1', []],
    ['not (meta["s"] > 1)', [1, 3, 4]],
    ['meta["s"] like "x%"', [1]],
    ['meta["a"]["b"] like "s%"', [3]],
    ['meta["f"] like "1%"', []],
    ['meta["a"]["b"] + 1 == 2', [1]],
    ['meta["f"] * 2.0 == 3.0', [1]],
    ['meta == 5', []],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

describe('JSON functions', () => {
  test.each<[string, number[]]>([
    ['json_contains(meta["arr"], 3)', [1, 4]],
    ['json_contains(meta["arr"], 3.0)', [1, 4]],
    ['JSON_CONTAINS_ALL(meta["arr"], [3, 4])', [4]],
    ['json_contains_any(meta["arr"], [1, 4])', [1, 4]],
    ['json_contains(meta["nested"], [3])', [1]],
    ['json_contains(meta["s"], "x")', []],
    ['array_length(meta["arr"]) == 0', [3]],
    ['array_length(meta["arr"]) > 1', [1, 4]],
    ['array_length(meta["s"]) == 1', []],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

describe('exists and is null on JSON (segcore isObjectEmpty: null, [] and {} hold no data)', () => {
  test.each<[string, number[]]>([
    ['exists meta["a"]', [1, 3, 4]],
    ['exists meta["a"]["b"]', [1, 3, 4]],
    ['EXISTS meta["e"]', []],
    ['exists meta["z"]', []],
    ['not exists meta["z"]', [1, 2, 3, 4]],
    ['meta["z"] is null', [1, 2, 3, 4]],
    ['meta["arr"] is not null', [1, 4]],
    ['meta["missing"] IS NULL', [1, 2, 3, 4]],
    ['meta is null', [2]],
    ['meta is not null', [1, 3, 4]],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));
});

describe('dynamic field', () => {
  test.each<[string, number[]]>([
    ['color == "red"', [1]],
    ['color != "red"', [2, 3, 4]],
    ['color in ["red", "blue"]', [1, 4]],
    ['color is null', [2, 3]],
    ['color is not null', [1, 4]],
    ['exists color', [1, 4]],
    ['$meta["color"] == "blue"', [4]],
    ['$meta["n"] > 5', [3, 4]],
    ['n == 5', [1]],
    ['n == 5.5', [3]],
    ['5 <= n < 10', [1, 3]],
    ['n % 5 == 0', [1, 4]],
    ['n + 1 == 6', [1]],
    ['n * 2.0 > 10.5', [3, 4]],
    ['json_contains(list, "a")', [1]],
    ['array_length(list) == 0', [4]],
    ['json_contains($meta, 1)', []],
    ['id > 1 and color == "blue"', [4]],
  ])('%s', (filter, ids) => expect(select(filter)).toEqual(ids));

  test('identifiers and paths read $meta and report it in fields', () => {
    expect([...compileFilter('color == "x" and meta["a"] == 1', schema).fields].sort()).toEqual(['$meta', 'meta']);
  });

  test('without a dynamic field, unknown names are errors', () => {
    const strict: ExprSchema = { ...schema, dynamicField: false };
    expect(() => compileFilter('color == "red"', strict)).toThrow(
      'cannot parse expression: color == "red", error: field color not exist',
    );
    expect(() => compileFilter('$meta["x"] == 1', strict)).toThrow('field $meta not exist');
    expect(() => compileFilter('x["a"] == 1', strict)).toThrow('field x not exist');
  });
});
