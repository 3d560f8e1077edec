/**
 * Embedding-list (MAX_SIM) indexes and searches on the FloatVector sub-field of an Array of Structs
 * (milvus.io/docs/basic-vector-search-with-structarray.md, index-structarray-fields.md). The target is
 * the path `struct[sub]`; the query is an embedding list (the SDK's `EmbListFloatVector` placeholder);
 * a row's score is Σ over the query's vectors q of the best sim(q, d) over the row's vectors d:
 * MAX_SIM / MAX_SIM_IP (inner product) and MAX_SIM_COSINE are larger-is-better, MAX_SIM_L2 (squared
 * L2, the smallest per query vector) smaller-is-better (segcore `PositivelyRelated`). Ties go by primary
 * key ascending; rows with no elements never match. Exact, as every index of the fake.
 *
 * Element-level search (Milvus 2.6 backport PR #49796, without `element_filter`): an index with a regular
 * metric (L2, IP, COSINE) on `struct[sub]` makes every element vector a search target; the query is a
 * plain vector; each row is returned once with its best element's score, and the hit carries that
 * element's offset in the array (`SearchResultData.element_indices`; the earliest element wins a tie),
 * as the 2.6 E2E ground truth computes it (test_milvus_client_struct_array_element_search.py).
 */
import type { Collection } from './collection.js';
import type { CompiledFilter } from '../expr/index.js';
import type { FieldDef, KeyValue } from '../schema/index.js';
import type { IndexSpec } from '../schema/index-params.js';
import { errors, MilvusError } from '../errors/status.js';
import { candidateRows } from './exact-search.js';
import { compareHits, type Hit } from './topk.js';

export const MAX_SIM_METRICS = ['MAX_SIM', 'MAX_SIM_COSINE', 'MAX_SIM_IP', 'MAX_SIM_L2'] as const;
const EMB_LIST_INDEX_TYPES = new Set(['HNSW', 'AUTOINDEX']);
/** Metrics of an element-level index, and the index types that take one (milvus#47622 lists them). */
export const ELEMENT_METRICS = ['L2', 'IP', 'COSINE'] as const;
const ELEMENT_INDEX_TYPES = new Set(['HNSW', 'IVF_FLAT', 'DISKANN', 'AUTOINDEX']);

export function isElementMetric(metric: string): boolean {
  return (ELEMENT_METRICS as readonly string[]).includes(metric);
}

/** One embedding list of a search request: its vectors, flattened (what the placeholder carries). */
export class EmbeddingListQuery {
  constructor(readonly floats: Float32Array) {}
}

export interface StructTarget {
  readonly struct: FieldDef;
  readonly sub: FieldDef;
}

/** `chunks[emb]` → the struct field and its sub-field; undefined when the name is no struct path. */
export function structTarget(fields: readonly FieldDef[], name: string): StructTarget | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)\[([A-Za-z_][A-Za-z0-9_]*)\]$/.exec(name.trim());
  if (!match) return undefined;
  const struct = fields.find((f) => f.name === match[1] && f.structFields);
  const sub = struct?.structFields?.find((f) => f.name === match[2]);
  return struct && sub ? { struct, sub } : undefined;
}

function param(pairs: readonly KeyValue[], key: string): string | undefined {
  return pairs.find((p) => p.key === key)?.value;
}

/** The index on `struct[sub]`: a MAX_SIM* metric on a vector sub-field (index-structarray-fields.md). */
export function resolveEmbListIndex(target: StructTarget, path: string, indexName: string, extra: readonly KeyValue[]): IndexSpec {
  if (target.sub.type !== 'FloatVector') {
    throw errors.invalidParameter(`index on the scalar sub-field ${path} is not supported by fakecontainers' fake Milvus`);
  }
  const metric = (param(extra, 'metric_type') ?? '').trim().toUpperCase();
  const indexType = (param(extra, 'index_type') ?? 'AUTOINDEX').trim().toUpperCase() || 'AUTOINDEX';
  if (isElementMetric(metric)) {
    if (!ELEMENT_INDEX_TYPES.has(indexType)) {
      throw errors.invalidParameter(`data type ArrayOfVector can't build with this index ${indexType}`);
    }
    return { fieldName: path, indexName, indexType, metricType: metric, userParams: extra };
  }
  if (!(MAX_SIM_METRICS as readonly string[]).includes(metric)) {
    throw errors.unsupported(`an index with metric ${metric || 'none'} on ${path}`);
  }
  if (!EMB_LIST_INDEX_TYPES.has(indexType)) {
    throw errors.invalidParameter(`index type ${indexType} does not support embedding lists (${path}), use HNSW`);
  }
  return { fieldName: path, indexName, indexType, metricType: metric, userParams: extra };
}

export function embListLarger(metric: string): boolean {
  return metric !== 'MAX_SIM_L2';
}

function dot(a: Float32Array, at: number, b: Float32Array, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += (a[at + i] as number) * (b[i] as number);
  return s;
}

function norm(a: Float32Array, at: number, dim: number): number {
  return Math.sqrt(dot(a, at, a.subarray(at, at + dim), dim));
}

function l2(a: Float32Array, at: number, b: Float32Array, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += ((a[at + i] as number) - (b[i] as number)) ** 2;
  return s;
}

/** MAX_SIM score of one row (float64 accumulation, reported as float32). */
export function maxSimScore(metric: string, query: Float32Array, dim: number, docs: readonly Float32Array[]): number {
  const larger = embListLarger(metric);
  let total = 0;
  for (let at = 0; at + dim <= query.length; at += dim) {
    let best = larger ? -Infinity : Infinity;
    const qn = metric === 'MAX_SIM_COSINE' ? norm(query, at, dim) : 1;
    for (const d of docs) {
      let s: number;
      if (metric === 'MAX_SIM_L2') s = l2(query, at, d, dim);
      else if (metric === 'MAX_SIM_COSINE') {
        const dn = norm(d, 0, dim);
        s = qn * dn === 0 ? 0 : dot(query, at, d, dim) / (qn * dn);
      } else s = dot(query, at, d, dim);
      best = larger ? Math.max(best, s) : Math.min(best, s);
    }
    total += best;
  }
  return Math.fround(total);
}

export interface EmbListPlan {
  readonly target: StructTarget;
  readonly metric: string;
  readonly queries: readonly EmbeddingListQuery[];
  readonly filter: CompiledFilter;
  readonly partitions: ReadonlySet<number>;
  readonly topk: number;
  readonly offset: number;
}

/** Checks the query lists of a search on `path` and returns them. */
export function embListQueries(target: StructTarget, path: string, vectors: readonly unknown[]): EmbeddingListQuery[] {
  const dim = target.sub.dim ?? 0;
  return vectors.map((v) => {
    if (!(v instanceof EmbeddingListQuery)) {
      throw errors.unsupported(`element-level search with a single vector on ${path}`);
    }
    if (v.floats.length === 0 || v.floats.length % dim !== 0) {
      throw new MilvusError(1100, `the dim of the embedding list (${v.floats.length} floats) is not a multiple of ${dim} for ${path}: invalid parameter`);
    }
    return v;
  });
}

/** A row's score, and the element that won it (element-level search). */
interface RowScore {
  readonly score: number;
  readonly offset: number;
}

/**
 * One query's page of hits over the plan's candidate rows: `scoreRow` scores a row (undefined: the row
 * cannot match), each primary key keeps its best copy, and the hits are ranked by (score, primary key).
 */
function rankRows(
  collection: Collection,
  rows: Int32Array,
  plan: Pick<EmbListPlan, 'topk' | 'offset'>,
  larger: boolean,
  scoreRow: (row: number) => RowScore | undefined,
): Array<{ hit: Hit; offset: number }> {
  const pks = collection.table.pks;
  const best = new Map<unknown, { hit: Hit; offset: number }>();
  for (const row of rows) {
    const scored = scoreRow(row);
    if (!scored) continue;
    const hit: Hit = { row, score: scored.score, pk: pks[row] as Hit['pk'] };
    const seen = best.get(hit.pk);
    if (!seen || compareHits(larger, hit, seen.hit) < 0) best.set(hit.pk, { hit, offset: scored.offset });
  }
  return [...best.values()].sort((a, b) => compareHits(larger, a.hit, b.hit)).slice(plan.offset, plan.offset + plan.topk);
}

type StructElements = ReadonlyArray<Readonly<Record<string, unknown>>>;

/** Exact MAX_SIM top-k per query list; each primary key once (its best copy). */
export function embListSearch(collection: Collection, plan: EmbListPlan): Hit[][] {
  const rows = candidateRows(collection, plan.filter, plan.partitions);
  const values = collection.table.scalars.get(plan.target.struct.name) ?? [];
  const subName = plan.target.sub.name;
  const dim = plan.target.sub.dim ?? 0;
  const larger = embListLarger(plan.metric);
  return plan.queries.map((query) =>
    rankRows(collection, rows, plan, larger, (row) => {
      const elements = (values[row] ?? []) as StructElements;
      if (elements.length === 0) return undefined;
      const docs = elements.map((e) => e[subName] as Float32Array);
      return { score: maxSimScore(plan.metric, query.floats, dim, docs), offset: 0 };
    }).map((r) => r.hit),
  );
}

/** Score of one element vector against a plain query vector (float64 accumulation of float32 elements). */
function elementScore(metric: string, query: Float32Array, doc: Float32Array, dim: number): number {
  if (metric === 'L2') return l2(doc, 0, query, dim);
  const ip = dot(doc, 0, query, dim);
  if (metric === 'IP') return ip;
  const n = norm(query, 0, dim) * norm(doc, 0, dim);
  return n === 0 ? 0 : ip / n;
}

export interface ElementHits {
  readonly hits: Hit[][];
  /** The winning element's offset of each hit, query by query. */
  readonly offsets: number[][];
}

/** Checks the plain query vectors of an element-level search on `path`. */
export function elementQueries(target: StructTarget, path: string, vectors: readonly unknown[]): Float32Array[] {
  const dim = target.sub.dim ?? 0;
  return vectors.map((v) => {
    if (v instanceof EmbeddingListQuery) {
      throw new MilvusError(1100, `an embedding list cannot search ${path}, whose index metric is a plain metric: invalid parameter`);
    }
    const floats = v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>);
    if (floats.length !== dim) {
      throw errors.invalidParameter(`the dim (${floats.length}) of field data(search vector) is not equal to schema dim (${dim})`);
    }
    return floats;
  });
}

/** Exact element-level top-k: each row once, scored by its best element (the earliest on a tie); ties by primary key. */
export function elementSearch(collection: Collection, plan: Omit<EmbListPlan, 'queries'> & { readonly queries: readonly Float32Array[] }): ElementHits {
  const rows = candidateRows(collection, plan.filter, plan.partitions);
  const values = collection.table.scalars.get(plan.target.struct.name) ?? [];
  const subName = plan.target.sub.name;
  const dim = plan.target.sub.dim ?? 0;
  const larger = plan.metric !== 'L2';
  const hits: Hit[][] = [];
  const offsets: number[][] = [];
  for (const query of plan.queries) {
    const ranked = rankRows(collection, rows, plan, larger, (row) => {
      let top: RowScore | undefined;
      ((values[row] ?? []) as StructElements).forEach((element, offset) => {
        const doc = element[subName] as Float32Array | undefined;
        if (!doc) return;
        const score = Math.fround(elementScore(plan.metric, query, doc, dim));
        if (!top || (larger ? score > top.score : score < top.score)) top = { score, offset };
      });
      return top;
    });
    hits.push(ranked.map((r) => r.hit));
    offsets.push(ranked.map((r) => r.offset));
  }
  return { hits, offsets };
}
