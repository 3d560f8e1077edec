/**
 * REST v2 `collections/*` and `collections/fields/*`: request structs as in the real request_v2.go,
 * replies as handler_v2.go shapes them (describe: describe.ts; create bodies: schema.ts).
 */
import { COLLECTION_NAME, DB_NAME, field, required, type StructSpec } from './binding.js';
import { ok, RestCodes, RestError } from './envelope.js';
import { describe } from './describe.js';
import { createPlan, fieldInputOf, propertiesOf } from './schema.js';
import type { RestContext, RestRoutes } from './route.js';

const name = (r: Record<string, unknown>) => String(r.collectionName);

export const CollectionNameReq: StructSpec = {
  name: 'CollectionNameReq',
  fields: [DB_NAME, COLLECTION_NAME, field('partitionNames', 'strings')],
};
const DatabaseReq: StructSpec = { name: 'DatabaseReq', fields: [DB_NAME] };

const FieldSchema: StructSpec = {
  name: 'FieldSchema',
  fields: [
    field('fieldName', 'string'),
    field('dataType', 'string'),
    field('elementDataType', 'string'),
    field('isPrimary', 'bool'),
    field('isPartitionKey', 'bool'),
    field('isClusteringKey', 'bool'),
    field('elementTypeParams', 'map'),
    field('nullable', 'bool'),
    field('defaultValue', 'any'),
  ],
};
const IndexParam: StructSpec = {
  name: 'IndexParam',
  fields: [
    field('fieldName', 'string'),
    field('indexName', 'string'),
    field('metricType', 'string'),
    field('indexType', 'string'),
    field('params', 'map'),
  ],
};
export { IndexParam };
const CollectionSchema: StructSpec = {
  name: 'CollectionSchema',
  fields: [
    field('fields', { structs: FieldSchema }),
    field('functions', 'anys'),
    field('autoID', 'bool'),
    field('enableDynamicField', 'bool'),
  ],
};
const CollectionReq: StructSpec = {
  name: 'CollectionReq',
  fields: [
    DB_NAME,
    COLLECTION_NAME,
    field('dimension', 'int32'),
    field('idType', 'string', { go: 'IDType' }),
    field('autoID', 'bool'),
    field('metricType', 'string'),
    field('primaryFieldName', 'string'),
    field('vectorFieldName', 'string'),
    field('vectorFieldType', 'string'),
    field('schema', { struct: CollectionSchema }),
    field('indexParams', { structs: IndexParam }),
    field('params', 'map'),
    field('properties', 'map'),
    field('description', 'string'),
    field('consistencyLevel', 'string'),
  ],
};
const RenameCollectionReq: StructSpec = {
  name: 'RenameCollectionReq',
  fields: [DB_NAME, COLLECTION_NAME, required('newCollectionName', 'string'), field('newDbName', 'string')],
};
const WithProperties: StructSpec = {
  name: 'CollectionReqWithProperties',
  fields: [DB_NAME, COLLECTION_NAME, field('properties', 'map')],
};
const DropProperties: StructSpec = {
  name: 'DropCollectionPropertiesReq',
  fields: [DB_NAME, COLLECTION_NAME, field('propertyKeys', 'strings')],
};
const CompactReq: StructSpec = {
  name: 'CompactReq',
  fields: [DB_NAME, COLLECTION_NAME, field('isClustering', 'bool')],
};
const CompactionStateReq: StructSpec = {
  name: 'GetCompactionStateReq',
  fields: [field('jobID', 'int64', { go: 'JobID' })],
};
const FlushReq: StructSpec = { name: 'FlushReq', fields: [DB_NAME, COLLECTION_NAME] };
const FieldParamsReq: StructSpec = {
  name: 'CollectionFieldReqWithParams',
  fields: [DB_NAME, COLLECTION_NAME, required('fieldName', 'string'), field('fieldParams', 'map')],
};
const AddFieldReq: StructSpec = {
  name: 'CollectionFieldReqWithSchema',
  fields: [DB_NAME, COLLECTION_NAME, field('schema', { struct: FieldSchema })],
};

function loadState(r: Record<string, unknown>, ctx: RestContext) {
  const partitions = (r.partitionNames as string[] | null) ?? [];
  // The proxy answers LoadStateNotExist for a missing collection; the handler turns it into "collection not found".
  if (!ctx.service.hasCollection(ctx.db, name(r)))
    throw new RestError(100, `collection not found[collection=${name(r)}]`);
  const state = ctx.service.loadState(ctx.db, name(r), partitions);
  if (state === 'LoadStateNotLoad') return ok({ loadState: state });
  let message = '';
  let progress = -1;
  try {
    progress = ctx.service.loadingProgress(ctx.db, name(r), partitions);
  } catch (error) {
    message = `${(error as Error).message}.`;
  }
  return ok(
    { loadState: progress >= 100 ? 'LoadStateLoaded' : 'LoadStateLoading', loadProgress: progress },
    { message },
  );
}

function create(r: Record<string, unknown>, ctx: RestContext) {
  const plan = createPlan(r);
  ctx.service.createCollection(ctx.db, plan.collection);
  if (!plan.load) return ok({});
  for (const index of plan.indexes) {
    if (!plan.fieldNames.has(index.fieldName)) {
      throw new RestError(
        RestCodes.missingRequiredParameters,
        `missing required parameters, error: \`${index.fieldName}\` hasn't defined in schema`,
      );
    }
    ctx.service.createIndex(ctx.db, plan.collection.name, index);
  }
  ctx.service.loadCollection(ctx.db, plan.collection.name);
  return ok({});
}

const done =
  (action: (r: Record<string, unknown>, ctx: RestContext) => void) =>
  (r: Record<string, unknown>, ctx: RestContext) => {
    action(r, ctx);
    return ok({});
  };

export const collectionRoutes: RestRoutes = {
  'collections/list': {
    spec: DatabaseReq,
    handle: (_r, ctx) => ok(ctx.service.listCollections(ctx.db).map((c) => c.name)),
  },
  'collections/has': {
    spec: CollectionNameReq,
    handle: (r, ctx) => ok({ has: ctx.service.hasCollection(ctx.db, name(r)) }),
  },
  'collections/describe': { spec: CollectionNameReq, handle: describe },
  'collections/get_stats': {
    spec: CollectionNameReq,
    handle: (r, ctx) => ok({ rowCount: ctx.service.collectionStatistics(ctx.db, name(r)).rowCount }),
  },
  'collections/get_load_state': { spec: CollectionNameReq, handle: loadState },
  'collections/create': { spec: CollectionReq, handle: create },
  'collections/drop': {
    spec: CollectionNameReq,
    handle: done((r, ctx) => ctx.service.dropCollection(ctx.db, name(r))),
  },
  'collections/truncate': {
    spec: CollectionNameReq,
    handle: done((r, ctx) => ctx.service.truncateCollection(ctx.db, name(r))),
  },
  'collections/rename': {
    spec: RenameCollectionReq,
    handle: done((r, ctx) =>
      ctx.service.renameCollection(ctx.db, name(r), String(r.newCollectionName), String(r.newDbName) || ctx.db),
    ),
  },
  'collections/load': {
    spec: CollectionNameReq,
    handle: done((r, ctx) => ctx.service.loadCollection(ctx.db, name(r))),
  },
  'collections/refresh_load': {
    spec: CollectionNameReq,
    handle: done((r, ctx) => ctx.service.loadCollection(ctx.db, name(r))),
  },
  'collections/release': {
    spec: CollectionNameReq,
    handle: done((r, ctx) => ctx.service.releaseCollection(ctx.db, name(r))),
  },
  'collections/alter_properties': {
    spec: WithProperties,
    handle: done((r, ctx) => ctx.service.alterCollection(ctx.db, name(r), propertiesOf(r.properties))),
  },
  'collections/drop_properties': {
    spec: DropProperties,
    handle: done((r, ctx) =>
      ctx.service.alterCollection(ctx.db, name(r), [], (r.propertyKeys as string[] | null) ?? []),
    ),
  },
  'collections/compact': {
    spec: CompactReq,
    handle: (r, ctx) => ok({ compactionID: ctx.service.compact(ctx.db, name(r)) }),
  },
  'collections/get_compaction_state': {
    spec: CompactionStateReq,
    // Compactions finish at once: every plan is reported completed.
    handle: (r) =>
      ok({
        compactionID: r.jobID,
        state: 'Completed',
        executingPlanNumber: 0,
        timeoutPlanNumber: 0,
        completedPlanNumber: 0,
      }),
  },
  'collections/flush': { spec: FlushReq, handle: done((r, ctx) => ctx.service.flush(ctx.db, [name(r)])) },
  'collections/fields/alter_properties': {
    spec: FieldParamsReq,
    handle: done((r, ctx) => ctx.service.alterField(ctx.db, name(r), String(r.fieldName), propertiesOf(r.fieldParams))),
  },
  'collections/fields/add': {
    spec: AddFieldReq,
    handle: done((r, ctx) =>
      ctx.service.addField(ctx.db, name(r), fieldInputOf(r.schema as Record<string, unknown>, false)),
    ),
  },
};
