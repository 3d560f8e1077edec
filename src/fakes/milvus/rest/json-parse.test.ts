import { describe, expect, test } from 'vitest';
import { GoJsonError, parseGoJson } from './json-parse.js';

const goError = (text: string) => {
  try {
    parseGoJson(text);
  } catch (error) {
    if (error instanceof GoJsonError) return error.message;
    throw error;
  }
  return 'no error';
};

describe('parseGoJson', () => {
  test('reads the first value and ignores what follows, as json.Decoder does', () => {
    expect(parseGoJson('{"a": [1, "x", true, null]} trailing garbage')).toEqual({ a: [1, 'x', true, null] });
    expect(parseGoJson('  [1,2]]')).toEqual([1, 2]);
  });

  test('keeps integers beyond 2^53 exact as bigint, and only those', () => {
    const value = parseGoJson(
      '{"id": 9007199254740993, "small": 42, "neg": -9223372036854775808, "f": 0.10000000149011612}',
    );
    expect(value).toEqual({ id: 9007199254740993n, small: 42, neg: -9223372036854775808n, f: 0.10000000149011612 });
  });

  test('an empty or blank body is io.EOF', () => {
    expect(() => parseGoJson('  \n')).toThrow(expect.objectContaining({ eof: true }));
  });

  test("syntax errors use Go's wording", () => {
    expect(goError('{"a": ')).toBe('unexpected EOF');
    expect(goError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(goError('{"a": 1 "b": 2}')).toBe(`invalid character '"' after object key:value pair`);
    expect(goError('{"a": 1,}')).toBe("invalid character '}' looking for beginning of object key string");
    expect(goError('[1,]')).toBe("invalid character ']' looking for beginning of value");
    expect(goError('[1 2]')).toBe("invalid character '2' after array element");
    expect(goError('xyz')).toBe("invalid character 'x' looking for beginning of value");
    expect(goError('{"a": tru}')).toBe("invalid character '}' in literal true (expecting 'e')");
    expect(goError('{"a": -x}')).toBe("invalid character 'x' in numeric literal");
    expect(goError('{"a": 1.}')).toBe("invalid character '}' after decimal point in numeric literal");
    expect(goError('{"a": "\\q"}')).toBe("invalid character 'q' in string escape code");
    expect(goError('{"a": "line\nbreak"}')).toBe("invalid character '\\n' in string literal");
    expect(goError("'single'")).toBe("invalid character '\\'' looking for beginning of value");
  });

  test('`__proto__` is an ordinary key', () => {
    const value = parseGoJson('{"__proto__": {"x": 1}, "y": 9007199254740993}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'y']);
  });

  test('deep nesting is iterative and bounded like Go (10000 levels)', () => {
    expect(parseGoJson(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toBeInstanceOf(Array);
    expect(goError(`${'['.repeat(10001)}1${']'.repeat(10001)}`)).toBe("invalid character '[' exceeded max depth");
  });
});
