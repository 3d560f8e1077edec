// A spatial filter through MilvusService.query over N Geometry points (ST_WITHIN a polygon), beside a
// plain JavaScript scan of the same predicate with the same library (jsts `within` over the same points,
// parsed once), in this one process. Prints one JSON line: median ms per query for each, and whether
// the two found the same rows.
import 'jsts/org/locationtech/jts/monkey.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import WKTReader from 'jsts/org/locationtech/jts/io/WKTReader.js';
import { MilvusService } from '../../dist/fakes/milvus/engine/service.js';
import { fillVectors } from './vectors.mjs';

const N = Number(process.argv[2] ?? 100_000);
const QUERIES = Number(process.argv[3] ?? 9);
const BATCH = 10_000;
// A pentagon over roughly 9% of the 1° x 1° square the points fill.
const POLYGON = 'POLYGON((13.2 52.2, 13.5 52.15, 13.6 52.4, 13.4 52.55, 13.15 52.45, 13.2 52.2))';

const log = (line) => process.stderr.write(`  milvus-geometry: ${line}\n`);
const noise = fillVectors(new Float32Array(N * 2), 7);
const wkts = Array.from({ length: N }, (_, i) => `POINT(${13.5 + noise[2 * i]} ${52.5 + noise[2 * i + 1]})`);

const service = new MilvusService();
service.createCollection('default', {
  name: 'g',
  schema: {
    enableDynamicField: false,
    fields: [
      { name: 'id', dataType: 'Int64', isPrimaryKey: true },
      { name: 'vector', dataType: 'FloatVector', typeParams: { dim: 2 } },
      { name: 'geo', dataType: 'Geometry' },
    ],
  },
});
service.createIndex('default', 'g', { fieldName: 'vector', extraParams: [{ key: 'index_type', value: 'FLAT' }, { key: 'metric_type', value: 'L2' }] });
service.createIndex('default', 'g', { fieldName: 'geo', extraParams: [{ key: 'index_type', value: 'RTREE' }] });
service.loadCollection('default', 'g');
const loadStarted = performance.now();
for (let first = 0; first < N; first += BATCH) {
  const count = Math.min(BATCH, N - first);
  service.insert('default', 'g', {
    numRows: count,
    columns: [
      { name: 'id', isDynamic: false, payload: 'long_data', values: Array.from({ length: count }, (_, i) => BigInt(first + i)) },
      { name: 'vector', isDynamic: false, payload: 'float_vector', vectorDim: 2, floats: noise.subarray(first * 2, (first + count) * 2) },
      { name: 'geo', isDynamic: false, payload: 'geometry_wkt_data', values: wkts.slice(first, first + count) },
    ],
  });
}
log(`loaded ${N} points in ${(performance.now() - loadStarted).toFixed(0)} ms`);

const reader = new WKTReader(new GeometryFactory());
const points = wkts.map((w) => reader.read(w));

function plainScan() {
  const polygon = reader.read(POLYGON);
  const rows = [];
  for (let i = 0; i < N; i++) if (points[i].within(polygon)) rows.push(i);
  return rows;
}

function fakeQuery() {
  const result = service.query('default', 'g', { filter: `ST_WITHIN(geo, '${POLYGON}')`, outputFields: ['id'] });
  const column = result.columns.find((c) => c.name === 'id');
  return column.values.map(Number);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const times = { fake: [], plain: [] };
let fakeRows = fakeQuery();
let plainRows = plainScan();
for (let q = 0; q < QUERIES; q++) {
  for (const [name, run] of [['fake', fakeQuery], ['plain', plainScan]]) {
    const started = performance.now();
    const rows = run();
    times[name].push(performance.now() - started);
    if (name === 'fake') fakeRows = rows;
    else plainRows = rows;
  }
}
const same = fakeRows.length === plainRows.length && fakeRows.every((r, i) => r === plainRows[i]);
log(`${plainRows.length} of ${N} points inside; fake and plain scan ${same ? 'agree' : 'DISAGREE'}`);
process.stdout.write(`${JSON.stringify({ fake: median(times.fake), plain: median(times.plain), matched: plainRows.length, same })}\n`);
