import { describe, expect, test } from 'vitest';
import { checkFields, decodeBody } from './decode.js';

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
  ])('%j -> %s', (text, message) => {
    expect(error(text)).toBe(message);
  });

  test('only the first value counts: trailing bytes are ignored, as Decoder.Decode ignores them', () => {
    expect(decodeBody(new TextEncoder().encode('{"a":1} trailing'))).toEqual({ ok: true, value: { a: 1 } });
    expect(decodeBody(new TextEncoder().encode('{"a":-1.5e3}'))).toEqual({ ok: true, value: { a: -1500 } });
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
