/**
 * Request bodies read the way the real REST v2 server reads them (gin's json.Decoder): the first value
 * of the body (trailing bytes are ignored), Go's syntax-error wording, and integer literals beyond 2^53
 * kept exact as bigint (Go keeps int64 digits; JSON.parse would round them). Valid bodies without such
 * integers take the native JSON.parse path.
 */

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
  const named: Record<number, string> = {
    7: '\\a',
    8: '\\b',
    9: '\\t',
    10: '\\n',
    11: '\\v',
    12: '\\f',
    13: '\\r',
    92: '\\\\',
  };
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
    throw new GoJsonError(
      `invalid character ${quoteChar(String.fromCodePoint(this.text.codePointAt(this.i) ?? 0))} ${context}`,
    );
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
      if (this.text[this.i] !== word[k])
        this.fail(k === 0 ? 'looking for beginning of value' : `in literal ${word} (expecting '${word[k]}')`);
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
