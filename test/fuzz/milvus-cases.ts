/**
 * Fuzz cases for the fake Milvus on its one port: REST v2 bodies broken every way the mutations know,
 * filter expressions (token soup, deep parentheses, huge `in` lists and strings), and raw bytes that are
 * neither (garbage, HTTP/2 frames after the preface). gRPC calls with garbage protobuf messages are in
 * grpc-garbage.ts. A REST refusal is HTTP 200 with `{ code, message }`, or gin's text 404.
 */
import { SeededRandom } from '../../src/common/hash.js';
import { REST_ROUTE_PATHS } from '../../src/fakes/milvus/rest/transport.js';
import { BODY_MUTATIONS, type Json } from './mutations.js';
import type { FuzzCase } from './ollama-cases.js';
import { requestBytes } from './raw-http.js';

/** The collection the fuzzed fake is seeded with, so filters reach the checker and the rows. */
export const FUZZ_SEED = {
  collections: [
    {
      name: 'fz',
      schema: {
        enableDynamicField: true,
        fields: [
          { name: 'id', dataType: 'Int64', isPrimaryKey: true },
          { name: 'title', dataType: 'VarChar', typeParams: { max_length: 64 } },
          { name: 'n', dataType: 'Int32' },
          { name: 'score', dataType: 'Float' },
          { name: 'flag', dataType: 'Bool' },
          { name: 'meta', dataType: 'JSON' },
          { name: 'tags', dataType: 'Array', elementType: 'VarChar', typeParams: { max_capacity: 8, max_length: 16 } },
          { name: 'vector', dataType: 'FloatVector', typeParams: { dim: 4 } },
        ],
      },
      indexes: [{ fieldName: 'vector', metricType: 'L2', indexType: 'FLAT' }],
      rows: Array.from({ length: 20 }, (_, i) => ({
        id: i,
        title: `t${i}`,
        n: i * 3,
        score: i / 7,
        flag: i % 2 === 0,
        meta: { a: i, b: [i, `s${i}`], c: { d: i % 3 } },
        tags: [`a${i % 4}`, 'b'],
        vector: [i, 1, 0, -i],
        extra: i,
      })),
    },
  ],
};

const TEMPLATES: Readonly<Record<string, Json>> = {
  'entities/query': { collectionName: 'fz', filter: 'n > 3', outputFields: ['*'], limit: 5 },
  'entities/search': { collectionName: 'fz', data: [[1, 0, 0, 0]], annsField: 'vector', limit: 3, filter: 'flag == true', outputFields: ['title'] },
  'entities/insert': { collectionName: 'fz', data: [{ id: 100, title: 'x', n: 1, score: 0.5, flag: true, meta: {}, tags: [], vector: [1, 2, 3, 4] }] },
  'entities/upsert': { collectionName: 'fz', data: [{ id: 1, title: 'y', n: 2, score: 0.1, flag: false, meta: { k: 1 }, tags: ['q'], vector: [0, 0, 0, 1] }] },
  'entities/delete': { collectionName: 'fz', filter: 'id in [19]' },
  'entities/get': { collectionName: 'fz', id: [1, 2], outputFields: ['title'] },
  'entities/hybrid_search': { collectionName: 'fz', search: [{ data: [[1, 0, 0, 0]], annsField: 'vector', limit: 2 }], rerank: { strategy: 'rrf', params: { k: 10 } }, limit: 2 },
  'collections/create': { collectionName: 'c2', dimension: 4, metricType: 'COSINE' },
  'collections/describe': { collectionName: 'fz' },
  'indexes/create': { collectionName: 'fz', indexParams: [{ fieldName: 'vector', metricType: 'L2', indexName: 'v', params: { index_type: 'HNSW', M: 8, efConstruction: 64 } }] },
};

const FILTER_TOKENS = [
  'id', 'title', 'n', 'score', 'flag', 'meta', 'tags', 'extra', 'meta["a"]', 'meta["b"][1]', 'tags[0]', '$meta["x"]', '1', '-2', '3.5', '1e309',
  '"s"', "'t'", '"\\u00e9"', 'true', 'false', 'null', '[', ']', '(', ')', ',', '+', '-', '*', '/', '%', '**', '==', '!=', '<', '<=', '>', '>=',
  'and', 'or', 'not', '&&', '||', '!', 'in', 'not in', 'like', '"t%"', 'is null', 'is not null', 'exists', 'json_contains', 'array_contains',
  'array_contains_all', 'array_length', 'text_match', '{x}', '&', '|', '^', '<<', '>>', '~', '"', 'ID', 'ＩＤ', '\u0000',
];

/** A filter no well-behaved client writes. */
export function fuzzFilter(rng: SeededRandom): string {
  const variants: Array<() => string> = [
    () => Array.from({ length: rng.int(1, 12) }, () => rng.pick(FILTER_TOKENS)).join(rng.pick([' ', ''])),
    () => `${'('.repeat(rng.pick([100, 10_000, 100_000]))}n > 1${')'.repeat(rng.pick([0, 100, 10_000, 100_000]))}`,
    () => `n in [${Array.from({ length: rng.pick([1_000, 100_000]) }, (_, i) => i).join(',')}]`,
    () => `title == "${'a'.repeat(rng.pick([1_000, 1_000_000]))}"`,
    () => `${Array.from({ length: rng.pick([100, 5_000]) }, (_, i) => `n == ${i}`).join(' or ')}`,
    () => `${'not '.repeat(rng.pick([10, 10_000]))}flag`,
    () => `${'-'.repeat(rng.pick([10, 10_000]))}n > 0`,
    () => `n ${'+ 1 '.repeat(rng.pick([100, 10_000]))}> 0`,
    () => `meta${'["a"]'.repeat(rng.pick([10, 5_000]))} == 1`,
    () => `title like "${rng.pick(['%', '%%%%%%%%%%a', '_'.repeat(1000), '\\', '[a-z]*'])}"`,
    () => `json_contains(meta["b"], ${rng.pick(['1', '"s1"', '[1]', '{}', 'meta'])})`,
    () => `array_length(tags) ${rng.pick(['==', '>', 'in'])} ${rng.pick(['2', '"x"', '[1,2]', 'tags'])}`,
  ];
  return rng.pick(variants)();
}

/** `count` cases from `seed`; the same arguments give the same cases in every process. */
export function milvusCases(seed: number, count: number): FuzzCase[] {
  const rng = new SeededRandom(seed);
  const mutations = Object.entries(BODY_MUTATIONS);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const id = `milvus#${seed}/${i}`;
    const roll = rng.next();
    if (roll < 0.45) {
      const route = rng.pick(REST_ROUTE_PATHS);
      const [name, mutate] = rng.pick(mutations);
      const { kind, body } = mutate(rng, TEMPLATES[route] ?? { collectionName: 'fz' });
      const headers: Record<string, string> = rng.next() < 0.2 ? { 'request-timeout': rng.pick(['0', '-1', 'x', '99999999999', '1']), 'db-name': rng.pick(['', 'nope', 'default', '🦙']) } : {};
      cases.push({ id, kind: `rest:${route}:${name}:${kind}`, bytes: requestBytes('POST', `/v2/vectordb/${route}`, headers, body), format: 'milvus', end: true, mustAnswer: true });
    } else if (roll < 0.8) {
      const route = rng.pick(['entities/query', 'entities/search', 'entities/delete']);
      const template = TEMPLATES[route] as Record<string, Json>;
      const body = Buffer.from(JSON.stringify({ ...template, filter: fuzzFilter(rng) }));
      cases.push({ id, kind: `filter:${route}`, bytes: requestBytes('POST', `/v2/vectordb/${route}`, {}, body), format: 'milvus', end: true, mustAnswer: true });
    } else if (roll < 0.9) {
      const method = rng.pick(['GET', 'PUT', 'DELETE', 'POST', 'OPTIONS', 'HEAD', 'CONNECT']);
      const target = rng.pick(['/v2/vectordb/', '/v2/vectordb/collections/nope', '/v1/vector/collections', '/', '/healthz', '/%zz', `/${'x'.repeat(9_000)}`, '*', '/_fake/health', '/_fake/nope']);
      cases.push({ id, kind: `url:${method}`, bytes: requestBytes(method, target, {}), format: 'any', end: true, mustAnswer: method !== 'CONNECT' && target !== '*' });
    } else {
      const frames = [
        () => Buffer.from(rng.string(rng.int(1, 400), 'PRI*HTTP/2.0\r\n\u0000\u0001\u0004\u00ffx{}')),
        () => Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'), Buffer.from(Array.from({ length: rng.int(1, 200) }, () => rng.int(0, 255)))]),
        () => Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]), Buffer.from([0, 0, 8, 1, 4, 0, 0, 0, 1, 0x82, 0x86, 0x84, 0x41, 0x8a, 0xff, 0xff, 0xff])]),
        () => Buffer.from('PRI * HTTP/2.0\r\n\r\n', 'latin1'),
        () => Buffer.from('\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003', 'latin1'),
      ];
      cases.push({ id, kind: 'transport:raw', bytes: rng.pick(frames)(), format: 'any', end: true, mustAnswer: false });
    }
  }
  return cases;
}
