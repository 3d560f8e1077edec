/**
 * Index catalog and parameter checks, following the proxy's createIndexTask (default index type and
 * metric, `indexparamcheck` metric lists) and knowhere's parameter ranges ("param 'M' (3000) should be
 * in range [2, 2048]"). Every index is exact here: the index type only decides which metric applies.
 */
import { isVectorType, type DataTypeName } from './data-types.js';
import type { FieldDef, KeyValue } from './types.js';
import { errors } from '../errors/status.js';

const FLOATS: readonly DataTypeName[] = ['FloatVector', 'Float16Vector', 'BFloat16Vector'];
const FLOATS_INT8: readonly DataTypeName[] = [...FLOATS, 'Int8Vector'];

/** CPU vector indexes of a standalone Milvus 2.6 and the vector types each accepts. */
const VECTOR_INDEXES: Readonly<Record<string, readonly DataTypeName[]>> = {
  FLAT: FLOATS,
  IVF_FLAT: FLOATS,
  IVF_SQ8: FLOATS,
  IVF_PQ: FLOATS,
  IVF_RABITQ: FLOATS,
  SCANN: FLOATS,
  DISKANN: FLOATS,
  HNSW: FLOATS_INT8,
  HNSW_SQ: FLOATS_INT8,
  HNSW_PQ: FLOATS_INT8,
  HNSW_PRQ: FLOATS_INT8,
  BIN_FLAT: ['BinaryVector'],
  BIN_IVF_FLAT: ['BinaryVector'],
  MINHASH_LSH: ['BinaryVector'],
  SPARSE_INVERTED_INDEX: ['SparseFloatVector'],
  SPARSE_WAND: ['SparseFloatVector'],
};

const SCALAR_INDEXES: Readonly<Record<string, (f: FieldDef) => boolean>> = {
  // Geometry takes only RTREE (or AUTOINDEX): indexparamcheck's INVERTED checker refuses it.
  INVERTED: (f) => f.type !== 'Geometry',
  STL_SORT: (f) => ['Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double', 'VarChar', 'Timestamptz'].includes(f.type),
  Trie: (f) => f.type === 'VarChar',
  TRIE: (f) => f.type === 'VarChar',
  BITMAP: (f) => ['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'VarChar', 'Array'].includes(f.type),
  NGRAM: (f) => f.type === 'VarChar' || f.type === 'JSON',
  RTREE: (f) => f.type === 'Geometry',
};

export const FLOAT_METRICS = ['L2', 'IP', 'COSINE'] as const;
export const BINARY_METRICS = ['HAMMING', 'JACCARD', 'SUBSTRUCTURE', 'SUPERSTRUCTURE', 'MHJACCARD'] as const;
export const SPARSE_METRICS = ['IP', 'BM25'] as const;

/** The metrics this fake can compute exactly. */
export const SEARCHABLE_METRICS = new Set(['L2', 'IP', 'COSINE', 'HAMMING', 'JACCARD', 'BM25']);

export interface IndexSpec {
  readonly fieldName: string;
  readonly indexName: string;
  readonly indexType: string;
  readonly metricType?: string;
  /** The params as DescribeIndex echoes them (index_type, metric_type, params JSON, other keys). */
  readonly userParams: readonly KeyValue[];
}

function metricList(type: DataTypeName): readonly string[] {
  if (type === 'BinaryVector') return BINARY_METRICS;
  if (type === 'SparseFloatVector') return SPARSE_METRICS;
  return FLOAT_METRICS;
}

function defaultMetric(type: DataTypeName): string {
  if (type === 'BinaryVector') return 'HAMMING';
  if (type === 'SparseFloatVector') return 'IP';
  return 'COSINE';
}

function parseParamsJson(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw errors.invalidParameter(`index params should be json format: ${text}`);
}

function intParam(params: Record<string, unknown>, key: string, lo: number, hi: number): void {
  if (!(key in params)) return;
  const raw = params[key];
  const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw errors.invalidParameter(`Type conflict in json: param '${key}' (${JSON.stringify(raw)}) should be integer`);
  }
  if (n < lo || n > hi) throw errors.invalidParameter(`param '${key}' (${n}) should be in range [${lo}, ${hi}]`);
}

function floatParam(params: Record<string, unknown>, key: string, lo: number, hi: number, hiOpen = false): void {
  if (!(key in params)) return;
  const raw = params[key];
  const n = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof n !== 'number' || Number.isNaN(n)) {
    throw errors.invalidParameter(`Type conflict in json: param '${key}' (${JSON.stringify(raw)}) should be a number`);
  }
  if (n < lo || (hiOpen ? n >= hi : n > hi)) {
    throw errors.invalidParameter(`param '${key}' (${n}) should be in range [${lo}, ${hi}${hiOpen ? ')' : ']'}`);
  }
}

function enumParam(params: Record<string, unknown>, key: string, allowed: readonly string[]): void {
  if (!(key in params)) return;
  const value = String(params[key]);
  if (!allowed.includes(value)) {
    throw errors.invalidParameter(`param '${key}' (${value}) should be one of ${allowed.join(', ')}`);
  }
}

/** knowhere's build-parameter ranges for the index types that have them. */
function checkBuildParams(indexType: string, field: FieldDef, params: Record<string, unknown>): void {
  const max32 = 2147483647;
  if (indexType.startsWith('IVF') || indexType === 'SCANN' || indexType === 'BIN_IVF_FLAT') intParam(params, 'nlist', 1, 65536);
  if (indexType.startsWith('HNSW')) {
    intParam(params, 'M', 2, 2048);
    intParam(params, 'efConstruction', 1, max32);
  }
  if (indexType === 'HNSW_SQ') enumParam(params, 'sq_type', ['SQ6', 'SQ8', 'BF16', 'FP16', 'SQ4U', 'UINT8', 'INT8']);
  if (indexType === 'IVF_PQ' || indexType === 'HNSW_PQ' || indexType === 'HNSW_PRQ') {
    intParam(params, 'm', 1, 65536);
    intParam(params, 'nbits', 1, 24);
    const m = params.m === undefined ? undefined : Number(params.m);
    if (m !== undefined && field.dim !== undefined && field.dim % m !== 0) {
      throw errors.invalidParameter(
        `The dimension of a vector (dim) should be a multiple of the number of subquantizers (m). Dimension: ${field.dim}, m: ${m}`,
      );
    }
  }
  if (indexType === 'HNSW_PRQ') intParam(params, 'nrq', 1, 16);
  if (indexType.startsWith('SPARSE')) {
    floatParam(params, 'drop_ratio_build', 0, 1, true);
    enumParam(params, 'inverted_index_algo', ['TAAT_NAIVE', 'DAAT_WAND', 'DAAT_MAXSCORE']);
  }
  if (indexType.startsWith('SPARSE') || (indexType === 'AUTOINDEX' && field.type === 'SparseFloatVector')) {
    // knowhere sparse_inverted_index_config.h: bm25_k1 in [0, 3], bm25_b in [0, 1].
    floatParam(params, 'bm25_k1', 0, 3, false);
    floatParam(params, 'bm25_b', 0, 1, false);
  }
  if (indexType === 'DISKANN') {
    intParam(params, 'max_degree', 1, 512);
    intParam(params, 'search_list_size', 1, max32);
  }
}

/**
 * Resolves and checks the params of a CreateIndex request for one field.
 *
 * @example
 * const spec = resolveIndex(vectorField, 'vector', [{ key: 'metric_type', value: 'L2' }]);
 * // spec.indexType === 'AUTOINDEX', spec.metricType === 'L2'
 */
export function resolveIndex(field: FieldDef, indexName: string, extraParams: readonly KeyValue[]): IndexSpec {
  const raw = new Map(extraParams.map((kv) => [kv.key, kv.value] as const));
  const nested = raw.has('params') ? parseParamsJson(raw.get('params') as string) : {};
  const merged: Record<string, unknown> = { ...nested };
  for (const [key, value] of raw) if (key !== 'params') merged[key] = value;
  const vector = isVectorType(field.type);
  let indexType = String(merged.index_type ?? '').trim();
  if (indexType === '') indexType = 'AUTOINDEX';
  const userParams: KeyValue[] = [];
  if (!vector) {
    if (indexType !== 'AUTOINDEX') {
      const fits = SCALAR_INDEXES[indexType];
      if (!fits) throw errors.invalidParameter(`invalid index type: ${indexType}`);
      // pkg/util/indexparamcheck/rtree_checker.go words its refusal itself.
      if (indexType === 'RTREE' && !fits(field)) throw errors.invalidParameter('RTREE index can only be built on geometry field');
      if (!fits(field)) throw errors.invalidParameter(`${indexType} are not supported on ${field.type} field`);
    }
    if ('metric_type' in merged && merged.metric_type !== '') {
      throw errors.invalidParameter(`metric type should not be set for scalar index, index type: ${indexType}`);
    }
    userParams.push({ key: 'index_type', value: indexType });
    for (const [key, value] of raw) if (key !== 'index_type') userParams.push({ key, value });
    return { fieldName: field.name, indexName, indexType, userParams };
  }
  if (indexType.startsWith('GPU_')) throw errors.invalidParameter(`indexType ${indexType} is not supported`);
  if (indexType !== 'AUTOINDEX') {
    const types = VECTOR_INDEXES[indexType];
    if (!types) throw errors.invalidParameter(`indexType ${indexType} is not supported`);
    if (!types.includes(field.type)) throw errors.invalidParameter(`index ${indexType} do not support data type: ${field.type}`);
  }
  const metric = String(merged.metric_type ?? '').trim().toUpperCase() || defaultMetric(field.type);
  if (!metricList(field.type).includes(metric)) {
    const list = `[${metricList(field.type).join(' ')}]`;
    throw errors.invalidParameter(
      field.type === 'SparseFloatVector'
        ? `metric type not found or not supported, supported: ${list}`
        : `metric type ${String(merged.metric_type)} not found or not supported, supported: ${list}`,
    );
  }
  if (metric === 'BM25' && !field.isFunctionOutput) {
    throw errors.invalidParameter('only BM25 Function output field support BM25 metric type');
  }
  checkBuildParams(indexType, field, merged);
  userParams.push({ key: 'index_type', value: indexType }, { key: 'metric_type', value: metric });
  for (const [key, value] of raw) if (key !== 'index_type' && key !== 'metric_type') userParams.push({ key, value });
  return { fieldName: field.name, indexName, indexType, metricType: metric, userParams };
}

/** Whether two index specs are the same index (CreateIndex is idempotent for identical params). */
export function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  const norm = (s: IndexSpec) => JSON.stringify([...s.userParams].sort((x, y) => x.key.localeCompare(y.key)));
  return a.fieldName === b.fieldName && a.indexName === b.indexName && norm(a) === norm(b);
}
