/**
 * Request bodies decoded the way Ollama's Go handlers decode them (gin's ShouldBindJSON →
 * json.Decoder): an empty body is "missing request body", syntax errors carry Go's wording, only the
 * first JSON value counts (trailing bytes are ignored, as Decoder.Decode ignores them), and a field
 * of the wrong JSON type is "json: cannot unmarshal X into Go struct field T.f of type G".
 */
import { ApiError } from './replies.js';

export type Decoded = { ok: true; value: unknown } | { ok: false; message: string; empty: boolean };

export function decodeBody(body: Uint8Array): Decoded {
  const text = new TextDecoder().decode(body);
  if (text.trim() === '') return { ok: false, message: 'missing request body', empty: true };
  // JSON.parse is the fast path; Go's scanner (for its error texts, the end of the first value, and
  // the depth limit JSON.parse does not have) runs only when it fails or the text could nest too deep.
  let value: unknown;
  let parsed = false;
  try {
    value = JSON.parse(text);
    parsed = true;
  } catch {
    parsed = false;
  }
  if (parsed && (text.length <= 2 * MAX_JSON_DEPTH || !nestsDeeper(text, MAX_JSON_DEPTH))) return { ok: true, value };
  const scan = scanFirstValue(text);
  if (scan.error !== undefined) return { ok: false, message: scan.error, empty: false };
  try {
    return { ok: true, value: JSON.parse(text.slice(0, scan.end)) };
  } catch (error) {
    // The scanner accepted what JSON.parse refused: name it rather than let it escape.
    return { ok: false, message: `invalid JSON: ${(error as Error).message}`, empty: false };
  }
}

/** Go type names of request fields, for type errors. `any` accepts everything. */
export type FieldKind = 'string' | 'bool' | 'number' | 'int' | 'object' | 'array' | 'any';

/** Checks the JSON kinds of known fields; returns Go's error text for the first mismatch. */
export function checkFields(
  value: unknown,
  structName: string,
  fields: Readonly<Record<string, readonly [FieldKind, string]>>,
): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `json: cannot unmarshal ${jsonKind(value)} into Go value of type api.${structName}`;
  }
  for (const [key, [kind, goType]] of Object.entries(fields)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || v === null || kind === 'any') continue;
    if (!fits(v, kind)) return `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${structName}.${key} of type ${goType}`;
  }
  return undefined;
}

function fits(v: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'object':
      return typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'any':
      return true;
  }
}

/** The JSON kind encoding/json names in its errors (`array`, `null`, `bool`, `object`, `string`, `number`). */
export function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * Deepest nesting the fake accepts. Go's scanner allows 10,000 levels (`maxNestingDepth`) and then
 * fails with "exceeded max depth"; JavaScript's own JSON.stringify and every recursive walk over a
 * request overflow the stack long before that, so the fake draws the same line, with the same message,
 * at 1,000 levels (no real client nests that deep). README: "Where the fake differs".
 */
export const MAX_JSON_DEPTH = 1_000;

/** True when some array or object in `text` nests deeper than `limit` (strings are skipped). */
function nestsDeeper(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

type Scan = { end: number; error?: undefined } | { end: number; error: string };

const HEX = /[0-9a-fA-F]/;

/**
 * Go's scanner over the first JSON value: where it ends, or Go's error for it. Iterative (an explicit
 * stack of open containers), so no input can exhaust the call stack.
 */
function scanFirstValue(text: string): Scan {
  let i = 0;
  const stack: Array<'[' | '{'> = [];
  const bad = (context: string): Scan => ({ end: i, error: `invalid character ${quoteChar(String.fromCodePoint(text.codePointAt(i) ?? 0))} ${context}` });
  const eof = (): Scan => ({ end: i, error: 'unexpected EOF' });
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const isDigit = () => i < text.length && (text[i] as string) >= '0' && (text[i] as string) <= '9';
  const digits = () => {
    while (isDigit()) i++;
  };
  /** A scalar at i (string, number, literal); undefined when it ended well. */
  const scalar = (c: string): Scan | undefined => {
    if (c === '"') {
      i++;
      while (i < text.length) {
        const ch = text[i] as string;
        if (ch === '"') {
          i++;
          return undefined;
        }
        if (ch === '\\') {
          i++;
          if (i >= text.length) return eof();
          const esc = text[i] as string;
          if (esc === 'u') {
            for (let k = 0; k < 4; k++) {
              i++;
              if (i >= text.length) return eof();
              if (!HEX.test(text[i] as string)) return bad('in \\u hexadecimal character escape');
            }
          } else if (!'"\\/bfnrt'.includes(esc)) return bad('in string escape code');
        } else if (ch.charCodeAt(0) < 0x20) return bad('in string literal');
        i++;
      }
      return eof();
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      // Go's scanner states: sign, integer part, fraction, exponent; each names the byte it choked on.
      if (text[i] === '-') {
        i++;
        if (i >= text.length) return eof();
        if (!isDigit()) return bad('in numeric literal');
      }
      if (text[i] === '0') i++;
      else digits();
      if (text[i] === '.') {
        i++;
        if (i >= text.length) return eof();
        if (!isDigit()) return bad('after decimal point in numeric literal');
        digits();
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        if (i >= text.length) return eof();
        if (!isDigit()) return bad('in exponent of numeric literal');
        digits();
      }
      return undefined;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (c !== literal[0]) continue;
      for (let k = 1; k < literal.length; k++) {
        i++;
        if (i >= text.length) return eof();
        if (text[i] !== literal[k]) return bad(`in literal ${literal} (expecting ${quoteChar(literal[k] as string)})`);
      }
      i++;
      return undefined;
    }
    return bad('looking for beginning of value');
  };

  // Each turn reads one value; after it, the enclosing containers are closed or continued.
  for (;;) {
    ws();
    if (i >= text.length) return eof();
    const c = text[i] as string;
    if (c === '[' || c === '{') {
      if (stack.length >= MAX_JSON_DEPTH) return bad('exceeded max depth');
      stack.push(c);
      i++;
      ws();
      if (i >= text.length) return eof();
      if (c === '[' && text[i] === ']') {
        stack.pop();
        i++;
      } else if (c === '{' && text[i] === '}') {
        stack.pop();
        i++;
      } else {
        if (c === '{') {
          const key = objectKey();
          if (key) return key;
        }
        continue;
      }
    } else {
      const err = scalar(c);
      if (err) return err;
    }
    // A value ended: close containers until one continues with another element.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return { end: i };
      ws();
      if (i >= text.length) return eof();
      const next = text[i] as string;
      if (next === ',') {
        i++;
        if (top === '{') {
          ws();
          if (i >= text.length) return eof();
          const key = objectKey();
          if (key) return key;
        }
        break;
      }
      if ((top === '[' && next === ']') || (top === '{' && next === '}')) {
        stack.pop();
        i++;
        continue;
      }
      return bad(top === '[' ? 'after array element' : 'after object key:value pair');
    }
  }

  /** `"key" :` at i; undefined when it is there. */
  function objectKey(): Scan | undefined {
    ws();
    if (i >= text.length) return eof();
    if (text[i] !== '"') return bad('looking for beginning of object key string');
    const err = scalar('"');
    if (err) return err;
    ws();
    if (i >= text.length) return eof();
    if (text[i] !== ':') return bad('after object key');
    i++;
    return undefined;
  }
}

/**
 * The byte Go's scanner names, quoted as its quoteChar does: '\'' and '"' as themselves, control
 * bytes as strconv.Quote escapes, and a non-ASCII character by its first UTF-8 byte read as a rune
 * ("é" starts with 0xC3, which Go prints as 'Ã').
 */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.codePointAt(0) ?? 0;
  const first = code < 0x80 ? code : (Buffer.from(c, 'utf8')[0] as number);
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
  if (named[first] !== undefined) return `'${named[first]}'`;
  if (first < 0x20 || first === 0x7f) return `'\\x${first.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(first)}'`;
}

/**
 * A compatibility layer's request bind (gin's ShouldBindJSON into the layer's own struct): Go's text for
 * a body it cannot bind (an empty one is "EOF"), field kinds checked, the struct named in the layer's
 * package (`openai.ChatCompletionRequest`, `anthropic.MessagesRequest`). Refusals are the middleware's.
 */
export function bindCompatBody(
  decoded: Decoded | undefined,
  goPackage: 'openai' | 'anthropic',
  struct: string,
  fields: Readonly<Record<string, readonly [FieldKind, string]>> = {},
): Record<string, unknown> {
  if (!decoded || !decoded.ok) throw new ApiError(400, decoded?.empty === false ? decoded.message : 'EOF', 'middleware');
  // A JSON null binds to the zero request, as encoding/json leaves a struct untouched for null.
  const value = decoded.value === null ? {} : decoded.value;
  const typeError = checkFields(value, struct, fields);
  if (typeError) throw new ApiError(400, typeError.replace(`type api.${struct}`, `type ${goPackage}.${struct}`), 'middleware');
  return value as Record<string, unknown>;
}
