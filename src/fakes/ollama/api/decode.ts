/**
 * Request bodies decoded the way Ollama's Go handlers decode them (gin's ShouldBindJSON →
 * json.Decoder): an empty body is "missing request body", syntax errors carry Go's wording, only the
 * first JSON value counts (trailing bytes are ignored, as Decoder.Decode ignores them), and a field
 * of the wrong JSON type is "json: cannot unmarshal X into Go struct field T.f of type G".
 */
export type Decoded = { ok: true; value: unknown } | { ok: false; message: string; empty: boolean };

export function decodeBody(body: Uint8Array): Decoded {
  const text = new TextDecoder().decode(body);
  if (text.trim() === '') return { ok: false, message: 'missing request body', empty: true };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const scan = scanFirstValue(text);
    if (scan.error !== undefined) return { ok: false, message: scan.error, empty: false };
    return { ok: true, value: JSON.parse(text.slice(0, scan.end)) };
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

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * Finds where the first JSON value ends, or Go's error for it. Only called after JSON.parse failed,
 * so it favours clarity over speed.
 */
function scanFirstValue(text: string): { end: number; error?: undefined } | { end: number; error: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const bad = (context: string) => ({ end: i, error: `invalid character ${quoteChar(String.fromCodePoint(text.codePointAt(i) ?? 0))} ${context}` });
  const eof = () => ({ end: i, error: 'unexpected EOF' });
  type Step = { end: number; error?: string } | undefined;

  const value = (): Step => {
    ws();
    if (i >= text.length) return eof();
    const c = text[i] as string;
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (c === literal[0]) {
        for (let k = 1; k < literal.length; k++) {
          i++;
          if (i >= text.length) return eof();
          if (text[i] !== literal[k]) return bad(`in literal ${literal} (expecting ${quoteChar(literal[k] as string)})`);
        }
        i++;
        return undefined;
      }
    }
    return bad('looking for beginning of value');
  };
  const string = (): Step => {
    i++;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        i++;
        if (i >= text.length) return eof();
        if (!'"\\/bfnrtu'.includes(text[i] as string)) return bad('in string escape code');
      } else if (c.charCodeAt(0) < 0x20) return bad('in string literal');
      i++;
    }
    return eof();
  };
  const digits = () => {
    while (i < text.length && (text[i] as string) >= '0' && (text[i] as string) <= '9') i++;
  };
  const isDigit = () => i < text.length && (text[i] as string) >= '0' && (text[i] as string) <= '9';
  // Go's scanner states: sign, integer part, fraction, exponent; each names the byte it choked on.
  const number = (): Step => {
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
  };
  const array = (): Step => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return undefined;
    }
    for (;;) {
      const err = value();
      if (err) return err;
      ws();
      if (i >= text.length) return eof();
      if (text[i] === ',') i++;
      else if (text[i] === ']') {
        i++;
        return undefined;
      } else return bad('after array element');
    }
  };
  const object = (): Step => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return undefined;
    }
    for (;;) {
      ws();
      if (i >= text.length) return eof();
      if (text[i] !== '"') return bad('looking for beginning of object key string');
      const keyErr = string();
      if (keyErr) return keyErr;
      ws();
      if (i >= text.length) return eof();
      if (text[i] !== ':') return bad('after object key');
      i++;
      const err = value();
      if (err) return err;
      ws();
      if (i >= text.length) return eof();
      if (text[i] === ',') i++;
      else if (text[i] === '}') {
        i++;
        return undefined;
      } else return bad('after object key:value pair');
    }
  };
  const err = value();
  return err?.error !== undefined ? { end: i, error: err.error } : { end: i };
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
