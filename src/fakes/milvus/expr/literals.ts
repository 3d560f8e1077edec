/**
 * Literal decoding with the rules Milvus actually applies: the lexer accepts C-style escapes, then the
 * planner hands the text to Go's `strconv.Unquote`/`ParseInt`/`ParseFloat`, which are stricter. So an escape
 * the lexer lets through (`\?`, `\378`, `\x4`) still fails later with Go's `invalid syntax`.
 */
import { fail } from './errors.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Decodes a StringLiteral token (optional `u8`/`u`/`U`/`L` prefix, either quote) into its value.
 * Both quote characters may be escaped in both quote styles: Milvus rewrites single-quoted literals before
 * unquoting. `\%` and `\_` survive verbatim so that `like` can read them as escaped wildcards.
 * @example
 * decodeStringLiteral(`'it\\'s'`); // "it's"
 */
export function decodeStringLiteral(token: string): string {
  const open = token.search(/["']/);
  const body = token.slice(open + 1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1] ?? '';
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
    } else if (next === '%' || next === '_') {
      out += `\\${next}`;
      i += 1;
    } else if (next === 'x') {
      out += String.fromCharCode(readHex(body, i + 2, 2));
      i += 3;
    } else if (next === 'u' || next === 'U') {
      const width = next === 'u' ? 4 : 8;
      out += codePoint(readHex(body, i + 2, width));
      i += 1 + width;
    } else if (next >= '0' && next <= '7') {
      const digits = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) fail('invalid syntax');
      out += String.fromCharCode(parseInt(digits, 8));
      i += 3;
    } else {
      fail('invalid syntax');
    }
  }
  return out;
}

/** A RawStringLiteral keeps every backslash; the prefix letter and quotes go. */
export function decodeRawStringLiteral(token: string): string {
  return token.slice(2, -1);
}

function readHex(body: string, from: number, width: number): number {
  const digits = body.slice(from, from + width);
  if (digits.length !== width || !/^[0-9a-fA-F]+$/.test(digits)) fail('invalid syntax');
  return parseInt(digits, 16);
}

function codePoint(value: number): string {
  if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) fail('invalid syntax');
  return String.fromCodePoint(value);
}

/**
 * Go's `strconv.ParseInt(text, 0, 64)` on an IntegerConstant, with the sign of a directly preceding unary
 * minus folded in so that `-9223372036854775808` is representable.
 */
export function parseIntegerLiteral(text: string, negative: boolean): bigint {
  let magnitude: bigint;
  if (/^0[xX]/.test(text)) magnitude = BigInt(text);
  else if (/^0[bB]/.test(text)) magnitude = BigInt(text);
  else if (text.length > 1 && text.startsWith('0')) magnitude = BigInt(`0o${text.slice(1)}`);
  else magnitude = BigInt(text);
  const value = negative ? -magnitude : magnitude;
  if (value < INT64_MIN || value > INT64_MAX) {
    fail(`strconv.ParseInt: parsing "${negative ? '-' : ''}${text}": value out of range`);
  }
  return value;
}

/** Go's `strconv.ParseFloat(text, 64)`, hexadecimal floats (`0x1.8p3`) included. */
export function parseFloatLiteral(text: string): number {
  const value = /^0[xX]/.test(text) ? parseHexFloat(text) : Number(text);
  if (!Number.isFinite(value)) fail(`strconv.ParseFloat: parsing "${text}": value out of range`);
  return value;
}

function parseHexFloat(text: string): number {
  const match = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(text);
  if (!match) fail(`strconv.ParseFloat: parsing "${text}": invalid syntax`);
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const mantissa = parseInt(`${whole}${fraction}` || '0', 16);
  return mantissa * 2 ** (Number(exponent) - 4 * fraction.length);
}
