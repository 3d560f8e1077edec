// A Timestamptz range filter over N rows through MilvusService.query (count(*) and a 100-row page)
// beside a plain JS scan of the same predicate over the same values (an array of bigint microseconds),
// in this one process. Prints one JSON line: median ms per query for each variant.
import { MilvusService } from '../../dist/fakes/milvus/engine/service.js';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 9);
const BATCH = 10_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const STEP_MS = 60_000; // one row per minute
const LOW = '2025-01-20T00:00:00Z';
const HIGH = '2025-02-10T00:00:00+08:00';
const FILTER = `tsz >= ISO '${LOW}' and tsz < ISO '${HIGH}'`;

const service = new MilvusService();
service.createCollection('default', {
  name: 't',
  schema: {
    enableDynamicField: false,
    fields: [
      { name: 'id', dataType: 'Int64', isPrimaryKey: true },
      { name: 'vector', dataType: 'FloatVector', typeParams: { dim: 2 } },
      { name: 'tsz', dataType: 'Timestamptz' },
    ],
  },
});
service.createIndex('default', 't', {
  fieldName: 'vector',
  extraParams: [{ key: 'index_type', value: 'FLAT' }, { key: 'metric_type', value: 'L2' }, { key: 'params', value: '{}' }],
});
service.loadCollection('default', 't');
const plainValues = new Array(N);
for (let first = 0; first < N; first += BATCH) {
  const count = Math.min(BATCH, N - first);
  const ids = new Array(count);
  const texts = new Array(count);
  for (let i = 0; i < count; i++) {
    const row = first + i;
    ids[i] = BigInt(row);
    texts[i] = new Date(START + row * STEP_MS).toISOString();
    plainValues[row] = BigInt(START + row * STEP_MS) * 1000n;
  }
  service.insert('default', 't', {
    numRows: count,
    columns: [
      { name: 'id', isDynamic: false, payload: 'long_data', values: ids },
      { name: 'vector', isDynamic: false, payload: 'float_vector', vectorDim: 2, floats: new Float32Array(count * 2) },
      { name: 'tsz', isDynamic: false, payload: 'string_data', values: texts },
    ],
  });
}

const low = BigInt(Date.parse(LOW)) * 1000n;
const high = BigInt(Date.parse(HIGH)) * 1000n;
function plainCount() {
  let n = 0;
  for (let i = 0; i < N; i++) {
    const v = plainValues[i];
    if (v >= low && v < high) n++;
  }
  return n;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Steady state for both sides: a few untimed runs first, so neither figure includes JIT warm-up.
function time(fn) {
  for (let i = 0; i < 5; i++) fn();
  const out = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = fn();
    out.push(performance.now() - t);
  }
  return { ms: median(out), result };
}

const fake = time(() => service.query('default', 't', { filter: FILTER, outputFields: ['count(*)'] }).columns[0].values[0]);
const plain = time(plainCount);
const page = time(() => service.query('default', 't', { filter: FILTER, outputFields: ['tsz'], limit: 100 }).columns.length);
console.log(JSON.stringify({ fake: fake.ms, plain: plain.ms, page: page.ms, fakeCount: Number(fake.result), plainCount: plain.result }));
