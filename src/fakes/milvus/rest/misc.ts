/**
 * REST v2 `partitions/*`, `indexes/*`, `aliases/*`, `databases/*`, and the groups the fake does not
 * implement (`roles/alter`, import commit/abort, snapshot and external-collection jobs, ...): those answer
 * code 3000 "... is not supported by fakecontainers' fake Milvus" rather than a 404, except the 3.0-only
 * routes of v3-routes.ts, which a 2.x server does not have.
 */
import { CollectionNameReq, IndexParam } from './collections.js';
import { keyValues } from './describe.js';
import { COLLECTION_NAME, DB_NAME, field, required, type Bound, type StructSpec } from './binding.js';
import { ok } from './envelope.js';
import { indexRequestOf, propertiesOf } from './schema.js';
import type { RestContext, RestRoute, RestRoutes } from './route.js';
import { Codes, MilvusError } from '../errors/status.js';
import { V3_ONLY_ROUTES } from './v3-routes.js';

const spec = (name: string, ...fields: StructSpec['fields']): StructSpec => ({ name, fields });
const PartitionReq = spec('PartitionReq', DB_NAME, COLLECTION_NAME, required('partitionName', 'string'));
const PartitionsReq = spec('PartitionsReq', DB_NAME, COLLECTION_NAME, required('partitionNames', 'strings'));
const IndexReq = spec('IndexReq', DB_NAME, COLLECTION_NAME, required('indexName', 'string'));
const IndexParamReq = spec('IndexParamReq', DB_NAME, COLLECTION_NAME, required('indexParams', { structs: IndexParam }));
const IndexWithProperties = spec(
  'IndexReqWithProperties',
  DB_NAME,
  COLLECTION_NAME,
  required('indexName', 'string'),
  field('properties', 'map'),
);
const DropIndexProperties = spec(
  'DropIndexPropertiesReq',
  DB_NAME,
  COLLECTION_NAME,
  required('indexName', 'string'),
  field('propertyKeys', 'strings'),
);
const OptionalCollectionNameReq = spec('OptionalCollectionNameReq', DB_NAME, field('collectionName', 'string'));
const AliasReq = spec('AliasReq', DB_NAME, required('aliasName', 'string'));
const AliasCollectionReq = spec('AliasCollectionReq', DB_NAME, COLLECTION_NAME, required('aliasName', 'string'));
const DatabaseRequiredName = spec('DatabaseReqRequiredName', required('dbName', 'string'));
const DatabaseWithProperties = spec(
  'DatabaseReqWithProperties',
  required('dbName', 'string'),
  field('properties', 'map'),
);
const DropDatabaseProperties = spec(
  'DropDatabasePropertiesReq',
  required('dbName', 'string'),
  field('propertyKeys', 'strings'),
);
const EmptyReq = spec('EmptyReq');

const name = (r: Bound) => String(r.collectionName);
const strings = (value: unknown) => (value as string[] | null) ?? [];
const done = (action: (r: Bound, ctx: RestContext) => void) => (r: Bound, ctx: RestContext) => {
  action(r, ctx);
  return ok({});
};

function describeIndex(r: Bound, ctx: RestContext) {
  const indexes = ctx.service.describeIndex(ctx.db, name(r), '', String(r.indexName));
  const { indexedRows, totalRows } = ctx.service.indexProgress(ctx.db, name(r));
  return ok(
    indexes.map((i) => ({
      indexName: i.indexName,
      fieldName: i.fieldName,
      indexType: i.indexType,
      metricType: i.metricType ?? '',
      totalRows,
      pendingRows: 0,
      indexedRows,
      indexState: 'Finished',
      failReason: '',
    })),
  );
}

function listIndexes(r: Bound, ctx: RestContext) {
  try {
    return ok(ctx.service.describeIndex(ctx.db, name(r)).map((i) => i.indexName));
  } catch (error) {
    // The handler turns IndexNotFound into an empty list.
    if (error instanceof MilvusError && error.code === Codes.indexNotFound) return ok([]);
    throw error;
  }
}

function describeDatabase(r: Bound, ctx: RestContext) {
  const db = ctx.service.describeDatabase(String(r.dbName));
  return ok({ dbName: db.name, dbID: db.id, properties: keyValues(db.properties) });
}

/**
 * Routes the fake does not implement: 3000. Two are in 2.6's route table; the 3.0-only ones
 * (v3-routes.ts) are a 404 for a 2.x fake, decided by the transport.
 */
const UNSUPPORTED = ['segments/describe', 'quotacenter/describe', ...V3_ONLY_ROUTES];

export const miscRoutes: RestRoutes = {
  'partitions/list': {
    spec: CollectionNameReq,
    handle: (r, ctx) => ok(ctx.service.listPartitions(ctx.db, name(r)).map((p) => p.name)),
  },
  'partitions/has': {
    spec: PartitionReq,
    handle: (r, ctx) => ok({ has: ctx.service.hasPartition(ctx.db, name(r), String(r.partitionName)) }),
  },
  'partitions/get_stats': {
    spec: PartitionReq,
    handle: (r, ctx) =>
      ok({ rowCount: ctx.service.partitionStatistics(ctx.db, name(r), String(r.partitionName)).rowCount }),
  },
  'partitions/create': {
    spec: PartitionReq,
    handle: done((r, ctx) => ctx.service.createPartition(ctx.db, name(r), String(r.partitionName))),
  },
  'partitions/drop': {
    spec: PartitionReq,
    handle: done((r, ctx) => ctx.service.dropPartition(ctx.db, name(r), String(r.partitionName))),
  },
  'partitions/load': {
    spec: PartitionsReq,
    handle: done((r, ctx) => ctx.service.loadPartitions(ctx.db, name(r), strings(r.partitionNames))),
  },
  'partitions/release': {
    spec: PartitionsReq,
    handle: done((r, ctx) => ctx.service.releasePartitions(ctx.db, name(r), strings(r.partitionNames))),
  },

  'indexes/list': { spec: CollectionNameReq, handle: listIndexes },
  'indexes/describe': { spec: IndexReq, handle: describeIndex },
  'indexes/create': {
    spec: IndexParamReq,
    handle: done((r, ctx) => {
      for (const param of r.indexParams as Bound[]) ctx.service.createIndex(ctx.db, name(r), indexRequestOf(param));
    }),
  },
  'indexes/drop': {
    spec: IndexReq,
    handle: done((r, ctx) => ctx.service.dropIndex(ctx.db, name(r), '', String(r.indexName))),
  },
  'indexes/alter_properties': {
    spec: IndexWithProperties,
    handle: done((r, ctx) => ctx.service.alterIndex(ctx.db, name(r), String(r.indexName), propertiesOf(r.properties))),
  },
  'indexes/drop_properties': {
    spec: DropIndexProperties,
    handle: done((r, ctx) => ctx.service.alterIndex(ctx.db, name(r), String(r.indexName), [], strings(r.propertyKeys))),
  },

  'aliases/list': {
    spec: OptionalCollectionNameReq,
    handle: (r, ctx) => ok(ctx.service.listAliases(ctx.db, String(r.collectionName))),
  },
  'aliases/describe': {
    spec: AliasReq,
    handle: (r, ctx) =>
      ok({
        dbName: ctx.db,
        aliasName: String(r.aliasName),
        collectionName: ctx.service.describeAlias(ctx.db, String(r.aliasName)),
      }),
  },
  'aliases/create': {
    spec: AliasCollectionReq,
    handle: done((r, ctx) => ctx.service.createAlias(ctx.db, name(r), String(r.aliasName))),
  },
  'aliases/alter': {
    spec: AliasCollectionReq,
    handle: done((r, ctx) => ctx.service.alterAlias(ctx.db, name(r), String(r.aliasName))),
  },
  'aliases/drop': { spec: AliasReq, handle: done((r, ctx) => ctx.service.dropAlias(ctx.db, String(r.aliasName))) },

  'databases/create': {
    spec: DatabaseWithProperties,
    handle: done((r, ctx) => ctx.service.createDatabase(String(r.dbName), propertiesOf(r.properties))),
  },
  'databases/drop': {
    spec: DatabaseRequiredName,
    handle: done((r, ctx) => ctx.service.dropDatabase(String(r.dbName))),
  },
  'databases/drop_properties': {
    spec: DropDatabaseProperties,
    handle: done((r, ctx) => ctx.service.alterDatabase(String(r.dbName), [], strings(r.propertyKeys))),
  },
  'databases/list': { spec: EmptyReq, handle: (_r, ctx) => ok(ctx.service.listDatabases().map((d) => d.name)) },
  'databases/describe': { spec: DatabaseRequiredName, handle: describeDatabase },
  'databases/alter': {
    spec: DatabaseWithProperties,
    handle: done((r, ctx) => ctx.service.alterDatabase(String(r.dbName), propertiesOf(r.properties))),
  },
  'databases/alter_properties': {
    spec: DatabaseWithProperties,
    handle: done((r, ctx) => ctx.service.alterDatabase(String(r.dbName), propertiesOf(r.properties))),
  },

  ...Object.fromEntries(UNSUPPORTED.map((path): [string, RestRoute] => [path, { unsupported: true }])),
};
