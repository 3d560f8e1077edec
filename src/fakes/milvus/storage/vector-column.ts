/**
 * Columnar vector storage. Dense vectors of one field live in fixed-size chunks of a typed array
 * (4096 rows each), so appends never copy what is stored, memory stays within one chunk of the raw
 * size, and a scan reads contiguous memory with no allocation per row. Sparse rows are kept as pairs
 * of typed arrays sorted by index.
 */
import type { VectorTypeName } from '../schema/data-types.js';

export const CHUNK_ROWS = 4096;
export const CHUNK_SHIFT = 12;
export const CHUNK_MASK = CHUNK_ROWS - 1;

export interface SparseRow {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/** Element storage per vector type: floats, raw half-precision bits, packed bits or signed bytes. */
export type DenseChunk = Float32Array | Uint16Array | Uint8Array | Int8Array;

/** Number of typed-array elements one row occupies. */
export function elementsPerRow(type: VectorTypeName, dim: number): number {
  return type === 'BinaryVector' ? dim / 8 : dim;
}

function allocate(type: VectorTypeName, length: number): DenseChunk {
  switch (type) {
    case 'FloatVector':
      return new Float32Array(length);
    case 'Float16Vector':
    case 'BFloat16Vector':
      return new Uint16Array(length);
    case 'BinaryVector':
      return new Uint8Array(length);
    case 'Int8Vector':
      return new Int8Array(length);
    default:
      throw new TypeError(`not a dense vector type: ${type}`);
  }
}

export class DenseVectorColumn {
  readonly type: VectorTypeName;
  readonly dim: number;
  /** Typed-array elements per row. */
  readonly stride: number;
  readonly chunks: DenseChunk[] = [];
  /** Null marks for nullable vector fields (1 = null); empty when the field is not nullable. */
  readonly nulls: number[] = [];
  length = 0;

  constructor(type: VectorTypeName, dim: number) {
    this.type = type;
    this.dim = dim;
    this.stride = elementsPerRow(type, dim);
  }

  /** Appends `rows` rows whose elements are `source[start .. start + rows*stride)`. */
  appendElements(source: ArrayLike<number>, start: number, rows: number): void {
    let offset = start;
    let remaining = rows;
    // Rows that land in the same chunk are contiguous there: copy them as one block.
    while (remaining > 0) {
      const row = this.length;
      const chunk = this.#chunkFor(row);
      const count = Math.min(remaining, CHUNK_ROWS - (row & CHUNK_MASK));
      const base = (row & CHUNK_MASK) * this.stride;
      const elements = count * this.stride;
      if (ArrayBuffer.isView(source)) chunk.set((source as unknown as Float32Array).subarray(offset, offset + elements), base);
      else for (let i = 0; i < elements; i++) chunk[base + i] = source[offset + i] as number;
      for (let r = 0; r < count; r++) this.nulls.push(0);
      this.length += count;
      offset += elements;
      remaining -= count;
    }
  }

  /** Appends one null row (zeros in storage, skipped by searches). */
  appendNull(): void {
    this.#chunkFor(this.length);
    this.nulls.push(1);
    this.length++;
  }

  isNull(row: number): boolean {
    return this.nulls[row] === 1;
  }

  /** The chunk array holding `row` and the element offset of the row inside it. */
  locate(row: number): { chunk: DenseChunk; offset: number } {
    return { chunk: this.chunks[row >>> CHUNK_SHIFT] as DenseChunk, offset: (row & CHUNK_MASK) * this.stride };
  }

  /** A copy of one row's elements. */
  rowElements(row: number): DenseChunk {
    const { chunk, offset } = this.locate(row);
    return chunk.slice(offset, offset + this.stride);
  }

  /** Copies live rows into a fresh column (compaction); `keep[i]` lists old row indices in order. */
  compactInto(keep: ArrayLike<number>): DenseVectorColumn {
    const next = new DenseVectorColumn(this.type, this.dim);
    for (let i = 0; i < keep.length; i++) {
      const row = keep[i] as number;
      if (this.isNull(row)) next.appendNull();
      else {
        const { chunk, offset } = this.locate(row);
        next.appendElements(chunk, offset, 1);
      }
    }
    return next;
  }

  #chunkFor(row: number): DenseChunk {
    const index = row >>> CHUNK_SHIFT;
    let chunk = this.chunks[index];
    if (!chunk) {
      chunk = allocate(this.type, CHUNK_ROWS * this.stride);
      this.chunks[index] = chunk;
    }
    return chunk;
  }
}

export class SparseVectorColumn {
  readonly type = 'SparseFloatVector' as const;
  readonly rows: Array<SparseRow | null> = [];

  get length(): number {
    return this.rows.length;
  }

  append(row: SparseRow | null): void {
    this.rows.push(row);
  }

  isNull(row: number): boolean {
    return this.rows[row] === null;
  }

  compactInto(keep: ArrayLike<number>): SparseVectorColumn {
    const next = new SparseVectorColumn();
    for (let i = 0; i < keep.length; i++) next.append(this.rows[keep[i] as number] ?? null);
    return next;
  }
}

export type VectorColumn = DenseVectorColumn | SparseVectorColumn;

export function createVectorColumn(type: VectorTypeName, dim: number): VectorColumn {
  return type === 'SparseFloatVector' ? new SparseVectorColumn() : new DenseVectorColumn(type, dim);
}

/**
 * Checks one sparse row the way Milvus' `ValidateSparseFloatRows` does: non-empty, indices strictly
 * increasing and below 2^32-1, finite values. Returns the error text, or undefined when valid.
 */
export function sparseRowProblem(row: SparseRow): string | undefined {
  if (row.indices.length === 0) return 'empty sparse float vector row';
  for (let i = 0; i < row.indices.length; i++) {
    const index = row.indices[i] as number;
    if (index === 0xffffffff) return 'invalid index in sparse float vector: must be less than 2^32-1';
    if (i > 0 && index <= (row.indices[i - 1] as number)) return 'unsorted or same indices in sparse float vector';
    if (!Number.isFinite(row.values[i] as number)) return 'float32 value must not be NaN or Inf in sparse float vector';
  }
  return undefined;
}
