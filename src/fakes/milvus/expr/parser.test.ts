import { describe, expect, test } from 'vitest';
import type { Node } from './ast.js';
import { ExprError } from './errors.js';
import { tokenize } from './lexer.js';
import { MAX_NESTING, Parser } from './parser.js';

/** Fully parenthesised rendering of the tree, so precedence is visible in one string. */
function show(n: Node): string {
  switch (n.k) {
    case 'int':
    case 'float':
      return n.text;
    case 'bool':
      return String(n.value);
    case 'str':
      return n.token;
    case 'ident':
      return n.name;
    case 'path':
      return `${n.base}${n.steps.map((step) => `[${step}]`).join('')}`;
    case 'template':
      return `{${n.name}}`;
    case 'array':
      return `[${n.items.map(show).join(', ')}]`;
    case 'binary':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'unary':
      return `(${n.op} ${show(n.operand)})`;
    case 'like':
      return `(${show(n.operand)} LIKE ${show(n.pattern)})`;
    case 'term':
      return `(${show(n.left)} ${n.negated ? 'NOT IN' : 'IN'} ${show(n.right)})`;
    case 'range':
      return `(${show(n.lower)} ${n.lowerInclusive ? '<=' : '<'} ${show(n.column)} ${n.upperInclusive ? '<=' : '<'} ${show(n.upper)})`;
    case 'exists':
      return `(EXISTS ${show(n.operand)})`;
    case 'nullTest':
      return `(${show(n.column)} ${n.negated ? 'IS NOT NULL' : 'IS NULL'})`;
    case 'contains':
      return `contains_${n.mode}(${show(n.target)}, ${show(n.element)})`;
    case 'arrayLength':
      return `array_length(${show(n.column)})`;
    case 'textMatch':
      return `text_match(${n.field}, ${show(n.query)}${n.minShouldMatch ? `, ${n.minShouldMatch}` : ''})`;
    case 'phraseMatch':
      return `phrase_match(${n.field}, ${show(n.query)}${n.slop ? `, ${show(n.slop)}` : ''})`;
    case 'call':
      return `${n.name}(${n.args.map(show).join(', ')})`;
    case 'timestamptz':
      return `tsz(${n.reversed ? 'ISO ' + n.literal + ' ' + n.op + ' ' : ''}${n.field}${n.interval ? ` ${n.interval.sign} INTERVAL ${n.interval.literal}` : ''}${n.reversed ? '' : ` ${n.op} ISO ${n.literal}`})`;
    case 'unsupported':
      return `<${n.what}>`;
    case 'spatial':
      return `${n.fn}(${[n.field, n.wkt, n.distance ? show(n.distance) : undefined].filter((x) => x !== undefined).join(', ')})`;
  }
}

const parse = (source: string) => show(new Parser(source, tokenize(source)).parseAll());

describe('precedence and associativity (Plan.g4 alternative order)', () => {
  test.each([
    // Prefix `not` binds tighter than comparisons: the surprising parse a real server also makes.
    ['not a == 1', '((NOT a) EQ 1)'],
    ['not (a == 1)', '(NOT (a EQ 1))'],
    ['!a == 1', '((NOT a) EQ 1)'],
    // `like` binds tighter than arithmetic and even than unary minus.
    ['a + b like "x%"', '(a ADD (b LIKE "x%"))'],
    ['not a like "x%"', '(NOT (a LIKE "x%"))'],
    ['-2 ** 2', '(SUB (2 POW 2))'],
    ['2 ** 3 ** 2', '((2 POW 3) POW 2)'],
    ['a * b + c % d - e / f', '(((a MUL b) ADD (c MOD d)) SUB (e DIV f))'],
    ['a + b * c', '(a ADD (b MUL c))'],
    ['a - b - c', '((a SUB b) SUB c)'],
    ['a + 1 in [1, 2]', '((a ADD 1) IN [1, 2])'],
    ['a in [1] == b in [2]', '((a IN [1]) EQ (b IN [2]))'],
    ['a < b == c > d', '((a LT b) EQ (c GT d))'],
    ['a == 1 and b == 2 or c == 3', '(((a EQ 1) AND (b EQ 2)) OR (c EQ 3))'],
    ['a == 1 || b == 2 && c == 3', '((a EQ 1) OR ((b EQ 2) AND (c EQ 3)))'],
    ['a & b == c', '(a BAND (b EQ c))'],
    ['a | b ^ c & d', '(a BOR (b BXOR (c BAND d)))'],
    ['exists a["x"] == 1', '((EXISTS a[x]) EQ 1)'],
    ['exists $meta["k"] && x IS NOT NULL', '((EXISTS $meta[k]) AND (x IS NOT NULL))'],
  ])('%s', (source, expected) => {
    expect(parse(source)).toBe(expected.replace(/\[x\]/, '["x"]').replace(/\[k\]/, '["k"]'));
  });
});

describe('forms', () => {
  test.each([
    ['1 < x < 5', '(1 < x < 5)'],
    ['1 <= x < 5', '(1 <= x < 5)'],
    ['10 > x >= 2', '(2 <= x < 10)'],
    ['5 >= meta["a"] > 1', '(1 < meta["a"] <= 5)'],
    ['{lo} < x < {hi}', '({lo} < x < {hi})'],
    // Only an identifier can sit in the middle: this is two relational steps.
    ['1 < x + 1 < 5', '((1 LT (x ADD 1)) LT 5)'],
    ['x == 1 and 1 < y < 2', '((x EQ 1) AND (1 < y < 2))'],
    ['a in [1, 2,] or b not in []', '((a IN [1, 2]) OR (b NOT IN []))'],
    ['a in {ids}', '(a IN {ids})'],
    ['meta["a"][0] is null', '(meta["a"][0] IS NULL)'],
    ['x is not null and y IS NULL', '((x IS NOT NULL) AND (y IS NULL))'],
    ['json_contains(a, 1) and ARRAY_CONTAINS_ANY(b, [1, 2])', '(contains_one(a, 1) AND contains_any(b, [1, 2]))'],
    ['array_length(tags) > 2', '(array_length(tags) GT 2)'],
    ['text_match(t, "q w", minimum_should_match=2)', 'text_match(t, "q w", 2)'],
    ['f(1, 2,)', 'f(1, 2)'],
    ['f()', 'f()'],
    ['((a)) == (1)', '(a EQ 1)'],
    ['[[1, 2], [3]]', '[[1, 2], [3]]'],
    ['phrase_match(t, "a b", 1)', 'phrase_match(t, "a b", 1)'],
    ['a =~ "x"', '<regular expression match (=~, !~)>'],
    ['ts > ISO "2025-01-01"', 'tsz(ts GT ISO "2025-01-01")'],
    ["ts + INTERVAL 'P1D' <= iso '2025-01-01T00:00:00Z'", "tsz(ts ADD INTERVAL 'P1D' LE ISO '2025-01-01T00:00:00Z')"],
    ["ISO '2025-01-01' > ts - interval 'PT2H'", "tsz(ISO '2025-01-01' GT ts SUB INTERVAL 'PT2H')"],
  ])('%s', (source, expected) => {
    expect(parse(source)).toBe(expected);
  });
});

describe('syntax errors', () => {
  test.each([
    ['a >', "line 1:3 mismatched input '<EOF>' expecting {'('"],
    ['json_contains(A)', "line 1:15 mismatched input ')' expecting ','"],
    ['f(1 2 3)', "line 1:4 mismatched input '2' expecting {',', ')'}"],
    // ANTLR calls a token extraneous when the one after it is what was expected.
    ['f(1 2)', "line 1:4 extraneous input '2' expecting {',', ')'}"],
    ['(a == 1', "line 1:7 mismatched input '<EOF>' expecting ')'"],
    ['[1, 2', "line 1:5 mismatched input '<EOF>' expecting {',', ']'}"],
    ['array_length(1) == 1', "line 1:13 mismatched input '1' expecting {Identifier, JSONIdentifier, StructField}"],
    ['json_contains(a, 1 ])', "line 1:19 extraneous input ']' expecting ')'"],
    ['a ==\n  == 1', "line 2:2 mismatched input '==' expecting"],
  ])('%j reports where and what was expected', (source, detail) => {
    let error: unknown;
    try {
      parse(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExprError);
    expect((error as ExprError).message).toContain(`cannot parse expression: ${source}, error: ${detail}`);
    expect((error as ExprError).position).toBeDefined();
  });

  test('leftover input is "invalid expression", as Milvus reports it', () => {
    for (const source of ['a > 1 b', 'exist meta["k"]', '2 = x = 1', 'a is  null', '09 == x', '$meta is null']) {
      expect(() => parse(source)).toThrow(`cannot parse expression: ${source}, error: invalid expression: ${source}`);
    }
  });

  test('nesting depth is bounded', () => {
    const deep = `${'('.repeat(MAX_NESTING + 1)}a == 1${')'.repeat(MAX_NESTING + 1)}`;
    expect(() => parse(deep)).toThrow(`expression nesting depth exceeds the limit of ${MAX_NESTING}`);
    expect(() => parse(`${'not '.repeat(MAX_NESTING + 1)}(a == 1)`)).toThrow('nesting depth');
    expect(parse(`${'('.repeat(100)}a == 1${')'.repeat(100)}`)).toBe('(a EQ 1)');
  });

  test('long flat chains parse without recursion limits', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => `id == ${i}`).join(' or ');
    expect(parse(chain).startsWith('(((')).toBe(true);
  });
});
