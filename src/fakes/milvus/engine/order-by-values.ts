/**
 * Sort values of ORDER BY and how two of them compare, as the Milvus 3.0 proxy compares them:
 * - scalar fields (`compareFieldDataAt`, segcore `SortBuffer`): numbers and int64 numerically, strings
 *   byte-wise (Go `strings.Compare` on UTF-8, which is code-point order), `false < true`;
 * - JSON sub-paths and dynamic keys (`compareJSONValues` in `internal/proxy/search_pipeline.go`): a
 *   missing path and a JSON `null` are null; two numbers numerically, two strings byte-wise, two bools
 *   `false < true`; any other pair by the raw JSON text (here `JSON.stringify` of the stored value,
 *   where Milvus compares the bytes as stored).
 * Nulls are placed by the key's `nullsFirst`, whatever the direction (milvus#50163: ASC NULLS LAST and
 * DESC NULLS FIRST unless `nulls_first` / `nulls_last` says otherwise).
 */
export type SortValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'scalar'; readonly value: boolean | number | bigint | string }
  | { readonly kind: 'json'; readonly value: unknown };

export const NULL_VALUE: SortValue = { kind: 'null' };

/** Code-point order, which is the byte order of the UTF-8 encodings Go compares. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function compareScalar(a: boolean | number | bigint | string, b: boolean | number | bigint | string): number {
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const x = typeof a === 'boolean' ? Number(a) : a;
  const y = typeof b === 'boolean' ? Number(b) : b;
  if (typeof x === 'string' || typeof y === 'string') return compareText(String(x), String(y));
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareJson(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return compareText(JSON.stringify(a) ?? '', JSON.stringify(b) ?? '');
}

/** Negative when `a` comes first in the requested order. */
export function compareSortValues(a: SortValue, b: SortValue, ascending: boolean, nullsFirst: boolean): number {
  const aNull = a.kind === 'null';
  const bNull = b.kind === 'null';
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    return aNull === nullsFirst ? -1 : 1;
  }
  const raw =
    a.kind === 'scalar' && b.kind === 'scalar'
      ? compareScalar(a.value, b.value)
      : compareJson(a.kind === 'json' ? a.value : null, b.kind === 'json' ? b.value : null);
  return ascending ? raw : -raw;
}

/** The value at a JSON path (object keys, array indexes), or null when the path does not exist. */
export function jsonAt(root: unknown, path: readonly (string | number)[]): SortValue {
  let node: unknown = root;
  for (const step of path) {
    if (Array.isArray(node)) {
      const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : -1;
      node = index >= 0 && index < node.length ? node[index] : undefined;
    } else if (node !== null && typeof node === 'object') {
      node = Object.hasOwn(node, String(step)) ? (node as Record<string, unknown>)[String(step)] : undefined;
    } else {
      node = undefined;
    }
    if (node === undefined) return NULL_VALUE;
  }
  return node === null || node === undefined ? NULL_VALUE : { kind: 'json', value: node };
}
