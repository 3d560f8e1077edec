/**
 * Seeding from a JSON description (fixture files, `FAKE_MILVUS_SEED_FILE`, later `/_fake/seed`).
 *
 * Shape (every key optional unless marked):
 * ```json
 * {
 *   "databases": [{ "name": "analytics", "properties": { "database.replica.number": "1" } }],
 *   "collections": [{
 *     "database": "default",
 *     "name": "docs",                                   // required
 *     "schema": {                                       // explicit schema (FieldInput objects) ...
 *       "enableDynamicField": true,
 *       "fields": [
 *         { "name": "id", "dataType": "Int64", "isPrimaryKey": true, "autoID": false },
 *         { "name": "vector", "dataType": "FloatVector", "typeParams": { "dim": 4 } },
 *         { "name": "title", "dataType": "VarChar", "typeParams": { "max_length": 256 }, "nullable": true }
 *       ]
 *     },
 *     "dimension": 4, "metricType": "COSINE", "idType": "Int64", "autoId": false,   // ... or quick setup
 *     "consistencyLevel": "Bounded", "shardsNum": 1, "numPartitions": 16,
 *     "properties": { "collection.ttl.seconds": "0" },
 *     "partitions": ["2024"],
 *     "indexes": [{ "fieldName": "vector", "indexName": "vector", "indexType": "HNSW", "metricType": "L2",
 *                   "params": { "M": 16, "efConstruction": 200 } }],
 *     "aliases": ["docs_v1"],
 *     "rows": [{ "id": 1, "vector": [0.1, 0.2, 0.3, 0.4], "title": "a", "extra": "goes to $meta" }],
 *     "partitionRows": { "2024": [ ... ] },
 *     "load": true                                      // default: load when every vector field is indexed
 *   }]
 * }
 * ```
 * Quick setup mirrors the SDK's `createCollection({ dimension })`: primary key `id` (Int64, or VarChar
 * with `max_length` 512 when `idType` is VarChar), `vector` FloatVector(dimension), dynamic field on,
 * an AUTOINDEX with `metricType` (COSINE by default), loaded.
 */
import { isVectorType } from '../schema/data-types.js';
import type { FieldInput, KeyValue, SchemaInput } from '../schema/index.js';
import type { MilvusService } from './service.js';
import { DEFAULT_DB } from './store.js';

export interface SeedIndex {
  fieldName: string;
  indexName?: string;
  indexType?: string;
  metricType?: string;
  params?: Record<string, unknown>;
}

export interface SeedCollection {
  database?: string;
  name: string;
  schema?: SchemaInput;
  dimension?: number;
  metricType?: string;
  idType?: 'Int64' | 'VarChar';
  autoId?: boolean;
  consistencyLevel?: string;
  shardsNum?: number;
  numPartitions?: number;
  properties?: Record<string, string>;
  partitions?: string[];
  indexes?: SeedIndex[];
  aliases?: string[];
  rows?: Record<string, unknown>[];
  partitionRows?: Record<string, Record<string, unknown>[]>;
  load?: boolean;
}

export interface SeedDescription {
  databases?: Array<{ name: string; properties?: Record<string, string> }>;
  collections?: SeedCollection[];
}

const kv = (record: Record<string, string> | undefined): KeyValue[] =>
  Object.entries(record ?? {}).map(([key, value]) => ({ key, value: String(value) }));

function quickSchema(c: SeedCollection): SchemaInput {
  const id: FieldInput =
    c.idType === 'VarChar'
      ? { name: 'id', dataType: 'VarChar', isPrimaryKey: true, autoID: c.autoId === true, typeParams: { max_length: 512 } }
      : { name: 'id', dataType: 'Int64', isPrimaryKey: true, autoID: c.autoId === true };
  return {
    enableDynamicField: true,
    fields: [id, { name: 'vector', dataType: 'FloatVector', typeParams: { dim: c.dimension ?? 0 } }],
  };
}

function indexParams(index: SeedIndex): KeyValue[] {
  const out: KeyValue[] = [];
  if (index.indexType) out.push({ key: 'index_type', value: index.indexType });
  if (index.metricType) out.push({ key: 'metric_type', value: index.metricType });
  if (index.params) out.push({ key: 'params', value: JSON.stringify(index.params) });
  return out;
}

/**
 * @example
 * applySeed(service, { collections: [{ name: 'docs', dimension: 4, rows: [{ id: 1, vector: [0, 0, 0, 1] }] }] });
 */
export function applySeed(service: MilvusService, description: SeedDescription): void {
  for (const db of description.databases ?? []) {
    if (!service.store.databases.has(db.name)) service.createDatabase(db.name, kv(db.properties));
  }
  for (const c of description.collections ?? []) {
    const db = c.database ?? DEFAULT_DB;
    const quick = !c.schema;
    service.createCollection(db, {
      name: c.name,
      schema: c.schema ?? quickSchema(c),
      ...(c.shardsNum !== undefined ? { shardsNum: c.shardsNum } : {}),
      ...(c.consistencyLevel !== undefined ? { consistencyLevel: c.consistencyLevel } : {}),
      ...(c.numPartitions !== undefined ? { numPartitions: c.numPartitions } : {}),
      properties: kv(c.properties),
    });
    for (const p of c.partitions ?? []) service.createPartition(db, c.name, p);
    const indexes = c.indexes ?? (quick ? [{ fieldName: 'vector', metricType: c.metricType ?? 'COSINE' }] : []);
    for (const index of indexes) {
      service.createIndex(db, c.name, { fieldName: index.fieldName, ...(index.indexName ? { indexName: index.indexName } : {}), extraParams: indexParams(index) });
    }
    for (const alias of c.aliases ?? []) service.createAlias(db, c.name, alias);
    if (c.rows && c.rows.length > 0) service.insert(db, c.name, { rows: c.rows });
    for (const [partitionName, rows] of Object.entries(c.partitionRows ?? {})) {
      if (rows.length > 0) service.insert(db, c.name, { rows, partitionName });
    }
    const collection = service.store.collection(db, c.name);
    const indexed = collection.schema.fields.filter((f) => isVectorType(f.type)).every((f) => collection.indexOnField(f.name));
    if (c.load ?? indexed) service.loadCollection(db, c.name);
  }
}
