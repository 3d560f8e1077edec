/**
 * The rows of one collection, column by column. Rows are appended in write order and never move
 * until compaction; a row is visible while `alive[row]` is 1. The primary-key index maps a key to its
 * one visible row, so an insert or upsert of an existing key replaces it (see README deviations).
 * Everything here is synchronous: one request's write is applied as a whole before the next request
 * runs, so concurrent writers never interleave inside a batch and never lose rows.
 */
import { isVectorType } from '../schema/data-types.js';
import type { CollectionSchemaDef, FieldDef } from '../schema/index.js';
import { createVectorColumn, DenseVectorColumn, type VectorColumn } from './vector-column.js';

export type PrimaryKey = bigint | string;

/** One validated row set, column by column, ready to append (built by insert-batch.ts). */
export interface RowBatch {
  readonly numRows: number;
  readonly pks: readonly PrimaryKey[];
  /** Row-dense scalar values per field name (null = null). */
  readonly scalars: ReadonlyMap<string, readonly unknown[]>;
  /** `$meta` objects per row when the collection has a dynamic field. */
  readonly dynamic?: readonly Record<string, unknown>[];
  /** Appends this batch's vectors for one field to a column. */
  readonly appendVectors: ReadonlyMap<string, (column: VectorColumn) => void>;
  /** Partition index per row. */
  readonly partitions: readonly number[];
}

export class RowTable {
  #schema: CollectionSchemaDef;
  #alive = new Uint8Array(1024);
  #partition = new Int32Array(1024);
  size = 0;
  liveCount = 0;
  pks: PrimaryKey[] = [];
  readonly pkIndex = new Map<PrimaryKey, number>();
  scalars = new Map<string, unknown[]>();
  dynamic: Array<Record<string, unknown>> = [];
  vectors = new Map<string, VectorColumn>();

  constructor(schema: CollectionSchemaDef) {
    this.#schema = schema;
    for (const field of schema.fields) this.#addColumn(field);
  }

  get schema(): CollectionSchemaDef {
    return this.#schema;
  }

  get alive(): Uint8Array {
    return this.#alive;
  }

  get partitionOf(): Int32Array {
    return this.#partition;
  }

  #addColumn(field: FieldDef): void {
    if (field.isPrimaryKey) return;
    if (isVectorType(field.type)) this.vectors.set(field.name, createVectorColumn(field.type, field.dim ?? 0));
    else this.scalars.set(field.name, []);
  }

  /** Schema change (AddCollectionField): existing rows read the default or null. */
  addField(schema: CollectionSchemaDef, field: FieldDef): void {
    this.#schema = schema;
    if (isVectorType(field.type)) {
      const column = createVectorColumn(field.type, field.dim ?? 0);
      for (let i = 0; i < this.size; i++) {
        if (column instanceof DenseVectorColumn) column.appendNull();
        else column.append(null);
      }
      this.vectors.set(field.name, column);
    } else {
      const fill = field.defaultValue !== undefined ? field.defaultValue : null;
      this.scalars.set(field.name, new Array<unknown>(this.size).fill(fill));
    }
  }

  /** A schema change that keeps every column (field limits, type params). */
  replaceSchema(schema: CollectionSchemaDef): void {
    this.#schema = schema;
  }

  /** Turns the dynamic field on (AlterCollection `dynamicfield.enabled`): existing rows get `{}`. */
  enableDynamic(schema: CollectionSchemaDef): void {
    this.#schema = schema;
    this.dynamic = Array.from({ length: this.size }, () => ({}));
  }

  /** Appends a batch; rows whose key is already visible replace the old row. Returns the new row indices. */
  append(batch: RowBatch): number[] {
    const start = this.size;
    this.#grow(start + batch.numRows);
    for (let i = 0; i < batch.numRows; i++) {
      const pk = batch.pks[i] as PrimaryKey;
      const previous = this.pkIndex.get(pk);
      if (previous !== undefined) this.#kill(previous);
      const row = start + i;
      this.pks.push(pk);
      this.pkIndex.set(pk, row);
      this.#alive[row] = 1;
      this.#partition[row] = batch.partitions[i] as number;
    }
    for (const [name, values] of this.scalars) {
      const incoming = batch.scalars.get(name);
      for (let i = 0; i < batch.numRows; i++) values.push(incoming ? incoming[i] : null);
    }
    if (this.#schema.enableDynamicField) {
      for (let i = 0; i < batch.numRows; i++) this.dynamic.push(batch.dynamic?.[i] ?? {});
    }
    for (const [name, column] of this.vectors) {
      const append = batch.appendVectors.get(name);
      if (append) append(column);
      else for (let i = 0; i < batch.numRows; i++) appendNullVector(column);
    }
    this.size += batch.numRows;
    this.liveCount += batch.numRows;
    return Array.from({ length: batch.numRows }, (_, i) => start + i);
  }

  /** Deletes the visible row of `pk`; returns whether one existed. */
  deleteKey(pk: PrimaryKey): boolean {
    const row = this.pkIndex.get(pk);
    if (row === undefined) return false;
    this.#kill(row);
    this.pkIndex.delete(pk);
    return true;
  }

  #kill(row: number): void {
    if (this.#alive[row] === 1) {
      this.#alive[row] = 0;
      this.liveCount--;
    }
  }

  /** Drops every row (TruncateCollection). */
  clear(): void {
    const schema = this.#schema;
    this.#alive = new Uint8Array(1024);
    this.#partition = new Int32Array(1024);
    this.size = 0;
    this.liveCount = 0;
    this.pks = [];
    this.pkIndex.clear();
    this.scalars = new Map();
    this.dynamic = [];
    this.vectors = new Map();
    for (const field of schema.fields) this.#addColumn(field);
  }

  /** Reclaims dead rows once they outnumber live ones; row order (write order) is preserved. */
  maybeCompact(): void {
    const dead = this.size - this.liveCount;
    if (dead < 4096 || dead < this.liveCount) return;
    const keep: number[] = [];
    for (let row = 0; row < this.size; row++) if (this.#alive[row] === 1) keep.push(row);
    const alive = new Uint8Array(Math.max(1024, keep.length));
    const partition = new Int32Array(alive.length);
    const pks: PrimaryKey[] = [];
    this.pkIndex.clear();
    keep.forEach((old, row) => {
      alive[row] = 1;
      partition[row] = this.#partition[old] as number;
      const pk = this.pks[old] as PrimaryKey;
      pks.push(pk);
      this.pkIndex.set(pk, row);
    });
    for (const [name, values] of this.scalars) this.scalars.set(name, keep.map((old) => values[old]));
    if (this.#schema.enableDynamicField) this.dynamic = keep.map((old) => this.dynamic[old] ?? {});
    for (const [name, column] of this.vectors) this.vectors.set(name, column.compactInto(keep));
    this.#alive = alive;
    this.#partition = partition;
    this.pks = pks;
    this.size = keep.length;
  }

  #grow(rows: number): void {
    if (rows <= this.#alive.length) return;
    let capacity = this.#alive.length;
    while (capacity < rows) capacity *= 2;
    const alive = new Uint8Array(capacity);
    alive.set(this.#alive);
    const partition = new Int32Array(capacity);
    partition.set(this.#partition);
    this.#alive = alive;
    this.#partition = partition;
  }
}

function appendNullVector(column: VectorColumn): void {
  if (column instanceof DenseVectorColumn) column.appendNull();
  else column.append(null);
}
