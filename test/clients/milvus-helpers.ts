/**
 * Shared helpers for the Milvus client tests: deterministic vectors and the exact computations the
 * tests compare the fake against.
 */
import { DataType, FunctionType, MilvusClient, type FieldType } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { SeededRandom } from '../../src/common/hash.js';
import { startFakeMilvus, type FakeMilvusOptions, type StartedFakeMilvus } from '../../src/fakes/milvus/index.js';

/** The instant every Milvus client test's fake starts at: timestamps and TTLs in expectations count from it. */
export const TEST_EPOCH = '2026-03-01T10:00:00Z';

/** A fake Milvus for a test: on a fixed clock at {@link TEST_EPOCH}, silent, with any further options. */
export function startTestMilvus(options: Omit<FakeMilvusOptions, 'clock' | 'logLevel'> = {}): Promise<StartedFakeMilvus> {
  return startFakeMilvus({ clock: new FixedClock(TEST_EPOCH), logLevel: 'silent', ...options });
}

/**
 * A full-text collection as milvus.io/docs/full-text-search.md builds it: `id`, an analyzed and matchable
 * VarChar `text`, any `extraFields`, the BM25 function's `sparse` output (SPARSE_INVERTED_INDEX, BM25) and
 * a 2-d `dense` vector (FLAT, IP) for hybrid searches. The SDK indexes and loads it on create.
 */
export function bm25Collection(
  name: string,
  { analyzer = { type: 'standard' }, extraFields = [], maxLength = 1000 }: { analyzer?: Record<string, unknown>; extraFields?: FieldType[]; maxLength?: number } = {},
) {
  return {
    collection_name: name,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'text', data_type: DataType.VarChar, max_length: maxLength, enable_analyzer: true, enable_match: true, analyzer_params: analyzer },
      ...extraFields,
      { name: 'sparse', data_type: DataType.SparseFloatVector },
      { name: 'dense', data_type: DataType.FloatVector, dim: 2 },
    ],
    functions: [{ name: 'bm25', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['sparse'], params: {} }],
    index_params: [
      { field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25' },
      { field_name: 'dense', index_type: 'FLAT', metric_type: 'IP' },
    ],
  };
}

/**
 * Registers the file's hooks: one fake Milvus on a fixed clock and one connected SDK client, handed to
 * `ready` before any later `beforeAll` runs; both are closed after the file.
 */
export function withFakeMilvusAndSdk(ready: (milvus: StartedFakeMilvus, client: MilvusClient) => void): void {
  let milvus: StartedFakeMilvus | undefined;
  let client: MilvusClient | undefined;
  beforeAll(async () => {
    milvus = await startTestMilvus();
    client = new MilvusClient({ address: milvus.address, logLevel: 'error', telemetry: { enabled: false } });
    await client.connectPromise;
    ready(milvus, client);
  });
  afterAll(async () => {
    await client?.closeConnection();
    await milvus?.close();
  });
}

export function randomVectors(count: number, dim: number, seed: string): number[][] {
  const rng = SeededRandom.from(seed);
  return Array.from({ length: count }, () => Array.from({ length: dim }, () => Math.fround(rng.next() * 2 - 1)));
}

/** Scores the way the fake documents them: float64 accumulation of float32 elements, reported as float32. */
export function score(metric: 'L2' | 'IP' | 'COSINE', q: readonly number[], x: readonly number[]): number {
  const qf = q.map(Math.fround);
  const xf = x.map(Math.fround);
  if (metric === 'L2') return Math.fround(qf.reduce((s, v, i) => s + (v - (xf[i] as number)) ** 2, 0));
  const dot = qf.reduce((s, v, i) => s + v * (xf[i] as number), 0);
  if (metric === 'IP') return Math.fround(dot);
  const nq = Math.sqrt(qf.reduce((s, v) => s + v * v, 0));
  const nx = Math.sqrt(xf.reduce((s, v) => s + v * v, 0));
  return Math.fround(nq * nx === 0 ? 0 : dot / (nq * nx));
}

/** Exact top-k: (score by metric direction, then id ascending). */
export function topK(
  metric: 'L2' | 'IP' | 'COSINE',
  query: readonly number[],
  rows: ReadonlyArray<{ id: number; vector: readonly number[] }>,
  k: number,
): Array<{ id: number; score: number }> {
  const larger = metric !== 'L2';
  return rows
    .map((r) => ({ id: r.id, score: score(metric, query, r.vector) }))
    .sort((a, b) => (a.score !== b.score ? (larger ? b.score - a.score : a.score - b.score) : a.id - b.id))
    .slice(0, k);
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}
