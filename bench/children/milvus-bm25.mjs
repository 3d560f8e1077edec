// BM25 full-text search over N short documents through MilvusService.search (text query on the BM25
// output field, top 10) beside a plain JS inverted index (Map term -> postings, BM25 with the same
// statistics, sort for the top 10) over the same tokens, in this one process; plus the insert rate of
// 10k documents with analysis (the BM25 function) beside 10k inserts of the same rows without it.
// Prints one JSON line: median ms per query for each side, rows/s for each insert, and mismatches.
import { MilvusService } from '../../dist/fakes/milvus/engine/service.js';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 9);
const QUERIES = 50;
const BATCH = 10_000;

// Deterministic words and documents: 4000 syllable words, Zipf-like draws, 6-14 words per document.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const SYL = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'shi', 'pe', 'da', 'gor', 'lin', 'tes', 'bar', 'quo'];
const WORDS = Array.from({ length: 4000 }, (_, i) => SYL[i % 15] + SYL[Math.floor(i / 15) % 15] + SYL[Math.floor(i / 225) % 15] + (i >= 3375 ? 'x' : ''));
const word = () => WORDS[Math.min(WORDS.length - 1, Math.floor(WORDS.length * rand() ** 2.5))];
const docs = Array.from({ length: N }, () => Array.from({ length: 6 + Math.floor(rand() * 9) }, word).join(' '));
const queries = Array.from({ length: QUERIES }, () => `${word()} ${word()} ${word()}`);

function collection(service, name, bm25) {
  service.createCollection('default', {
    name,
    schema: {
      enableDynamicField: false,
      fields: [
        { name: 'id', dataType: 'Int64', isPrimaryKey: true },
        { name: 'text', dataType: 'VarChar', typeParams: { max_length: 1000, enable_analyzer: 'true' } },
        { name: 'sparse', dataType: 'SparseFloatVector' },
        ...(bm25 ? [] : [{ name: 'dense', dataType: 'FloatVector', typeParams: { dim: 2 } }]),
      ].filter((f) => bm25 || f.name !== 'sparse'),
      functions: bm25 ? [{ name: 'bm25', type: 'BM25', inputFieldNames: ['text'], outputFieldNames: ['sparse'] }] : [],
    },
  });
  const field = bm25 ? 'sparse' : 'dense';
  const metric = bm25 ? 'BM25' : 'L2';
  const type = bm25 ? 'SPARSE_INVERTED_INDEX' : 'FLAT';
  service.createIndex('default', name, { fieldName: field, extraParams: [{ key: 'index_type', value: type }, { key: 'metric_type', value: metric }, { key: 'params', value: '{}' }] });
  service.loadCollection('default', name);
}

function insert(service, name, first, count, bm25) {
  const ids = new Array(count);
  const texts = new Array(count);
  for (let i = 0; i < count; i++) {
    ids[i] = BigInt(first + i);
    texts[i] = docs[first + i];
  }
  service.insert('default', name, {
    numRows: count,
    columns: [
      { name: 'id', isDynamic: false, payload: 'long_data', values: ids },
      { name: 'text', isDynamic: false, payload: 'string_data', values: texts },
      ...(bm25 ? [] : [{ name: 'dense', isDynamic: false, payload: 'float_vector', vectorDim: 2, floats: new Float32Array(count * 2) }]),
    ],
  });
}

const service = new MilvusService();
// Insert rate: 10k rows with the BM25 function, and the same rows into a collection without it.
collection(service, 'rate_bm25', true);
collection(service, 'rate_plain', false);
let t = performance.now();
insert(service, 'rate_plain', 0, BATCH, false);
const plainInsertMs = performance.now() - t;
t = performance.now();
insert(service, 'rate_bm25', 0, BATCH, true);
const bm25InsertMs = performance.now() - t;

collection(service, 'docs', true);
for (let first = 0; first < N; first += BATCH) insert(service, 'docs', first, Math.min(BATCH, N - first), true);

// The plain side: the standard analyzer's tokens (lowercase alphanumeric runs) in a Map inverted index.
const tokenize = (s) => s.toLowerCase().match(/[\p{Alphabetic}\p{N}]+/gu) ?? [];
const postings = new Map();
const docLen = new Float32Array(N);
let totalTokens = 0;
for (let d = 0; d < N; d++) {
  const counts = new Map();
  for (const tok of tokenize(docs[d])) counts.set(tok, (counts.get(tok) ?? 0) + 1);
  for (const [tok, tf] of counts) {
    let p = postings.get(tok);
    if (!p) postings.set(tok, (p = { ids: [], tfs: [] }));
    p.ids.push(d);
    p.tfs.push(tf);
    docLen[d] += tf;
  }
  totalTokens += docLen[d];
}
const avgdl = totalTokens / N;
function plainSearch(q) {
  const scores = new Map();
  const counts = new Map();
  for (const tok of tokenize(q)) counts.set(tok, (counts.get(tok) ?? 0) + 1);
  for (const [tok, qtf] of counts) {
    const p = postings.get(tok);
    if (!p) continue;
    const w = qtf * Math.log(1 + (N - p.ids.length + 0.5) / (p.ids.length + 0.5));
    for (let j = 0; j < p.ids.length; j++) {
      const tf = p.tfs[j];
      const d = p.ids[j];
      scores.set(d, (scores.get(d) ?? 0) + (w * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * docLen[d]) / avgdl)));
    }
  }
  return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10).map(([d]) => d);
}
function fakeSearch(q) {
  const r = service.search('default', 'docs', { annsField: 'sparse', vectors: [q], topk: 10, outputFields: [] });
  return r.hits.map((h) => Number(h.pk));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
// Per-query time: all queries once per run, median over runs, after untimed warm-up runs.
function time(fn) {
  for (let i = 0; i < 3; i++) for (const q of queries) fn(q);
  const out = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (const q of queries) fn(q);
    out.push((performance.now() - t0) / QUERIES);
  }
  return median(out);
}
const fake = time(fakeSearch);
const plain = time(plainSearch);
let mismatches = 0;
for (const q of queries) if (fakeSearch(q).join(',') !== plainSearch(q).join(',')) mismatches++;
console.log(JSON.stringify({
  fake,
  plain,
  bm25InsertRowsPerSec: BATCH / (bm25InsertMs / 1000),
  plainInsertRowsPerSec: BATCH / (plainInsertMs / 1000),
  mismatches,
}));
