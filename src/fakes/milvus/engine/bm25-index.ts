/**
 * An inverted index over one BM25 output column (token hash → rows and term counts), kept beside the
 * column and extended as rows are appended (columns only grow; compaction makes a new column, and so a
 * new index). Deleted rows stay in the postings and are skipped at search time, so statistics are the
 * live rows' ones. This is what makes a text search cost the postings of its terms, not a scan.
 */
import type { RowTable } from '../storage/table.js';
import type { SparseVectorColumn } from '../storage/vector-column.js';

export interface Posting {
  rows: Int32Array;
  tfs: Float32Array;
  length: number;
}

export interface Bm25Index {
  readonly postings: Map<number, Posting>;
  /** Sum of the term counts of each row (the document length BM25 normalises by). */
  docLen: Float32Array;
  indexedRows: number;
  /** Live-row statistics, valid while `statsKey` matches the table. */
  statsKey: string;
  liveRows: number;
  liveTokens: number;
}

const indexes = new WeakMap<SparseVectorColumn, Bm25Index>();

function grow<T extends Int32Array | Float32Array>(array: T, need: number, make: (n: number) => T): T {
  if (array.length >= need) return array;
  const next = make(Math.max(need, array.length * 2, 4));
  next.set(array);
  return next;
}

/** The column's index, brought up to date with the rows appended since the last call. */
export function bm25IndexOf(column: SparseVectorColumn): Bm25Index {
  let index = indexes.get(column);
  if (!index) {
    index = { postings: new Map(), docLen: new Float32Array(0), indexedRows: 0, statsKey: '', liveRows: 0, liveTokens: 0 };
    indexes.set(column, index);
  }
  const total = column.rows.length;
  if (index.indexedRows === total) return index;
  index.docLen = grow(index.docLen, total, (n) => new Float32Array(n));
  for (let row = index.indexedRows; row < total; row++) {
    const sparse = column.rows[row];
    if (!sparse) continue;
    let len = 0;
    for (let i = 0; i < sparse.indices.length; i++) {
      const term = sparse.indices[i] as number;
      const tf = sparse.values[i] as number;
      len += tf;
      let posting = index.postings.get(term);
      if (!posting) {
        posting = { rows: new Int32Array(4), tfs: new Float32Array(4), length: 0 };
        index.postings.set(term, posting);
      }
      if (posting.length === posting.rows.length) {
        posting.rows = grow(posting.rows, posting.length + 1, (n) => new Int32Array(n));
        posting.tfs = grow(posting.tfs, posting.length + 1, (n) => new Float32Array(n));
      }
      posting.rows[posting.length] = row;
      posting.tfs[posting.length] = tf;
      posting.length++;
    }
    index.docLen[row] = len;
  }
  index.indexedRows = total;
  return index;
}

/** Live rows (with a vector) and their total token count, recomputed only after a write or delete. */
export function liveStats(index: Bm25Index, column: SparseVectorColumn, table: RowTable): { rows: number; tokens: number } {
  const key = `${column.rows.length}:${table.liveCount}`;
  if (index.statsKey !== key) {
    const alive = table.alive;
    let rows = 0;
    let tokens = 0;
    for (let row = 0; row < column.rows.length; row++) {
      if (alive[row] !== 1 || column.rows[row] === null) continue;
      rows++;
      tokens += index.docLen[row] as number;
    }
    index.statsKey = key;
    index.liveRows = rows;
    index.liveTokens = tokens;
  }
  return { rows: index.liveRows, tokens: index.liveTokens };
}
