/**
 * JSON the way the real REST v2 server (Go, gin, encoding/json) writes it (reading: json-parse.ts):
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
  else if (value instanceof Uint8Array)
    out.push(`"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"`);
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
