/**
 * JSON the way the real REST v2 server (Go, gin, encoding/json) reads and writes it:
 * - reading: the first value of the body (trailing bytes are ignored, as json.Decoder does), Go's
 *   syntax-error wording, and integer literals beyond 2^53 kept exact as bigint (Go reads them as
 *   int64 text, JSON.parse would round them);
 * - writing: map keys sorted (gin.H and map[string]any are sorted by encoding/json), struct fields in
 *   declaration order ({@link GoStruct}), `[]byte` as base64, `<`, `>`, `&` escaped, int64 digits exact;
 * - formatting: float32 in its shortest form, `fmt.Sprintf("%v")` of decoded JSON values.
 */

/** A Go struct: fields in declaration order (maps are sorted instead). */
export class GoStruct {
  constructor(readonly entries: ReadonlyArray<readonly [string, unknown]>) {}
}

/** A stored JSON document written back verbatim (json.RawMessage): key order kept. */
export class RawDocument {
  constructor(readonly value: unknown) {}
}

/** Thrown for a body json.Decoder rejects; `message` is Go's text. `eof` marks an empty body (io.EOF). */
export class GoJsonError extends Error {
  constructor(
    message: string,
    readonly eof = false,
  ) {
    super(message);
    this.name = 'GoJsonError';
  }
}

const MAX_DEPTH = 10000;
/** An integer literal that may not fit a double exactly (16+ digits, not part of a fraction or exponent). */
const LONG_INTEGER = /(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/;

/** Go's quoteChar: the offending character in a syntax error. */
function quoteChar(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  const code = ch.codePointAt(0) ?? 0;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
  if (named[code]) return `'${named[code]}'`;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${ch}'`;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  fail(context: string): never {
    const ch = this.text[this.i];
    if (ch === undefined) throw new GoJsonError('unexpected EOF');
    throw new GoJsonError(`invalid character ${quoteChar(String.fromCodePoint(this.text.codePointAt(this.i) ?? 0))} ${context}`);
  }

  skip(): void {
    while (isSpace(this.text[this.i])) this.i++;
  }

  peek(): string | undefined {
    return this.text[this.i];
  }

  string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail('in string literal');
      if (c === '"') break;
      if (c < ' ') this.fail('in string literal');
      if (c === '\\') {
        this.i++;
        const e = this.text[this.i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            this.i++;
            if (!/[0-9a-fA-F]/.test(this.text[this.i] ?? '')) this.fail('in \\u hexadecimal character escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          this.fail('in string escape code');
        }
      }
      this.i++;
    }
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  number(): number | bigint {
    const start = this.i;
    if (this.peek() === '-') this.i++;
    if (this.peek() === '0') this.i++;
    else if (isDigit(this.peek())) while (isDigit(this.peek())) this.i++;
    else this.fail('in numeric literal');
    let integer = true;
    if (this.peek() === '.') {
      integer = false;
      this.i++;
      if (!isDigit(this.peek())) this.fail('after decimal point in numeric literal');
      while (isDigit(this.peek())) this.i++;
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      integer = false;
      this.i++;
      if (this.peek() === '+' || this.peek() === '-') this.i++;
      if (!isDigit(this.peek())) this.fail('in exponent of numeric literal');
      while (isDigit(this.peek())) this.i++;
    }
    const literal = this.text.slice(start, this.i);
    const value = Number(literal);
    return integer && !Number.isSafeInteger(value) ? BigInt(literal) : value;
  }

  literal(word: 'true' | 'false' | 'null'): boolean | null {
    for (let k = 0; k < word.length; k++) {
      if (this.text[this.i] !== word[k]) this.fail(k === 0 ? 'looking for beginning of value' : `in literal ${word} (expecting '${word[k]}')`);
      this.i++;
    }
    return word === 'null' ? null : word === 'true';
  }
}

type Frame = { kind: 'array'; items: unknown[] } | { kind: 'object'; object: Record<string, unknown>; key: string };

function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` is an ordinary key in JSON, not the prototype.
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function scanValue(s: Scanner): unknown {
  const stack: Frame[] = [];
  const objectKey = (): string => {
    s.skip();
    if (s.peek() !== '"') s.fail('looking for beginning of object key string');
    const key = s.string();
    s.skip();
    if (s.peek() !== ':') s.fail('after object key');
    s.i++;
    return key;
  };
  for (;;) {
    s.skip();
    let value: unknown;
    const c = s.peek();
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_DEPTH) s.fail('exceeded max depth');
      s.i++;
      s.skip();
      if (c === '{' && s.peek() === '}') {
        s.i++;
        value = {};
      } else if (c === '[' && s.peek() === ']') {
        s.i++;
        value = [];
      } else {
        stack.push(c === '{' ? { kind: 'object', object: {}, key: objectKey() } : { kind: 'array', items: [] });
        continue;
      }
    } else if (c === '"') value = s.string();
    else if (c === '-' || isDigit(c)) value = s.number();
    else if (c === 't') value = s.literal('true');
    else if (c === 'f') value = s.literal('false');
    else if (c === 'n') value = s.literal('null');
    else s.fail('looking for beginning of value');
    // Attach the value to its containers, closing those that end here.
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) return value;
      s.skip();
      const next = s.peek();
      if (top.kind === 'array') {
        top.items.push(value);
        if (next === ',') {
          s.i++;
          break;
        }
        if (next !== ']') s.fail('after array element');
        value = top.items;
      } else {
        setKey(top.object, top.key, value);
        if (next === ',') {
          s.i++;
          top.key = objectKey();
          break;
        }
        if (next !== '}') s.fail('after object key:value pair');
        value = top.object;
      }
      s.i++;
      stack.pop();
    }
  }
}

/** Whether containers nest deeper than Go's limit somewhere (JSON.parse has no such limit). */
function deeperThanGo(text: string): boolean {
  if (text.length <= MAX_DEPTH) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * The first JSON value of `text`, as json.Decoder reads a request body.
 *
 * @example
 * parseGoJson('{"id": 9007199254740993} trailing'); // { id: 9007199254740993n }
 */
export function parseGoJson(text: string): unknown {
  if (!LONG_INTEGER.test(text) && !deeperThanGo(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Trailing bytes, or a real syntax error: the scanner below tells them apart.
    }
  }
  const s = new Scanner(text);
  s.skip();
  if (s.peek() === undefined) throw new GoJsonError('EOF', true);
  return scanValue(s);
}

/** Shortest decimal that reads back as the same float32 (how Go prints a float32). */
export function float32Json(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f) || f === 0) return f;
  for (let p = 1; p < 10; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

function escapeString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function encode(value: unknown, sortKeys: boolean, out: string[]): void {
  if (value === null || value === undefined) out.push('null');
  else if (typeof value === 'string') out.push(escapeString(value));
  else if (typeof value === 'number') out.push(Number.isFinite(value) ? JSON.stringify(value) : 'null');
  else if (typeof value === 'bigint') out.push(value.toString());
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (value instanceof Uint8Array) out.push(`"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"`);
  else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      encode(item, sortKeys, out);
    });
    out.push(']');
  } else if (value instanceof GoStruct) encodeEntries(value.entries, sortKeys, out);
  else if (value instanceof RawDocument) encode(value.value, false, out);
  else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    encodeEntries(entries, sortKeys, out);
  } else out.push('null');
}

function encodeEntries(entries: ReadonlyArray<readonly [string, unknown]>, sortKeys: boolean, out: string[]): void {
  out.push('{');
  entries.forEach(([key, item], i) => {
    if (i > 0) out.push(',');
    out.push(escapeString(key), ':');
    encode(item, sortKeys, out);
  });
  out.push('}');
}

/**
 * JSON text as encoding/json writes it (see the module comment).
 *
 * @example
 * goJson({ data: { b: 1, a: 9007199254740993n }, code: 0 }); // '{"code":0,"data":{"a":9007199254740993,"b":1}}'
 */
export function goJson(value: unknown): string {
  const out: string[] = [];
  encode(value, true, out);
  return out.join('');
}

/** strconv.FormatFloat(x, 'g', -1, 64), which `%v` uses: exponent form from 1e+06 and below 1e-04. */
function formatFloatV(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const e = Number(exp);
  const sign = x < 0 ? '-' : '';
  if (e < -4 || e >= 6) return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(x);
}

/**
 * fmt.Sprintf("%v", v) of a value json.Unmarshal produced (numbers are float64, objects are maps).
 *
 * @example
 * goSprintV(1000000); // '1e+06'
 */
export function goSprintV(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return formatFloatV(value);
  if (typeof value === 'bigint') return formatFloatV(Number(value));
  if (Array.isArray(value)) return `[${value.map(goSprintV).join(' ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, v]) => `${k}:${goSprintV(v)}`).join(' ')}]`;
}
