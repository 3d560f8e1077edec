/**
 * Request binding as gin does it for REST v2 (`ShouldBindBodyWith(req, binding.JSON)`): the decoded
 * body is poured into a Go struct, then `binding:"required"` tags are validated.
 * - Keys match struct fields exactly, else case-insensitively (encoding/json); unknown keys are ignored.
 * - A JSON value of the wrong type is json.UnmarshalTypeError, reported as code 1801
 *   "can only accept json format request, error: json: cannot unmarshal ..." (the first one wins).
 * - `null` leaves scalars and structs at their defaults but clears slices, maps and interfaces.
 * - A missing or zero required field is a validator error, code 1802 "missing required parameters,
 *   error: Key: 'QueryReqV2.CollectionName' Error:Field validation for 'CollectionName' failed on the
 *   'required' tag" (one line per field, fields of nested structs included).
 */
import { RestError, RestCodes } from './envelope.js';

export type Kind =
  | 'string'
  | 'int32'
  | 'int64'
  | 'bool'
  | 'strings'
  | 'map'
  | 'strmap'
  | 'any'
  | 'anys'
  | 'rows'
  | { readonly struct: StructSpec }
  | { readonly structs: StructSpec };

export interface FieldSpec {
  readonly json: string;
  readonly go: string;
  readonly kind: Kind;
  readonly required?: boolean;
  readonly default?: () => unknown;
}

export interface StructSpec {
  readonly name: string;
  readonly fields: readonly FieldSpec[];
}

/** A bound request: JSON field names to Go-typed values (zero values filled in). */
export type Bound = Record<string, unknown>;

const INT_RANGE = { int32: [-(2n ** 31n), 2n ** 31n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n] } as const;

function goTypeName(kind: Kind): string {
  if (typeof kind === 'object')
    return 'struct' in kind ? `httpserver.${kind.struct.name}` : `[]httpserver.${kind.structs.name}`;
  const names: Record<string, string> = {
    strings: '[]string',
    map: 'map[string]interface {}',
    strmap: 'map[string]string',
    any: 'interface {}',
    anys: '[]interface {}',
    rows: '[]map[string]interface {}',
  };
  return names[kind] ?? kind;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

function zero(kind: Kind): unknown {
  if (kind === 'string') return '';
  if (kind === 'int32' || kind === 'int64') return 0;
  if (kind === 'bool') return false;
  if (typeof kind === 'object' && 'struct' in kind) return defaults(kind.struct);
  return null;
}

function defaults(spec: StructSpec): Bound {
  return Object.fromEntries(spec.fields.map((f) => [f.json, f.default ? f.default() : zero(f.kind)]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Decoder {
  firstError?: string;

  typeError(value: string, struct: string, path: readonly string[], type: string): void {
    this.firstError ??= `json: cannot unmarshal ${value} into Go struct field ${struct}.${path.join('.')} of type ${type}`;
  }

  /** One value into a field of `kind`; `undefined` means "leave the field as it was". */
  value(kind: Kind, value: unknown, struct: string, path: readonly string[], current: unknown): unknown {
    if (value === null)
      return kind === 'string' ||
        kind === 'int32' ||
        kind === 'int64' ||
        kind === 'bool' ||
        (typeof kind === 'object' && 'struct' in kind)
        ? current
        : null;
    const mismatch = (type: Kind = kind, shown = jsonKind(value)) => {
      this.typeError(shown, struct, path, goTypeName(type));
      return current;
    };
    switch (kind) {
      case 'string':
        return typeof value === 'string' ? value : mismatch();
      case 'bool':
        return typeof value === 'boolean' ? value : mismatch();
      case 'int32':
      case 'int64': {
        if (typeof value !== 'number' && typeof value !== 'bigint') return mismatch();
        const [lo, hi] = INT_RANGE[kind];
        const whole = typeof value === 'bigint' || Number.isInteger(value);
        if (!whole || BigInt(value) < lo || BigInt(value) > hi) return mismatch(kind, `number ${String(value)}`);
        return typeof value === 'bigint' && Number.isSafeInteger(Number(value)) ? Number(value) : value;
      }
      case 'any':
        return value;
      case 'strings':
        if (!Array.isArray(value)) return mismatch();
        return value.map((item) =>
          typeof item === 'string' || item === null
            ? (item ?? '')
            : (this.typeError(jsonKind(item), struct, path, 'string'), ''),
        );
      case 'anys':
        return Array.isArray(value) ? value : mismatch();
      case 'map':
        return isPlainObject(value) ? value : mismatch();
      case 'strmap': {
        if (!isPlainObject(value)) return mismatch();
        for (const [key, item] of Object.entries(value)) {
          if (typeof item !== 'string' && item !== null)
            this.typeError(jsonKind(item), struct, [...path, key], 'string');
        }
        return value;
      }
      case 'rows':
        if (!Array.isArray(value)) return mismatch();
        return value.map((row) => {
          if (row === null || isPlainObject(row)) return row ?? {};
          this.typeError(jsonKind(row), struct, path, 'map[string]interface {}');
          return {};
        });
      default:
        if ('struct' in kind)
          return isPlainObject(value) ? this.struct(kind.struct, value, path, current as Bound) : mismatch();
        if (!Array.isArray(value)) return mismatch();
        return value.map((item) => {
          if (item === null) return defaults(kind.structs);
          if (isPlainObject(item)) return this.struct(kind.structs, item, path, defaults(kind.structs));
          this.typeError(jsonKind(item), struct, path, `httpserver.${kind.structs.name}`);
          return defaults(kind.structs);
        });
    }
  }

  struct(spec: StructSpec, body: Record<string, unknown>, path: readonly string[], start: Bound): Bound {
    const out: Bound = { ...start };
    for (const [key, value] of Object.entries(body)) {
      const field =
        spec.fields.find((f) => f.json === key) ?? spec.fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
      if (!field) continue;
      const next = this.value(field.kind, value, spec.name, [...path, field.json], out[field.json]);
      out[field.json] = next;
    }
    return out;
  }
}

function hasValue(kind: Kind, value: unknown): boolean {
  if (kind === 'string') return value !== '';
  if (kind === 'int32' || kind === 'int64') return value !== 0 && value !== 0n;
  if (kind === 'bool') return value === true;
  if (typeof kind === 'object' && 'struct' in kind) return true;
  return value !== null && value !== undefined;
}

/**
 * Binds a decoded body to `spec`, or throws the 1801/1802 RestError gin would produce.
 *
 * @example
 * bind(CollectionNameReq, { collectionName: 'docs' }); // { dbName: '', collectionName: 'docs', partitionNames: null }
 */
export function bind(spec: StructSpec, body: unknown): Bound {
  const decoder = new Decoder();
  let bound = defaults(spec);
  if (isPlainObject(body)) bound = decoder.struct(spec, body, [], bound);
  else if (body !== null) {
    decoder.firstError = `json: cannot unmarshal ${jsonKind(body)} into Go value of type httpserver.${spec.name}`;
  }
  if (decoder.firstError)
    throw new RestError(
      RestCodes.incorrectParameterFormat,
      `can only accept json format request, error: ${decoder.firstError}`,
    );
  const lines = missingFields(spec, bound, spec.name);
  if (lines.length > 0) {
    throw new RestError(RestCodes.missingRequiredParameters, `missing required parameters, error: ${lines.join('\n')}`);
  }
  return bound;
}

/**
 * The validator's `required` errors in field order. A nested (non-pointer) struct is walked in place:
 * its own `required` tag is skipped, as validator v10 does for struct fields, but the fields inside it
 * are checked under the namespace `Outer.Field.Inner` (CollectionAddFunction.Function.FunctionName).
 */
function missingFields(spec: StructSpec, bound: Bound, namespace: string): string[] {
  const lines: string[] = [];
  for (const f of spec.fields) {
    const value = bound[f.json];
    if (f.required && !hasValue(f.kind, value)) {
      lines.push(`Key: '${namespace}.${f.go}' Error:Field validation for '${f.go}' failed on the 'required' tag`);
    }
    if (typeof f.kind === 'object' && 'struct' in f.kind) {
      lines.push(...missingFields(f.kind.struct, (value as Bound | null) ?? {}, `${namespace}.${f.go}`));
    }
  }
  return lines;
}

// Field helpers for the request specs.
export const field = (
  json: string,
  kind: Kind,
  extra: Partial<Pick<FieldSpec, 'required' | 'default' | 'go'>> = {},
): FieldSpec => ({
  json,
  go: extra.go ?? json.charAt(0).toUpperCase() + json.slice(1),
  kind,
  ...(extra.required ? { required: true } : {}),
  ...(extra.default ? { default: extra.default } : {}),
});

export const required = (json: string, kind: Kind, go?: string): FieldSpec =>
  field(json, kind, { required: true, ...(go ? { go } : {}) });

export const DB_NAME = field('dbName', 'string');
export const COLLECTION_NAME = required('collectionName', 'string');
