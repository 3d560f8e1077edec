import { describe, expect, test } from 'vitest';
import { ExprError } from './errors.js';
import { decodeStringLiteral, parseFloatLiteral, parseIntegerLiteral } from './literals.js';
import { tokenize } from './lexer.js';

const kinds = (source: string) => tokenize(source).map((token) => token.kind).slice(0, -1);
const texts = (source: string) => tokenize(source).map((token) => token.text).slice(0, -1);

describe('tokenize', () => {
  test.each([
    ['a and b AND c && d', ['Identifier', 'AND', 'Identifier', 'AND', 'Identifier', 'AND', 'Identifier']],
    ['a or b OR c || d', ['Identifier', 'OR', 'Identifier', 'OR', 'Identifier', 'OR', 'Identifier']],
    ['not a NOT b !c', ['NOT', 'Identifier', 'NOT', 'Identifier', 'NOT', 'Identifier']],
    // Mixed case is not a keyword: it lexes as an identifier, as in Plan.g4.
    ['And Or Not In Like', ['Identifier', 'Identifier', 'Identifier', 'Identifier', 'Identifier']],
    ['x in y IN z not in w', ['Identifier', 'IN', 'Identifier', 'IN', 'Identifier', 'NOT', 'IN', 'Identifier']],
    ['true True TRUE false False FALSE tRUE', [...Array(6).fill('BooleanConstant'), 'Identifier']],
    ['a is null', ['Identifier', 'ISNULL']],
    ['a IS NOT NULL', ['Identifier', 'ISNOTNULL']],
    ['a is  null', ['Identifier', 'Identifier', 'Identifier']],
    ['a != b !~ c =~ d', ['Identifier', 'NE', 'Identifier', 'REGEXNOTMATCH', 'Identifier', 'REGEXMATCH', 'Identifier']],
    ['** * << <= < >> >= > == =', ['POW', 'MUL', 'SHL', 'LE', 'LT', 'SHR', 'GE', 'GT', 'EQ', 'ASSIGN']],
    ['inx notx likes', ['Identifier', 'Identifier', 'Identifier']],
    ['json_contains ARRAY_CONTAINS_ALL json_contains_any array_length', ['CONTAINS', 'CONTAINS_ALL', 'CONTAINS_ANY', 'ArrayLength']],
    ['[ ] [1]', ['EmptyArray', '[', 'IntegerConstant', ']']],
    ['{name}', ['{', 'Identifier', '}']],
  ])('%s', (source, expected) => {
    expect(kinds(source)).toEqual(expected);
  });

  test('numbers in every base and float form, longest match first', () => {
    expect(texts('0x1F 0b101 0755 42 0 1.5 .5 1. 1e-3 2E+4 0x1.8p1 1.e2')).toEqual([
      '0x1F', '0b101', '0755', '42', '0', '1.5', '.5', '1.', '1e-3', '2E+4', '0x1.8p1', '1.e2',
    ]);
    expect(kinds('0x1F 1.5 0x1p3')).toEqual(['IntegerConstant', 'FloatingConstant', 'FloatingConstant']);
    // `09` is not octal: the lexer yields 0 then 9, which the parser rejects as trailing input.
    expect(texts('09')).toEqual(['0', '9']);
  });

  test('strings, prefixed strings and raw strings', () => {
    expect(kinds(`"a" 'b' u8"c" L'd' r'\\d' R"e"`)).toEqual([
      'StringLiteral', 'StringLiteral', 'StringLiteral', 'StringLiteral', 'RawStringLiteral', 'RawStringLiteral',
    ]);
    expect(texts(`'it\\'s' "say \\"hi\\""`)).toEqual([`'it\\'s'`, `"say \\"hi\\""`]);
  });

  test('JSON paths and array indexes are single tokens, without spaces', () => {
    const [path] = tokenize(`meta["a"]['b'][0]`);
    expect(path).toMatchObject({ kind: 'JSONIdentifier', base: 'meta', steps: ['"a"', "'b'", '0'] });
    expect(tokenize('$meta["k"]')[0]).toMatchObject({ kind: 'JSONIdentifier', base: '$meta' });
    expect(kinds('$meta $ $[sub] a[sub] a[0][sub]')).toEqual(['Meta', 'ElementSelf', 'StructField', 'StructField', 'StructField']);
    expect(kinds('meta ["a"]')).toEqual(['Identifier', '[', 'StringLiteral', ']']);
    expect(kinds('in["a"]')).toEqual(['JSONIdentifier']);
  });

  test('tracks line and column (ANTLR: line from 1, column from 0)', () => {
    const tokens = tokenize('a >\n  1');
    expect(tokens[2]).toMatchObject({ text: '1', line: 2, column: 2 });
  });

  test.each([
    ['a # b', "line 1:2 token recognition error at: '#'"],
    ['"abc', `line 1:0 token recognition error at: '"abc'`],
    ['a == "x\ny"', `line 1:5 token recognition error at: '"x\\n'`],
    ['a.b', "line 1:1 token recognition error at: '.'"],
  ])('rejects %j with a positioned recognition error', (source, detail) => {
    expect(() => tokenize(source)).toThrow(ExprError);
    expect(() => tokenize(source)).toThrow(`cannot parse expression: ${source}, error: ${detail}`);
  });
});

describe('literal values', () => {
  test.each([
    [`"plain"`, 'plain'],
    [`'single'`, 'single'],
    [`"tab\\there"`, 'tab\there'],
    [`'it\\'s'`, "it's"],
    [`"q\\"q"`, 'q"q'],
    [`'q\\"q'`, 'q"q'],
    [`"\\x41\\101\\u00e9\\U0001F600"`, 'AAé😀'],
    [`"\\a\\b\\f\\n\\r\\v\\\\"`, '\x07\b\f\n\r\v\\'],
    [`u8"pre"`, 'pre'],
    // \% and \_ stay escaped for `like`.
    [`'50\\%'`, '50\\%'],
    [`"\\3678"`, '\u00f78'],
  ])('decodes %s', (literal, value) => {
    expect(decodeStringLiteral(literal)).toBe(value);
  });

  test.each([`"\\378"`, `"\\423"`, `"\\x4"`, `"\\q"`, `"\\?"`, `"\\ud800"`, `"\\u12"`])('rejects %s like Go strconv', (literal) => {
    expect(() => decodeStringLiteral(literal)).toThrow('invalid syntax');
  });

  test('integers follow Go ParseInt base 0, with int64 bounds', () => {
    expect(parseIntegerLiteral('0x1F', false)).toBe(31n);
    expect(parseIntegerLiteral('0b101', false)).toBe(5n);
    expect(parseIntegerLiteral('0755', false)).toBe(493n);
    expect(parseIntegerLiteral('9223372036854775807', false)).toBe(9223372036854775807n);
    expect(parseIntegerLiteral('9223372036854775808', true)).toBe(-9223372036854775808n);
    expect(() => parseIntegerLiteral('9223372036854775808', false)).toThrow(
      'strconv.ParseInt: parsing "9223372036854775808": value out of range',
    );
  });

  test('floats, hexadecimal floats and overflow', () => {
    expect(parseFloatLiteral('1.5e3')).toBe(1500);
    expect(parseFloatLiteral('.25')).toBe(0.25);
    expect(parseFloatLiteral('0x1.8p1')).toBe(3);
    expect(parseFloatLiteral('0x10p-4')).toBe(1);
    expect(() => parseFloatLiteral('1e400')).toThrow('strconv.ParseFloat: parsing "1e400": value out of range');
  });
});
