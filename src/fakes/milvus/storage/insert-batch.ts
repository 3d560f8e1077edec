/**
 * Turns the columns of one insert/upsert into a {@link RowBatch}: the field-level rules of the proxy's
 * `checkFieldsDataBySchema` / `checkPrimaryFieldData` / `checkUpsertPrimaryFieldData` (auto-id,
 * missing and extra fields, duplicated columns, dynamic data), then the per-column checks.
 */
import { isVectorType } from '../schema/data-types.js';
import type { ColumnInput } from './columns.js';
import { expandValid, checkPayload, scalarColumn, vectorAppender } from './insert-columns.js';
import { DYNAMIC_FIELD, primaryField, type CollectionSchemaDef, type FieldDef } from '../schema/index.js';
import { errors } from '../errors/status.js';
import { applyFieldOp, validateFieldOps, type FieldOpInput } from './field-ops.js';
import type { PrimaryKey, RowBatch, RowTable } from './table.js';
import type { SparseRow, SparseVectorColumn, VectorColumn } from './vector-column.js';
import { DenseVectorColumn } from './vector-column.js';
import { structColumn } from './struct-column.js';

export interface BatchOptions {
  readonly mode: 'insert' | 'upsert';
  readonly partialUpdate?: boolean;
  /** Upsert field operators (`field_ops`); a non-REPLACE one makes the upsert partial. */
  readonly fieldOps?: readonly FieldOpInput[];
  /** Zone for Timestamptz text without an offset: the collection's `timezone` property. */
  readonly timezone?: string;
  /** Collection property `allow_insert_auto_id`. */
  readonly allowInsertAutoId?: boolean;
  /** First of `count` fresh auto ids. */
  readonly allocateIds: (count: number) => bigint;
  /** Partition index of each row, given the row-dense scalars and keys. */
  readonly partitionsFor: (scalars: ReadonlyMap<string, readonly unknown[]>, pks: readonly PrimaryKey[]) => number[];
  /** The table, for partial updates that keep the stored values of fields not sent. */
  readonly table: RowTable;
  /** Rows of function output fields the server computes (BM25), one per row, by field name. */
  readonly computed?: ReadonlyMap<string, readonly SparseRow[]>;
}

export interface BuiltBatch {
  readonly batch: RowBatch;
  /** Keys an upsert deletes before its rows are appended (the keys sent, whether or not auto-id replaces them). */
  readonly replacedKeys: readonly PrimaryKey[];
  /** Whether the upsert merged into stored rows (`partial_update`, or a non-REPLACE field op). */
  readonly partial: boolean;
}

export function buildBatch(
  schema: CollectionSchemaDef,
  columns: readonly ColumnInput[],
  numRows: number,
  options: BatchOptions,
): BuiltBatch {
  if (numRows <= 0) {
    throw errors.invalidParameterValue('invalid num_rows', String(numRows), 'num_rows should be greater than 0');
  }
  const byName = new Map<string, ColumnInput>();
  for (const column of columns) {
    if (byName.has(column.name)) throw errors.invalidParameter(`duplicated field ${column.name} found`);
    byName.set(column.name, column);
  }
  const pkField = primaryField(schema);
  for (const column of columns) {
    if (column.name === DYNAMIC_FIELD || column.isDynamic) {
      if (!schema.enableDynamicField) {
        throw errors.invalidParameter(`Attempt to insert an unexpected field \`${column.name}\` to collection without enabling dynamic field`);
      }
      continue;
    }
    if (!schema.fields.some((f) => f.name === column.name)) {
      throw errors.unexpected(`fieldName ${column.name} not exist in collection schema`);
    }
  }
  const fieldOps = options.mode === 'upsert' ? validateFieldOps(schema, columns, options.fieldOps ?? []) : new Map();
  const partialUpdate = options.partialUpdate === true || fieldOps.size > 0;
  const pkColumn = byName.get(pkField.name);
  const generate = pkField.autoID && (options.mode === 'upsert' || !options.allowInsertAutoId || !pkColumn);
  if (pkField.autoID && options.mode === 'insert' && pkColumn && !options.allowInsertAutoId) {
    throw errors.invalidParameter(`can not assign primary field data when auto id enabled ${pkField.name}`);
  }
  if (options.mode === 'upsert' && !pkColumn) {
    throw errors.invalidParameter(`must assign pk when upsert, primary field: ${pkField.name}`);
  }
  const sentKeys = pkColumn ? primaryKeys(pkField, pkColumn, numRows) : [];
  if (options.mode === 'upsert' && new Set(sentKeys).size !== sentKeys.length) {
    // Milvus 2.6.7+ (PR #46035, proxy task_upsert.go PreExecute CheckDuplicatePkExist).
    throw errors.invalidParameter('duplicate primary keys are not allowed in the same batch');
  }
  const pks = generate ? autoIds(pkField, numRows, options.allocateIds) : sentKeys;
  const existingRows = partialUpdate ? sentKeys.map((pk) => options.table.pkIndex.get(pk)) : [];

  const scalars = new Map<string, unknown[]>();
  const appendVectors = new Map<string, (column: VectorColumn) => void>();
  for (const field of schema.fields) {
    if (field.isPrimaryKey) continue;
    const column = byName.get(field.name);
    const computed = options.computed?.get(field.name);
    if (!column && computed) {
      appendVectors.set(field.name, (target) => {
        for (const row of computed) (target as SparseVectorColumn).append(row);
      });
      continue;
    }
    if (!column && field.isFunctionOutput && !partialUpdate) continue;
    if (!column && partialUpdate) {
      keepStored(field, existingRows, options.table, numRows, scalars, appendVectors);
      continue;
    }
    if (!column && field.defaultValue === undefined && !field.nullable) {
      throw errors.invalidParameter(`fieldSchema(${field.name}) has no corresponding fieldData pass in`);
    }
    if (isVectorType(field.type)) appendVectors.set(field.name, vectorAppender(field, column, numRows));
    else if (field.structFields && column) scalars.set(field.name, structColumn(field, column, numRows));
    else {
      const values = scalarColumn(field, column, numRows, options.timezone);
      const op = fieldOps.get(field.name);
      if (!op) scalars.set(field.name, values);
      else {
        const stored = options.table.scalars.get(field.name) ?? [];
        scalars.set(field.name, applyFieldOp(field, op, existingRows.map((row) => (row === undefined ? undefined : stored[row])), values));
      }
    }
  }
  let dynamic = schema.enableDynamicField ? dynamicRows(schema, byName.get(DYNAMIC_FIELD), numRows) : undefined;
  if (dynamic && partialUpdate) {
    // Partial updates merge dynamic keys into the stored ones instead of replacing the whole `$meta`.
    const stored = options.table.dynamic;
    dynamic = dynamic.map((meta, i) => {
      const row = existingRows[i];
      return row === undefined ? meta : { ...(stored[row] ?? {}), ...meta };
    });
  }
  const partitions = options.partitionsFor(scalars, pks);
  return {
    batch: { numRows, pks, scalars, appendVectors, partitions, ...(dynamic ? { dynamic } : {}) },
    replacedKeys: options.mode === 'upsert' ? sentKeys : [],
    partial: partialUpdate,
  };
}

function primaryKeys(field: FieldDef, column: ColumnInput, numRows: number): PrimaryKey[] {
  checkPayload(field, column);
  if (column.validData?.some((v) => !v)) throw errors.invalidParameter('primary field not support null');
  const values = expandValid(field, { ...column, validData: [] }, column.values ?? [], numRows) as PrimaryKey[];
  if (field.type === 'VarChar' && field.maxLength !== undefined) {
    values.forEach((v, row) => {
      const length = Buffer.byteLength(v as string, 'utf8');
      if (length > (field.maxLength as number)) {
        throw errors.invalidParameter(
          `length of varchar field ${field.name} exceeds max length, row number: ${row}, length: ${length}, max length: ${field.maxLength}`,
        );
      }
    });
  }
  return values;
}

function autoIds(field: FieldDef, numRows: number, allocate: (count: number) => bigint): PrimaryKey[] {
  const first = allocate(numRows);
  return Array.from({ length: numRows }, (_, i) => (field.type === 'VarChar' ? String(first + BigInt(i)) : first + BigInt(i)));
}

function keepStored(
  field: FieldDef,
  rows: ReadonlyArray<number | undefined>,
  table: RowTable,
  numRows: number,
  scalars: Map<string, unknown[]>,
  appendVectors: Map<string, (column: VectorColumn) => void>,
): void {
  const missing = rows.findIndex((r) => r === undefined);
  if (missing >= 0 && field.defaultValue === undefined && !field.nullable) {
    throw errors.invalidParameter(`fieldSchema(${field.name}) has no corresponding fieldData pass in`);
  }
  if (isVectorType(field.type)) {
    const stored = table.vectors.get(field.name);
    appendVectors.set(field.name, (target) => {
      for (let i = 0; i < numRows; i++) {
        const row = rows[i];
        if (target instanceof DenseVectorColumn) {
          const source = stored as DenseVectorColumn;
          if (row === undefined || source.isNull(row)) target.appendNull();
          else {
            const { chunk, offset } = source.locate(row);
            target.appendElements(chunk, offset, 1);
          }
        } else {
          target.append(row === undefined ? null : ((stored as typeof target).rows[row] ?? null));
        }
      }
    });
    return;
  }
  const stored = table.scalars.get(field.name) ?? [];
  const fallback = field.defaultValue !== undefined ? field.defaultValue : null;
  scalars.set(field.name, Array.from({ length: numRows }, (_, i) => (rows[i] === undefined ? fallback : stored[rows[i] as number])));
}

function dynamicRows(schema: CollectionSchemaDef, column: ColumnInput | undefined, numRows: number): Record<string, unknown>[] {
  if (!column) return Array.from({ length: numRows }, () => ({}));
  const values = column.values ?? [];
  if (values.length !== numRows) {
    throw errors.invalidParameterValue(numRows, values.length, `the num_rows (${values.length}) of field (${DYNAMIC_FIELD}) is not equal to passed num_rows (${numRows})`);
  }
  const staticNames = new Set(schema.fields.map((f) => f.name));
  return values.map((value) => {
    if (value === null || value === undefined) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw errors.invalidParameter('dynamic field data must be a JSON object');
    }
    for (const key of Object.keys(value)) {
      if (staticNames.has(key)) throw errors.invalidParameter(`dynamic field name cannot include the static field name: ${key}`);
    }
    return value as Record<string, unknown>;
  });
}
