/**
 * Rows in and out of REST v2.
 * Out (buildQueryResp): one JSON object per row; Int64 values (fields, array elements, `count(*)`, the
 * primary key) as decimal strings unless int64 is allowed; Float and FloatVector elements and
 * `distance` as float32; Binary/Float16/BFloat16/Int8 vectors as base64 of their bytes (Go `[]byte`);
 * sparse vectors as `{ "index": value }`; JSON fields as the stored document; dynamic keys spread into
 * the row.
 * In (checkAndSetData): every non-nullable field without a default must be in every row, an auto-id
 * key must not be sent on insert, base64 strings are accepted for Binary/Float16/BFloat16 vectors;
 * problems are code 1804 "fail to deal the insert data, error: ...".
 */
import type { OutputColumn } from '../storage/columns.js';
import type { Collection } from '../engine/collection.js';
import { isVectorType } from '../schema/data-types.js';
import { bfloat16Table, float16Table } from '../engine/metrics.js';
import { RestCodes, RestError } from './envelope.js';
import { float32Json, RawDocument } from './json.js';
import { rowsToColumns, RowValueError } from '../storage/rows.js';
import type { ColumnInput } from '../storage/columns.js';
import type { FieldDef } from '../schema/index.js';
import { MilvusError } from '../errors/status.js';
import type { PrimaryKey } from '../storage/table.js';
import type { SparseRow } from '../storage/vector-column.js';

function int64Out(value: unknown, allowInt64: boolean): unknown {
  return typeof value === 'bigint' && !allowInt64 ? value.toString() : value;
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function valueOut(field: FieldDef, value: unknown, allowInt64: boolean): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'Int64':
      return int64Out(value, allowInt64);
    case 'Float':
      return float32Json(value as number);
    case 'JSON':
      return new RawDocument(value);
    case 'Geometry':
      return String(value);
    case 'Array': {
      if (field.structFields) {
        const subs = field.structFields;
        return (value as Array<Record<string, unknown>>).map((e) => Object.fromEntries(subs.map((sub) => [sub.name, valueOut(sub, e[sub.name], allowInt64)])));
      }
      const items = value as unknown[];
      if (field.elementType === 'Int64') return items.map((v) => int64Out(v, allowInt64));
      if (field.elementType === 'Float') return items.map((v) => float32Json(v as number));
      return items;
    }
    case 'FloatVector':
      return Array.from(value as Float32Array, float32Json);
    case 'SparseFloatVector': {
      const row = value as SparseRow;
      return Object.fromEntries(
        Array.from(row.indices, (index, i) => [String(index), float32Json(row.values[i] as number)]),
      );
    }
    default:
      return isVectorType(field.type) ? bytesOf(value as ArrayBufferView) : value;
  }
}

export interface RowOptions {
  readonly allowInt64: boolean;
  /** Search results: the primary key (from `ids`) and score of each row. */
  readonly pkName?: string;
  readonly pks?: readonly PrimaryKey[];
  readonly scores?: readonly number[];
}

/**
 * @example
 * renderRows(result.columns, { allowInt64: false }); // [{ id: '1', vector: [0.1, 0.2], color: 'red' }]
 */
export function renderRows(columns: readonly OutputColumn[], options: RowOptions): Array<Record<string, unknown>> {
  const count = options.pks?.length ?? columns[0]?.values.length ?? 0;
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) {
    const row: Record<string, unknown> = {};
    for (const column of columns) {
      const value = column.values[i];
      if (column.kind === 'dynamic') Object.assign(row, value as Record<string, unknown>);
      else if (column.kind === 'count') row[column.name] = int64Out(value, options.allowInt64);
      else if (column.field) row[column.name] = valueOut(column.field, value, options.allowInt64);
    }
    if (options.pkName && options.pks) row[options.pkName] = int64Out(options.pks[i], options.allowInt64);
    if (options.scores) row.distance = float32Json(options.scores[i] as number);
    rows.push(row);
  }
  return rows;
}

/** JSON documents are stored as JSON.parse would give them: big integers become (rounded) numbers. */
function plainJson(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plainJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainJson(v)]));
  return value;
}

/** A base64 Binary/Float16/BFloat16 vector as the numbers rowsToColumns takes. */
function fromBase64(field: FieldDef, text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  if (field.type === 'BinaryVector') return Array.from(bytes);
  const table = field.type === 'Float16Vector' ? float16Table() : bfloat16Table();
  const words = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)));
  return Array.from(words, (w) => table[w] as number);
}

function insertError(detail: string): RestError {
  return new RestError(RestCodes.invalidInsertData, `fail to deal the insert data, error: ${detail}`);
}

export interface PreparedRows {
  readonly columns: readonly ColumnInput[];
  readonly numRows: number;
}

/**
 * REST rows as the service's columns, with the REST layer's own checks first.
 *
 * @example
 * prepareRows(collection, [{ id: 1, vector: [0, 1] }], 'insert', false);
 */
export function prepareRows(
  collection: Collection,
  rows: ReadonlyArray<Record<string, unknown>>,
  mode: 'insert' | 'upsert',
  partial: boolean,
): PreparedRows {
  const schema = collection.schema;
  const allowAutoId = collection.property('allow_insert_auto_id') === 'true';
  const known = new Set(schema.fields.map((f) => f.name));
  const prepared = rows.map((row, i) => {
    const out: Record<string, unknown> = {};
    for (const field of schema.fields) {
      const value = row[field.name];
      if (field.isPrimaryKey && field.autoID && mode === 'insert' && !allowAutoId) {
        if (value !== undefined)
          throw insertError(`no need to pass pk field(${field.name}) when autoid==true in insert: invalid parameter`);
        continue;
      }
      if (value === undefined) {
        if (partial || field.nullable || field.defaultValue !== undefined || field.isFunctionOutput) continue;
        throw insertError(`row ${i} does not has field ${field.name}`);
      }
      if (field.type === 'JSON') out[field.name] = plainJson(value);
      else if (typeof value === 'string' && ['BinaryVector', 'Float16Vector', 'BFloat16Vector'].includes(field.type))
        out[field.name] = fromBase64(field, value);
      else out[field.name] = value;
    }
    for (const [key, value] of Object.entries(row)) if (!known.has(key)) out[key] = plainJson(value);
    return out;
  });
  try {
    return { columns: rowsToColumns(schema, prepared), numRows: prepared.length };
  } catch (error) {
    if (error instanceof RowValueError) throw insertError(error.detail);
    if (error instanceof MilvusError) throw insertError(error.message);
    throw error;
  }
}
