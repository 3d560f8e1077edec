import { describe, expect, test } from 'vitest';
import { SeededRandom } from '../../../common/hash.js';
import { compileFilter, ExprError, type CompiledFilter, type ExprSchema, type TemplateValues } from './index.js';

// Seeded and bounded: every run explores the same inputs, so a failure reproduces from its printed case.
const GENERATED = 3000;
const GARBAGE = 3000;
const MUTATIONS = 3000;
const ROWS_PER_FILTER = 6;

const schema: ExprSchema = {
  dynamicField: true,
  fields: [
    { name: 'id', type: 'Int64', nullable: false, isPrimaryKey: true },
    { name: 'age', type: 'Int32', nullable: true },
    { name: 'small', type: 'Int8', nullable: false },
    { name: 'score', type: 'Float', nullable: true },
    { name: 'ratio', type: 'Double', nullable: false },
    { name: 'name', type: 'VarChar', nullable: true, enableMatch: true },
    { name: 'flag', type: 'Bool', nullable: true },
    { name: 'meta', type: 'JSON', nullable: true },
    { name: 'tags', type: 'Array', elementType: 'VarChar', nullable: true },
    { name: 'nums', type: 'Array', elementType: 'Int64', nullable: false },
    { name: 'vec', type: 'FloatVector', nullable: false },
  ],
};
const templates: TemplateValues = { n: 5n, f: 1.5, s: 'a', b: true, list: [1n, 2n], strs: ['a', 'b'] };

const NAMES = ['id', 'age', 'small', 'score', 'ratio', 'name', 'flag', 'meta', 'tags', 'nums', 'vec', 'dyn', '$meta'];
const PATHS = ['meta["a"]', "meta['b'][0]", 'meta["a"]["c"]', '$meta["k"]', 'tags[0]', 'nums[1]', 'dyn["x"]', 'age["a"]'];
const BINARY = ['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '**', 'and', 'or', '&&', '||', 'AND', 'OR', '&', '|', '^', '<<', '>>', 'like', 'in', 'not in'];
const PREFIX = ['not ', '!', '-', '+', '~', 'exists ', 'NOT '];

function literal(r: SeededRandom): string {
  return r.pick([
    () => String(r.int(-20, 200)),
    () => r.pick(['9223372036854775807', '-9223372036854775808', '9007199254740993', '0x1F', '0b11', '017', '99999999999999999999']),
    () => r.pick(['1.5', '.5', '1.', '1e3', '-0.0', '0x1p3', '1e400']),
    () => r.pick(['"a"', "'b'", '"a%"', '"%b_"', '"\\n"', '"\\x41"', '"\\u00e9"', "r'\\d'", '"\\q"', '""']),
    () => r.pick(['true', 'False', 'TRUE']),
    () => r.pick(['{n}', '{f}', '{s}', '{b}', '{list}', '{strs}', '{missing}']),
    () => `[${Array.from({ length: r.int(0, 3) }, () => literal(r)).join(', ')}]`,
  ])();
}

function expr(r: SeededRandom, depth: number): string {
  if (depth <= 0) return r.next() < 0.5 ? literal(r) : r.pick([...NAMES, ...PATHS]);
  const sub = () => expr(r, depth - 1);
  return r.pick([
    () => `${sub()} ${r.pick(BINARY)} ${sub()}`,
    () => `${r.pick(PREFIX)}${sub()}`,
    () => `(${sub()})`,
    () => `${literal(r)} ${r.pick(['<', '<='])} ${r.pick(NAMES)} ${r.pick(['<', '<='])} ${literal(r)}`,
    () => `${literal(r)} ${r.pick(['>', '>='])} ${r.pick(PATHS)} ${r.pick(['>', '>='])} ${literal(r)}`,
    () => `${r.pick(['array_contains', 'json_contains_all', 'ARRAY_CONTAINS_ANY'])}(${sub()}, ${sub()})`,
    () => `array_length(${r.pick([...NAMES, ...PATHS])}) ${r.pick(BINARY)} ${sub()}`,
    () => `${r.pick([...NAMES, ...PATHS])} ${r.pick(['is null', 'IS NOT NULL'])}`,
    () => `text_match(${r.pick(NAMES)}, ${literal(r)}${r.next() < 0.3 ? ', minimum_should_match=2' : ''})`,
    () => `${r.pick(NAMES)} ${r.pick(['==', '>', 'in', 'like', '%'])} ${literal(r)}`,
  ])();
}

function jsonValue(r: SeededRandom, depth: number): unknown {
  return r.pick([
    () => null,
    () => r.int(-5, 5),
    () => r.next() * 10,
    () => r.pick(['a', 'b', 'x%']),
    () => r.next() < 0.5,
    () => (depth > 0 ? Array.from({ length: r.int(0, 3) }, () => jsonValue(r, depth - 1)) : []),
    () => (depth > 0 ? { a: jsonValue(r, depth - 1), b: jsonValue(r, depth - 1), k: jsonValue(r, depth - 1) } : {}),
  ])();
}

function row(r: SeededRandom): Record<string, unknown> {
  const maybe = (value: unknown) => (r.next() < 0.2 ? null : value);
  return {
    id: BigInt(r.int(-3, 3)) * 2n ** BigInt(r.int(0, 60)),
    age: maybe(r.int(-10, 100)),
    small: r.int(-128, 127),
    score: maybe(Math.fround(r.next() * 10)),
    ratio: r.next() * 100 - 50,
    name: maybe(r.pick(['a', 'b c', 'x%', ''])),
    flag: maybe(r.next() < 0.5),
    meta: maybe(jsonValue(r, 2)),
    tags: maybe(Array.from({ length: r.int(0, 3) }, () => r.pick(['a', 'b']))),
    nums: Array.from({ length: r.int(0, 3) }, () => BigInt(r.int(-3, 3))),
    $meta: { k: jsonValue(r, 1), dyn: jsonValue(r, 2) },
  };
}

/** Compiles and evaluates; anything but a boolean answer or an ExprError fails the property. */
function exercise(source: string, r: SeededRandom): CompiledFilter | undefined {
  let compiled: CompiledFilter;
  try {
    compiled = compileFilter(source, schema, templates);
  } catch (error) {
    if (error instanceof ExprError) return undefined;
    throw new Error(`compileFilter(${JSON.stringify(source)}) threw ${String(error)}`);
  }
  for (let i = 0; i < ROWS_PER_FILTER; i++) {
    const data = row(r);
    const result = compiled.matches((field) => data[field]);
    if (typeof result !== 'boolean') throw new Error(`matches for ${JSON.stringify(source)} returned ${String(result)}`);
  }
  return compiled;
}

describe('property: never crashes, never hangs', () => {
  test(`${GENERATED} grammar-shaped expressions compile to a boolean filter or throw ExprError`, () => {
    const r = SeededRandom.from('expr-grammar', 1);
    let accepted = 0;
    for (let i = 0; i < GENERATED; i++) if (exercise(expr(r, r.int(1, 4)), r)) accepted++;
    // The generator must reach the evaluator often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(GENERATED / 20);
  });

  test(`${GARBAGE} random strings are rejected with ExprError or accepted`, () => {
    const r = SeededRandom.from('expr-garbage', 1);
    const alphabet = 'abcnotiselkuxr$_019 .,()[]{}"\'\\%*+-/<>=!&|^~\n\t#@é中\u0000';
    for (let i = 0; i < GARBAGE; i++) {
      const length = r.int(0, 40);
      const source = Array.from({ length }, () => alphabet[r.int(0, alphabet.length - 1)]).join('');
      exercise(source, r);
    }
  });

  test(`${MUTATIONS} mutated valid filters are rejected with ExprError or accepted`, () => {
    const r = SeededRandom.from('expr-mutations', 1);
    const seeds = ['age > 18 and name like "a%"', 'meta["a"][0] in [1, 2] or not (score <= 1.5)', '1 < age < 5 && exists meta["k"]',
      'array_contains_any(tags, {strs}) || id in {list}', 'text_match(name, "b c", minimum_should_match=1)', 'k is null'];
    for (let i = 0; i < MUTATIONS; i++) {
      const chars = Array.from(r.pick(seeds));
      for (let edits = r.int(1, 3); edits > 0; edits--) {
        const at = r.int(0, chars.length);
        const op = r.int(0, 2);
        if (op === 0) chars.splice(at, 1);
        else chars.splice(at, op === 1 ? 0 : 1, r.pick(['(', ')', '"', '[', ']', ' ', 'not', '==', ',', '\\', '0']));
      }
      exercise(chars.join(''), r);
    }
  });

  test('pathological sizes stay bounded', () => {
    const r = SeededRandom.from('expr-sizes', 1);
    for (const source of ['('.repeat(5000), 'not '.repeat(5000) + 'a', '-'.repeat(5000) + '1 == id', '['.repeat(3000),
      `id in [${Array.from({ length: 20000 }, (_, i) => i).join(',')}]`, '"'.repeat(9999), 'a'.repeat(100000) + ' == 1',
      `${'2 ** '.repeat(200)}2 == id`]) {
      exercise(source, r);
    }
  });
});

describe('property: and/or are commutative on accepted filters', () => {
  test('A and B == B and A, A or B == B or A, row by row', () => {
    const r = SeededRandom.from('expr-commutative', 1);
    let compared = 0;
    for (let i = 0; i < 1500 && compared < 300; i++) {
      const a = expr(r, 2);
      const b = expr(r, 2);
      const pairs = [[`(${a}) and (${b})`, `(${b}) and (${a})`], [`(${a}) or (${b})`, `(${b}) or (${a})`]];
      for (const [left, right] of pairs) {
        const first = exercise(left as string, r);
        const second = first && exercise(right as string, r);
        if (!first || !second) continue;
        compared++;
        for (let k = 0; k < ROWS_PER_FILTER; k++) {
          const data = row(r);
          const read = (field: string) => data[field];
          expect(first.matches(read), `${left} vs ${right}`).toBe(second.matches(read));
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
  });
});
