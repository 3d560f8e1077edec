// Memory of N x DIM rows in a fresh process (run with --expose-gc): growth of RSS and of
// heapUsed + arrayBuffers between an empty collection and a loaded one, gc'd before each sample.
// Rows go in through MilvusService.insert in batches of 1000 (the size clients send), each batch's
// source floats dropped after it is written. Prints one JSON line (bytes).
import { MilvusService } from '../../dist/fakes/milvus/engine/service.js';
import { createBenchCollection, fillVectors, insertRows } from './vectors.mjs';

const N = Number(process.argv[2] ?? 100_000);
const DIM = Number(process.argv[3] ?? 768);
const BATCH = 1000;

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const settle = () => {
  for (let i = 0; i < 3; i++) globalThis.gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.arrayBuffers };
};

const service = new MilvusService();
createBenchCollection(service, DIM);
const before = settle();
for (let first = 0; first < N; first += BATCH) {
  const count = Math.min(BATCH, N - first);
  insertRows(service, fillVectors(new Float32Array(count * DIM), first + 1), first, count, DIM, 100);
}
const after = settle();
const rows = service.collectionStatistics('default', 'c').rowCount;
process.stdout.write(`${JSON.stringify({ rss: after.rss - before.rss, heap: after.heap - before.heap, rows, raw: N * DIM * 4 })}\n`);
