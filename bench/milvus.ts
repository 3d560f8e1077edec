import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Figure, median } from './figure.js';
import { insertFigures } from './milvus-insert.js';
import { startPhases } from './ollama.js';

const run = promisify(execFile);
const children = path.join(import.meta.dirname, 'children');
const ROWS = 100_000;
const DIM = 768;

/** Runs a child script with plain node (no TypeScript loader) and parses the JSON line it prints. */
async function childJson<T>(script: string, args: string[], nodeArgs: string[] = []): Promise<T> {
  const { stdout } = await run(process.execPath, [...nodeArgs, path.join(children, script), ...args], { maxBuffer: 1 << 20, timeout: 300_000 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as T;
}

/** Figures for the fake Milvus. */
export async function milvusFigures(): Promise<Figure[]> {
  const group = 'fake Milvus';
  const figures: Figure[] = [];

  // 1. startFakeMilvus + first answered request (/healthz on the gRPC port) in a fresh process once the module is loaded, and the import.
  process.stderr.write('  milvus: start -> first answered request\n');
  const fakeStart = await startPhases('fake-milvus.mjs', '/healthz');
  const bareStart = await startPhases('bare-http.mjs', '/');
  figures.push({ group, name: 'start -> first answered request (module loaded)', value: fakeStart.startMs, unit: 'ms', reference: { name: 'bare node:http', value: bareStart.startMs }, better: 'lower' });
  figures.push({ group, name: 'module import, once per process', value: fakeStart.importMs, unit: 'ms', reference: { name: 'import node:http', value: bareStart.importMs }, better: 'lower' });

  // 2. Inserts: SDK, raw gRPC, server side, and the SDK's own costs.
  figures.push(...(await insertFigures(group)));

  // 3-4. Exact top-10 over 100k x 768, with and without a 1%-selective filter, vs a plain scan (one child, median of 3).
  process.stderr.write(`  milvus: exact top-10 over ${ROWS} x ${DIM} (3 fresh processes)\n`);
  type Search = { fake: number; plain: number; fakeFiltered: number; plainFiltered: number; mismatches: number };
  const searches: Search[] = [];
  for (let i = 0; i < 3; i++) searches.push(await childJson<Search>('milvus-search.mjs', [String(ROWS), String(DIM), '9']));
  if (searches.some((s) => s.mismatches > 0)) process.stderr.write('  milvus: WARNING the fake and the plain scan disagree on some top-10\n');
  const pick = (key: keyof Search) => median(searches.map((s) => s[key]));
  const plain = { name: 'plain Float32Array scan, same process', value: pick('plain') };
  figures.push({ group, name: `exact top-10 over ${ROWS / 1000}k x ${DIM}, per query`, value: pick('fake'), unit: 'ms', reference: plain, target: '<= 3x', better: 'lower' });
  const filtered = 'exact top-10 with `category == 7` (1% of rows), per query';
  figures.push({ group, name: filtered, value: pick('fakeFiltered'), unit: 'ms', reference: plain, better: 'lower' });
  figures.push({ group, name: filtered, value: pick('fakeFiltered'), unit: 'ms', reference: { name: 'plain scan with the same filter', value: pick('plainFiltered') }, better: 'lower' });

  // 5. A spatial filter (ST_WITHIN a polygon) over 100k Geometry points vs jsts `within` over the same points.
  process.stderr.write(`  milvus: ST_WITHIN over ${ROWS} points (3 fresh processes)\n`);
  type Spatial = { fake: number; plain: number; matched: number; same: boolean };
  const spatial: Spatial[] = [];
  for (let i = 0; i < 3; i++) spatial.push(await childJson<Spatial>('milvus-geometry.mjs', [String(ROWS), '9']));
  if (spatial.some((s) => !s.same)) process.stderr.write('  milvus: WARNING the fake and the plain scan disagree on ST_WITHIN\n');
  figures.push({
    group,
    name: `query \`ST_WITHIN(geo, polygon)\` over ${ROWS / 1000}k points (~12% match), per query`,
    value: median(spatial.map((s) => s.fake)),
    unit: 'ms',
    reference: { name: 'plain jsts `within` scan, same points', value: median(spatial.map((s) => s.plain)) },
    target: '<= 2x',
    better: 'lower',
  });
  // 5. A Timestamptz range filter (two ISO literals) over 100k rows through the query path, vs a plain scan.
  process.stderr.write(`  milvus: Timestamptz range filter over ${ROWS} rows (3 fresh processes)\n`);
  type Tsz = { fake: number; plain: number; page: number; fakeCount: number; plainCount: number };
  const tsz: Tsz[] = [];
  for (let i = 0; i < 3; i++) tsz.push(await childJson<Tsz>('milvus-timestamptz.mjs', [String(ROWS), '9']));
  if (tsz.some((t) => t.fakeCount !== t.plainCount)) process.stderr.write('  milvus: WARNING Timestamptz counts differ from the plain scan\n');
  const plainTsz = { name: 'plain scan of the same bigint values', value: median(tsz.map((t) => t.plain)) };
  figures.push({ group, name: `Timestamptz range filter, count(*) over ${ROWS / 1000}k rows`, value: median(tsz.map((t) => t.fake)), unit: 'ms', reference: plainTsz, target: '<= 2x', better: 'lower' });
  figures.push({ group, name: 'Timestamptz range filter, first 100 rows as text', value: median(tsz.map((t) => t.page)), unit: 'ms', reference: plainTsz, better: 'lower' });

  // BM25 full-text search over 100k short documents vs a plain JS inverted index; insert rate with analysis.
  process.stderr.write(`  milvus: BM25 search over ${ROWS} short documents (3 fresh processes)\n`);
  type Bm25 = { fake: number; plain: number; bm25InsertRowsPerSec: number; plainInsertRowsPerSec: number; mismatches: number };
  const bm25: Bm25[] = [];
  for (let i = 0; i < 3; i++) bm25.push(await childJson<Bm25>('milvus-bm25.mjs', [String(ROWS), '9']));
  if (bm25.some((b) => b.mismatches > 0)) process.stderr.write('  milvus: WARNING the fake and the plain inverted index disagree on some BM25 top-10\n');
  const plainIndex = { name: 'plain JS inverted index, same terms and statistics', value: median(bm25.map((b) => b.plain)) };
  figures.push({ group, name: `BM25 text search top-10 over ${ROWS / 1000}k short documents, per query`, value: median(bm25.map((b) => b.fake)), unit: 'ms', reference: plainIndex, target: '<= 2x', better: 'lower' });
  const plainInsert = { name: 'the same 10k rows without a BM25 function', value: median(bm25.map((b) => b.plainInsertRowsPerSec)) };
  figures.push({ group, name: 'insert of 10k documents with analysis (BM25 function)', value: median(bm25.map((b) => b.bm25InsertRowsPerSec)), unit: 'rows/s', reference: plainInsert, better: 'higher' });

  // 6. Memory of 100k x 768 rows in a fresh process.
  process.stderr.write(`  milvus: memory of ${ROWS} x ${DIM} (3 fresh processes)\n`);
  type Memory = { rss: number; heap: number; raw: number };
  const memories: Memory[] = [];
  for (let i = 0; i < 3; i++) memories.push(await childJson<Memory>('milvus-memory.mjs', [String(ROWS), String(DIM)], ['--expose-gc']));
  const raw = { name: `raw ${ROWS / 1000}k x ${DIM} float32`, value: (ROWS * DIM * 4) / 1e6 };
  figures.push({ group, name: 'RSS growth after loading', value: median(memories.map((m) => m.rss)) / 1e6, unit: 'MB', reference: raw, target: '<= 1.3x', better: 'lower' });
  figures.push({ group, name: 'heapUsed + arrayBuffers growth after loading', value: median(memories.map((m) => m.heap)) / 1e6, unit: 'MB', reference: raw, target: '<= 1.3x', better: 'lower' });
  return figures;
}
