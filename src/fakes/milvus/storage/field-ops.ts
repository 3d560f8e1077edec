/**
 * Upsert field operators (`UpsertRequest.field_ops`, Milvus 2.6.17+, PR #49328; REST v2 `fieldOps`):
 * per-field `REPLACE` (the default), `ARRAY_APPEND` and `ARRAY_REMOVE`, applied to the stored row the
 * way the proxy's partial-update merge applies them.
 *
 * Validation follows proxy `validateFieldPartialUpdateOps` (upsert_field_ops.go) in its order and words:
 * an empty field name, the same field twice, an op on the primary key, an unknown field, an array op on a
 * non-Array field, an op whose field is not in the data, and an `ARRAY_APPEND` payload longer than
 * `max_capacity` on its own are 1100 errors. A non-REPLACE op makes the upsert a partial update.
 *
 * Merge (typeutil `ApplyArrayRowOp`, design doc MEP "Array Field Partial Update Operators"): APPEND keeps
 * order and duplicates (stored elements, then the payload); REMOVE drops every stored element equal to
 * one in the payload (strict equality, so NaN never matches); a null payload leaves the row as stored;
 * a null stored array takes the payload. Rows whose key is new are inserted with the payload as sent.
 */
import { errors } from '../errors/status.js';
import type { CollectionSchemaDef, FieldDef } from '../schema/index.js';
import type { ColumnInput } from './columns.js';

export const FIELD_OP_TYPES = ['REPLACE', 'ARRAY_APPEND', 'ARRAY_REMOVE'] as const;
export type FieldOpType = (typeof FIELD_OP_TYPES)[number];

export interface FieldOpInput {
  readonly fieldName: string;
  /** The op by enum name, or its number when the wire carried one the proto does not name. */
  readonly op: string | number;
}

/** Array ops by field name, after validation; REPLACE entries are dropped (they change nothing). */
export type FieldOps = ReadonlyMap<string, Exclude<FieldOpType, 'REPLACE'>>;

const opName = (op: string | number): string => (typeof op === 'number' ? (FIELD_OP_TYPES[op] ?? String(op)) : op);

/** Validates the ops against the schema and the columns sent; returns the array ops by field. */
export function validateFieldOps(
  schema: CollectionSchemaDef,
  columns: readonly ColumnInput[],
  ops: readonly FieldOpInput[],
): FieldOps {
  const out = new Map<string, Exclude<FieldOpType, 'REPLACE'>>();
  const seen = new Set<string>();
  for (const entry of ops) {
    const name = entry.fieldName;
    if (name === '') throw errors.invalidParameter('FieldPartialUpdateOp.field_name is required');
    if (seen.has(name)) throw errors.invalidParameter(`duplicate partial-update op for field "${name}"`);
    seen.add(name);
    const op = opName(entry.op);
    if (op === 'REPLACE') continue;
    const field = schema.fields.find((f) => f.name === name);
    if (field?.isPrimaryKey) throw errors.invalidParameter(`field "${name}" is the primary key and cannot carry a partial-update op`);
    if (!field) throw errors.invalidParameter(`field "${name}" not found in collection schema`);
    if (op !== 'ARRAY_APPEND' && op !== 'ARRAY_REMOVE') throw errors.invalidParameter(`unsupported partial update op: ${op}`);
    if (field.type !== 'Array') throw errors.invalidParameter(`op ${op} requires Array field, but field "${name}" is ${field.type}`);
    if (field.structFields) throw errors.unsupported(`partial-update op ${op} on the Array of Structs field "${name}"`);
    const column = columns.find((c) => c.name === name);
    if (!column) throw errors.invalidParameter(`partial-update op targets field "${name}" not present in fields_data`);
    if (op === 'ARRAY_APPEND') checkPayloadCapacity(field, column);
    out.set(name, op);
  }
  return out;
}

function checkPayloadCapacity(field: FieldDef, column: ColumnInput): void {
  const capacity = field.maxCapacity ?? 0;
  if (capacity <= 0) return;
  (column.values ?? []).forEach((row, index) => {
    const length = Array.isArray(row) ? row.length : 0;
    if (length > capacity) {
      throw errors.invalidParameter(
        `ARRAY_APPEND payload for field "${field.name}" row ${index} has length ${length} exceeding max_capacity ${capacity}`,
      );
    }
  });
}

/**
 * Merges one field's sent values into the stored ones: `stored[i]` is the value of row i's existing copy
 * (undefined when the key is new), `sent[i]` the payload (null = null).
 */
export function applyFieldOp(
  field: FieldDef,
  op: Exclude<FieldOpType, 'REPLACE'>,
  stored: ReadonlyArray<unknown>,
  sent: readonly unknown[],
): unknown[] {
  return sent.map((payload, i) => {
    const base = stored[i];
    if (base === undefined) return payload;
    if (payload === null || payload === undefined) return base;
    const items = payload as readonly unknown[];
    if (base === null) return [...items];
    const current = base as readonly unknown[];
    if (op === 'ARRAY_REMOVE') return current.filter((element) => !items.some((doomed) => doomed === element));
    const merged = [...current, ...items];
    if (field.maxCapacity !== undefined && field.maxCapacity > 0 && merged.length > field.maxCapacity) {
      throw errors.invalidParameter(`array length ${merged.length} exceeds max_capacity ${field.maxCapacity}`);
    }
    return merged;
  });
}
