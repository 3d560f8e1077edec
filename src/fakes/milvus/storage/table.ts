/**
 * The rows of one collection, column by column. Rows are appended in write order and never move
 * until compaction; a row is visible while `alive[row]` is 1.
 *
 * Primary keys are not unique, as in Milvus: an insert never deduplicates, so one key may have several
 * visible copies (in one batch or across batches, even across partitions). Readers decide what to do
 * with copies (query/get keep the newest, search the best-scoring, `count(*)` counts them all); a
 * delete removes every copy. `pkIndex` maps a key to its *winning* copy, the one a query returns:
 * the copy written by the newest write (largest timestamp), and among copies of one write the first
 * (QueryNode `MergeSegcoreRetrieveResults` / proxy `reduceRetrieveResults` keep the first copy they
 * meet unless a later one has a larger timestamp). Keys with more than one copy are also listed in
 * `copies`, so the common case (unique keys) costs one Map entry per key.
 *
 * Row statistics (`GetCollectionStatistics`) count what a segment holds: deleted and shadowed rows
 * count until a compaction, as datacoord sums segment row counts (milvus#50193).
 *
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
  /** The write (batch) sequence number of each row: copies from a later write win. */
  #write = new Uint32Array(1024);
  #writes = 0;
  /** Clock time (ms) of each write, by write sequence number: collection TTL ages rows from it. */
  #writeTimes: number[] = [0];
  /** Deleted or shadowed rows per partition index that statistics still count (until `compactStats`). */
  #deadCounted: number[] = [];
  size = 0;
  liveCount = 0;
  pks: PrimaryKey[] = [];
  /** Key -> its winning visible copy. */
  readonly pkIndex = new Map<PrimaryKey, number>();
  /** Keys with two or more visible copies -> every visible copy, in row order. */
  readonly copies = new Map<PrimaryKey, number[]>();
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

  /** Appends a batch written at `timeMs`; keys already present keep their copies. Returns the new row indices. */
  append(batch: RowBatch, timeMs = 0): number[] {
    const start = this.size;
    this.#grow(start + batch.numRows);
    const write = ++this.#writes;
    this.#writeTimes[write] = timeMs;
    for (let i = 0; i < batch.numRows; i++) {
      const pk = batch.pks[i] as PrimaryKey;
      const row = start + i;
      this.pks.push(pk);
      this.#alive[row] = 1;
      this.#write[row] = write;
      this.#partition[row] = batch.partitions[i] as number;
      const previous = this.pkIndex.get(pk);
      if (previous === undefined) {
        this.pkIndex.set(pk, row);
        continue;
      }
      const list = this.copies.get(pk);
      if (list) list.push(row);
      else this.copies.set(pk, [previous, row]);
      // A copy from an earlier write loses to this one; within one write the first copy stays.
      if (this.#write[previous] !== write) this.pkIndex.set(pk, row);
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

  /** Every visible copy of `pk`, in row order (empty when none). */
  rowsOf(pk: PrimaryKey): readonly number[] {
    const list = this.copies.get(pk);
    if (list) return list;
    const row = this.pkIndex.get(pk);
    return row === undefined ? [] : [row];
  }

  /** When the row's write happened (ms on the fake's clock). */
  writeTimeOf(row: number): number {
    return this.#writeTimes[this.#write[row] as number] ?? 0;
  }

  /** Whether any key has more than one visible copy (readers skip deduplication when not). */
  get hasCopies(): boolean {
    return this.copies.size > 0;
  }

  /** Of two copies of one key, whether `a` wins over `b` (newer write; within a write, the earlier row). */
  winsOver(a: number, b: number): boolean {
    const wa = this.#write[a] as number;
    const wb = this.#write[b] as number;
    return wa !== wb ? wa > wb : a < b;
  }

  /**
   * Deletes the visible copies of `pk` (only those in `partitions` when given); returns how many.
   * A delete carries one timestamp and applies to every older copy, whatever write made it.
   */
  deleteKey(pk: PrimaryKey, partitions?: ReadonlySet<number>): number {
    const rows = this.rowsOf(pk);
    if (rows.length === 0) return 0;
    const doomed = partitions ? rows.filter((row) => partitions.has(this.#partition[row] as number)) : [...rows];
    for (const row of doomed) this.#kill(row, true);
    this.#reindex(pk, rows.filter((row) => this.#alive[row] === 1));
    return doomed.length;
  }

  /** Removes the rows of a dropped partition (they leave the statistics with it); later partitions shift down. */
  dropPartition(index: number): void {
    const touched = new Set<PrimaryKey>();
    for (let row = 0; row < this.size; row++) {
      const p = this.#partition[row] as number;
      if (p === index && this.#alive[row] === 1) {
        this.#kill(row, false);
        touched.add(this.pks[row] as PrimaryKey);
      }
      if (p > index) this.#partition[row] = p - 1;
    }
    for (const pk of touched) this.#reindex(pk, this.rowsOf(pk).filter((row) => this.#alive[row] === 1));
    this.#deadCounted.splice(index, 1);
  }

  #reindex(pk: PrimaryKey, remaining: readonly number[]): void {
    if (remaining.length === 0) {
      this.pkIndex.delete(pk);
      this.copies.delete(pk);
      return;
    }
    let winner = remaining[0] as number;
    for (const row of remaining) if (this.winsOver(row, winner)) winner = row;
    this.pkIndex.set(pk, winner);
    if (remaining.length > 1) this.copies.set(pk, [...remaining]);
    else this.copies.delete(pk);
  }

  #kill(row: number, counted: boolean): void {
    if (this.#alive[row] === 1) {
      this.#alive[row] = 0;
      this.liveCount--;
      if (counted) {
        const p = this.#partition[row] as number;
        this.#deadCounted[p] = (this.#deadCounted[p] ?? 0) + 1;
      }
    }
  }

  /** Rows statistics report per partition index: visible rows plus deleted ones not yet compacted. */
  statRowCounts(partitions: number): number[] {
    const counts = Array.from({ length: partitions }, (_, p) => this.#deadCounted[p] ?? 0);
    for (let row = 0; row < this.size; row++) {
      if (this.#alive[row] === 1) counts[this.#partition[row] as number] = (counts[this.#partition[row] as number] ?? 0) + 1;
    }
    return counts;
  }

  /** A compaction: deleted rows stop counting in statistics. */
  compactStats(): void {
    this.#deadCounted = [];
  }

  /** Drops every row (TruncateCollection). */
  clear(): void {
    const schema = this.#schema;
    this.#alive = new Uint8Array(1024);
    this.#partition = new Int32Array(1024);
    this.#write = new Uint32Array(1024);
    this.#deadCounted = [];
    this.size = 0;
    this.liveCount = 0;
    this.pks = [];
    this.pkIndex.clear();
    this.copies.clear();
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
    const write = new Uint32Array(alive.length);
    const pks: PrimaryKey[] = [];
    const newRow = new Map<number, number>();
    keep.forEach((old, row) => {
      alive[row] = 1;
      partition[row] = this.#partition[old] as number;
      write[row] = this.#write[old] as number;
      pks.push(this.pks[old] as PrimaryKey);
      newRow.set(old, row);
    });
    // Row order is kept, so winners and copy lists only need their indices renumbered.
    for (const [pk, row] of this.pkIndex) this.pkIndex.set(pk, newRow.get(row) as number);
    for (const [pk, rows] of this.copies) this.copies.set(pk, rows.map((row) => newRow.get(row) as number));
    for (const [name, values] of this.scalars) this.scalars.set(name, keep.map((old) => values[old]));
    if (this.#schema.enableDynamicField) this.dynamic = keep.map((old) => this.dynamic[old] ?? {});
    for (const [name, column] of this.vectors) this.vectors.set(name, column.compactInto(keep));
    this.#alive = alive;
    this.#partition = partition;
    this.#write = write;
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
    const write = new Uint32Array(capacity);
    write.set(this.#write);
    this.#alive = alive;
    this.#partition = partition;
    this.#write = write;
  }
}

function appendNullVector(column: VectorColumn): void {
  if (column instanceof DenseVectorColumn) column.appendNull();
  else column.append(null);
}
