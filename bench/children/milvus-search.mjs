// Exact top-k through MilvusService.search over N x DIM floats, beside a plain scan of the same
// vectors in one Float32Array (dot products + top-k selection), in this one process.
// Prints one JSON line: median ms per query for each variant.
import { MilvusService } from '../../dist/fakes/milvus/engine/service.js';
import { createBenchCollection, fillVectors, insertRows } from './vectors.mjs';

const N = Number(process.argv[2] ?? 100_000);
const DIM = Number(process.argv[3] ?? 768);
const QUERIES = Number(process.argv[4] ?? 9);
const TOPK = 10;
const CATEGORIES = 100;
const CATEGORY = 7;
const BATCH = 10_000;

const log = (line) => process.stderr.write(`  milvus-search: ${line}\n`);
const data = fillVectors(new Float32Array(N * DIM), 42);
const categories = new Int32Array(N).map((_, i) => i % CATEGORIES);
const service = new MilvusService();
createBenchCollection(service, DIM);
const loadStarted = performance.now();
for (let first = 0; first < N; first += BATCH) {
  const count = Math.min(BATCH, N - first);
  insertRows(service, data.subarray(first * DIM, (first + count) * DIM), first, count, DIM, CATEGORIES);
}
log(`loaded ${N} x ${DIM} in ${(performance.now() - loadStarted).toFixed(0)} ms`);
const queries = Array.from({ length: QUERIES }, (_, q) => fillVectors(new Float32Array(DIM), 1000 + q));

/** Plain scan: dot product with every (matching) row, keeping the best `k` in a small sorted array. */
function plainScan(query, filter) {
  const scores = [];
  const rows = [];
  for (let row = 0; row < N; row++) {
    if (filter && categories[row] !== CATEGORY) continue;
    let dot = 0;
    const base = row * DIM;
    for (let d = 0; d < DIM; d++) dot += query[d] * data[base + d];
    if (scores.length === TOPK && dot <= scores[TOPK - 1]) continue;
    let at = scores.length === TOPK ? TOPK - 1 : scores.length;
    while (at > 0 && scores[at - 1] < dot) {
      scores[at] = scores[at - 1];
      rows[at] = rows[at - 1];
      at--;
    }
    scores[at] = dot;
    rows[at] = row;
    if (scores.length > TOPK) {
      scores.length = TOPK;
      rows.length = TOPK;
    }
  }
  return rows;
}

function fakeSearch(query, filter) {
  const result = service.search('default', 'c', {
    annsField: 'vector',
    vectors: [query],
    topk: TOPK,
    metricType: 'IP',
    outputFields: [],
    ...(filter ? { filter: `category == ${CATEGORY}` } : {}),
  });
  return result.hits.map((h) => Number(h.pk));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const times = { fake: [], plain: [], fakeFiltered: [], plainFiltered: [] };
let mismatches = 0;
// One warm-up of each, then the variants interleaved query by query so that a noisy neighbour hits all alike.
fakeSearch(queries[0], false);
plainScan(queries[0], false);
for (const query of queries) {
  for (const [name, run] of [
    ['fake', () => fakeSearch(query, false)],
    ['plain', () => plainScan(query, false)],
    ['fakeFiltered', () => fakeSearch(query, true)],
    ['plainFiltered', () => plainScan(query, true)],
  ]) {
    const started = performance.now();
    const rows = run();
    times[name].push(performance.now() - started);
    if (name === 'fake') times.fakeRows = rows;
    if (name === 'plain' && rows.join() !== times.fakeRows.join()) mismatches++;
    if (name === 'fakeFiltered') times.fakeRows = rows;
    if (name === 'plainFiltered' && rows.join() !== times.fakeRows.join()) mismatches++;
  }
}
const out = Object.fromEntries(['fake', 'plain', 'fakeFiltered', 'plainFiltered'].map((k) => [k, median(times[k])]));
process.stdout.write(`${JSON.stringify({ ...out, mismatches, n: N, dim: DIM, queries: QUERIES })}\n`);
