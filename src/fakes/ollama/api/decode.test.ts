import { describe, expect, test } from 'vitest';
import { checkFields, decodeBody, MAX_JSON_DEPTH } from './decode.js';

const error = (text: string) => {
  const decoded = decodeBody(new TextEncoder().encode(text));
  return decoded.ok ? undefined : decoded.message;
};

describe('decodeBody speaks Go encoding/json', () => {
  test.each([
    ['', 'missing request body'],
    [' \t\n', 'missing request body'],
    ['{', 'unexpected EOF'],
    ['{"a":1', 'unexpected EOF'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{"a":tx}', "invalid character 'x' in literal true (expecting 'r')"],
    ['{"a":-}', "invalid character '}' in numeric literal"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":1e}', "invalid character '}' in exponent of numeric literal"],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['{"a":"\u0001"}', "invalid character '\\x01' in string literal"],
    ['{"a":"\t"}', "invalid character '\\t' in string literal"],
    ['{"a":é}', "invalid character 'Ã' looking for beginning of value"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a":"\\q"}', "invalid character 'q' in string escape code"],
    // encoding/json scanner.go stateInStringEscU*: four hex digits or this error (it used to escape as a crash).
    ['{"model":"\\uZZZZ"}', "invalid character 'Z' in \\u hexadecimal character escape"],
    ['{"model":"\\u12x4"}', "invalid character 'x' in \\u hexadecimal character escape"],
    ['{"model":"\\u12', 'unexpected EOF'],
  ])('%j -> %s', (text, message) => {
    expect(error(text)).toBe(message);
  });

  test('only the first value counts: trailing bytes are ignored, as Decoder.Decode ignores them', () => {
    expect(decodeBody(new TextEncoder().encode('{"a":1} trailing'))).toEqual({ ok: true, value: { a: 1 } });
    expect(decodeBody(new TextEncoder().encode('{"a":-1.5e3}'))).toEqual({ ok: true, value: { a: -1500 } });
  });

  test('nesting deeper than the limit gets the scanner\'s "exceeded max depth", without touching the call stack', () => {
    const deep = (n: number, open = '[', close = ']') => `${open.repeat(n)}${close.repeat(n)}`;
    expect(decodeBody(new TextEncoder().encode(deep(MAX_JSON_DEPTH)))).toMatchObject({ ok: true });
    expect(error(deep(MAX_JSON_DEPTH + 1))).toBe("invalid character '[' exceeded max depth");
    expect(error(`{"format":${'{"a":'.repeat(400_000)}1${'}'.repeat(400_000)}}`)).toBe("invalid character '{' exceeded max depth");
    expect(error('['.repeat(400_000))).toBe("invalid character '[' exceeded max depth");
    // Brackets inside strings do not count.
    expect(decodeBody(new TextEncoder().encode(JSON.stringify({ prompt: '['.repeat(5_000) })))).toMatchObject({ ok: true });
  });

  test('checkFields names the struct field and its Go type', () => {
    expect(checkFields({ stream: 'yes' }, 'ChatRequest', { stream: ['bool', 'bool'] })).toBe(
      'json: cannot unmarshal string into Go struct field ChatRequest.stream of type bool',
    );
    expect(checkFields([1], 'ChatRequest', {})).toBe(
      'json: cannot unmarshal array into Go value of type api.ChatRequest',
    );
    expect(checkFields({ stream: null }, 'ChatRequest', { stream: ['bool', 'bool'] })).toBeUndefined();
  });
});
