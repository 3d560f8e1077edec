/**
 * Output fields of search and query: the proxy's `translateOutputFields` rules (`*` is every field,
 * names outside the schema are dynamic keys when the dynamic field is on, anything else is "field X
 * not exist") and the columns that carry them.
 */
import { isVectorType } from '../schema/data-types.js';
import type { OutputColumn } from '../storage/columns.js';
import type { Collection } from './collection.js';
import { DYNAMIC_FIELD, type FieldDef } from '../schema/index.js';
import { errors } from '../errors/status.js';
import { formatTimestamptz } from '../schema/timestamptz.js';
import { DenseVectorColumn, SparseVectorColumn } from '../storage/vector-column.js';

export interface OutputPlan {
  /** Static fields to return, in output order. */
  readonly fields: readonly FieldDef[];
  /** Dynamic keys to return: 'all' for the whole `$meta`, a list for chosen keys, none when empty. */
  readonly dynamic: 'all' | readonly string[];
  /** Names the response lists in `output_fields`. */
  readonly names: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `struct[sub]` naming a sub-field of an Array of Structs field. */
function structSubField(fields: readonly FieldDef[], name: string): { struct: FieldDef; sub: string } | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)\[([A-Za-z_][A-Za-z0-9_]*)\]$/.exec(name);
  const struct = match ? fields.find((f) => f.name === match[1] && f.structFields) : undefined;
  return struct && match && struct.structFields?.some((f) => f.name === match[2]) ? { struct, sub: match[2] as string } : undefined;
}

/**
 * @param withPrimaryKey query results always carry the primary key (translateToOutputFieldIDs).
 */
export function planOutput(collection: Collection, requested: readonly string[], withPrimaryKey: boolean): OutputPlan {
  const schema = collection.schema;
  const chosen = new Map<string, FieldDef>();
  const structSubsets = new Map<string, Set<string>>();
  const names: string[] = [];
  let dynamic: 'all' | string[] = [];
  for (const raw of requested) {
    const name = raw.trim();
    if (name === '') continue;
    if (name === '*') {
      for (const f of schema.fields) {
        chosen.set(f.name, f);
        if (!names.includes(f.name)) names.push(f.name);
      }
      if (schema.enableDynamicField) {
        dynamic = 'all';
        if (!names.includes(DYNAMIC_FIELD)) names.push(DYNAMIC_FIELD);
      }
      continue;
    }
    const field = schema.fields.find((f) => f.name === name);
    if (field) {
      chosen.set(name, field);
      structSubsets.delete(name);
      if (!names.includes(name)) names.push(name);
      continue;
    }
    const sub = structSubField(schema.fields, name);
    if (sub) {
      // `struct[sub]`: the struct comes back carrying only the sub-fields asked for (SDK ElementLevel.spec.ts).
      const whole = chosen.get(sub.struct.name) === sub.struct && !structSubsets.has(sub.struct.name);
      if (!whole) {
        const subset = structSubsets.get(sub.struct.name) ?? new Set<string>();
        subset.add(sub.sub);
        structSubsets.set(sub.struct.name, subset);
        chosen.set(sub.struct.name, { ...sub.struct, structFields: (sub.struct.structFields ?? []).filter((f) => subset.has(f.name)) });
      }
      if (!names.includes(sub.struct.name)) names.push(sub.struct.name);
      continue;
    }
    if (!schema.enableDynamicField) throw errors.unexpected(`field ${name} not exist`);
    if (name === DYNAMIC_FIELD) {
      dynamic = 'all';
    } else {
      if (!IDENTIFIER.test(name)) throw errors.unexpected(`parse output field name failed: ${name}`);
      if (dynamic !== 'all' && !dynamic.includes(name)) dynamic.push(name);
    }
    if (!names.includes(name)) names.push(name);
  }
  const fields = schema.fields.filter((f) => chosen.has(f.name)).map((f) => chosen.get(f.name) as FieldDef);
  // Keep the caller's order for explicit names; schema order for `*`.
  const ordered = requested.some((r) => r.trim() === '*')
    ? fields
    : names.map((n) => chosen.get(n)).filter((f): f is FieldDef => f !== undefined);
  const pk = schema.fields.find((f) => f.isPrimaryKey) as FieldDef;
  if (withPrimaryKey) {
    if (!ordered.includes(pk)) ordered.push(pk);
    return { fields: ordered, dynamic, names };
  }
  // Search: the proxy drops the key from the user's fields and appends it last when it was asked for
  // (explicitly or through `*`), in both output_fields and fields_data.
  if (!ordered.includes(pk)) return { fields: ordered, dynamic, names };
  return {
    fields: [...ordered.filter((f) => f !== pk), pk],
    dynamic,
    names: [...names.filter((n) => n !== pk.name), pk.name],
  };
}

/** Values of one static field for the given rows, in the in-memory representation. */
export function fieldValues(collection: Collection, field: FieldDef, rows: readonly number[]): unknown[] {
  const table = collection.table;
  if (field.isPrimaryKey) return rows.map((r) => table.pks[r]);
  if (isVectorType(field.type)) {
    const column = table.vectors.get(field.name);
    if (column instanceof SparseVectorColumn) return rows.map((r) => column.rows[r] ?? null);
    const dense = column as DenseVectorColumn;
    return rows.map((r) => (dense.isNull(r) ? null : dense.rowElements(r)));
  }
  const values = table.scalars.get(field.name) ?? [];
  return rows.map((r) => (values[r] === undefined ? null : values[r]));
}

/**
 * @param timezone Timestamptz values leave as RFC 3339 text in this zone, as the proxy rewrites them
 * (internal/proxy/util.go timestamptzUTC2IsoStr).
 */
export function buildColumns(collection: Collection, rows: readonly number[], plan: OutputPlan, timezone = collection.timezone): OutputColumn[] {
  const columns: OutputColumn[] = plan.fields.map((field) => {
    const values = fieldValues(collection, field, rows);
    return {
      field,
      name: field.name,
      kind: 'field' as const,
      values: field.type === 'Timestamptz' ? values.map((v) => (typeof v === 'bigint' ? formatTimestamptz(v, timezone) : v)) : values,
    };
  });
  const dynamic = plan.dynamic;
  if (dynamic === 'all' || dynamic.length > 0) {
    const source = collection.table.dynamic;
    const values = rows.map((r) => {
      const meta = source[r] ?? {};
      if (dynamic === 'all') return meta;
      const picked: Record<string, unknown> = {};
      for (const key of dynamic) if (key in meta) picked[key] = meta[key];
      return picked;
    });
    columns.push({ name: DYNAMIC_FIELD, kind: 'dynamic', values });
  }
  return columns;
}
