/**
 * gRPC handlers for databases, collections, partitions, aliases, indexes and load state.
 */
import { decodeMessage } from './descriptors.js';
import { num, str, strs, type Handler, type ProtoRequest } from './context.js';
import { describeCollectionReply, fieldInputFromProto, indexDescription, kvList, schemaInputFromBytes } from './convert.js';
import type { KeyValuePair, ProtoFieldSchema } from './proto-types.js';
import { Codes, MilvusError, errors } from '../errors/status.js';

const kv = (request: ProtoRequest, key: string) => kvList(request[key] as KeyValuePair[] | undefined);
const name = (request: ProtoRequest) => str(request, 'collection_name');

export const ddlHandlers: Record<string, Handler> = {
  CreateDatabase: (r, c) => (c.service.createDatabase(str(r, 'db_name'), kv(r, 'properties')), {}),
  DropDatabase: (r, c) => (c.service.dropDatabase(str(r, 'db_name')), {}),
  ListDatabases: (_r, c) => {
    const dbs = c.service.listDatabases();
    return {
      db_names: dbs.map((d) => d.name),
      created_timestamp: dbs.map((d) => String(d.createdTs)),
      db_ids: dbs.map((d) => String(d.id)),
    };
  },
  DescribeDatabase: (r, c) => {
    const db = c.service.describeDatabase(str(r, 'db_name') || c.db);
    return { db_name: db.name, dbID: String(db.id), created_timestamp: String(db.createdTs), properties: db.properties };
  },
  AlterDatabase: (r, c) => (c.service.alterDatabase(str(r, 'db_name') || c.db, kv(r, 'properties'), strs(r, 'delete_keys')), {}),

  CreateCollection: (r, c) => {
    const bytes = r.schema as Uint8Array | undefined;
    const { input } = schemaInputFromBytes(bytes ?? new Uint8Array(0));
    c.service.createCollection(c.db, {
      name: name(r),
      schema: input,
      shardsNum: num(r, 'shards_num'),
      consistencyLevel: str(r, 'consistency_level') || 'Strong',
      properties: kv(r, 'properties'),
      numPartitions: num(r, 'num_partitions'),
    });
    return {};
  },
  DropCollection: (r, c) => (c.service.dropCollection(c.db, name(r)), {}),
  HasCollection: (r, c) => ({ value: c.service.hasCollection(c.db, name(r)) }),
  DescribeCollection: (r, c) => {
    const id = str(r, 'collectionID');
    const byId = !name(r) && id && id !== '0' ? c.service.listCollections(c.db).find((col) => String(col.id) === id) : undefined;
    const { collection, aliases } = c.service.describeCollection(c.db, byId?.name ?? name(r));
    return describeCollectionReply(collection, aliases, name(r));
  },
  BatchDescribeCollection: (r, c) => {
    // proxy impl.go: names only (collection_id is never read); none is a missing parameter (1101).
    const names = strs(r, 'collection_name');
    if (names.length === 0) throw errors.missingParameter('collection names cannot be empty');
    return { responses: names.map((n) => {
      const { collection, aliases } = c.service.describeCollection(c.db, n);
      return { status: { error_code: 'Success', code: 0 }, ...describeCollectionReply(collection, aliases, n) };
    }) };
  },
  ShowCollections: (r, c) => {
    const wanted = strs(r, 'collection_names');
    const inMemory = str(r, 'type') === 'InMemory';
    let list = c.service.listCollections(c.db);
    if (wanted.length > 0) list = wanted.map((n) => c.service.describeCollection(c.db, n).collection);
    if (inMemory) list = list.filter((col) => col.isLoaded);
    return {
      collection_names: list.map((col) => col.name),
      collection_ids: list.map((col) => String(col.id)),
      created_timestamps: list.map((col) => String(col.createdTs)),
      created_utc_timestamps: list.map((col) => String(col.createdUtcMs)),
      inMemory_percentages: list.map((col) => (col.isLoaded ? '100' : '0')),
      query_service_available: list.map((col) => col.isLoaded),
      shards_num: list.map((col) => col.shardsNum),
    };
  },
  RenameCollection: (r, c) => (c.service.renameCollection(c.db, str(r, 'oldName'), str(r, 'newName'), str(r, 'newDBName') || undefined), {}),
  AlterCollection: (r, c) => (c.service.alterCollection(c.db, name(r), kv(r, 'properties'), strs(r, 'delete_keys')), {}),
  AlterCollectionField: (r, c) => (c.service.alterField(c.db, name(r), str(r, 'field_name'), kv(r, 'properties')), {}),
  TruncateCollection: (r, c) => (c.service.truncateCollection(c.db, name(r)), {}),
  GetCollectionStatistics: (r, c) => ({ stats: [{ key: 'row_count', value: String(c.service.collectionStatistics(c.db, name(r)).rowCount) }] }),
  AddCollectionField: (r, c) => {
    const field = decodeMessage<ProtoFieldSchema>('milvus.proto.schema.FieldSchema', (r.schema as Uint8Array | undefined) ?? new Uint8Array(0));
    c.service.addField(c.db, name(r), fieldInputFromProto(field));
    return {};
  },
  AlterCollectionSchema: (r, c) => {
    const action = r.action as { add_request?: { field_infos?: Array<{ field_schema?: ProtoFieldSchema }>; func_schema?: unknown[] }; drop_request?: unknown; op?: string } | null;
    if (action?.op !== 'add_request' || !action.add_request) throw errors.unsupported('dropping fields and functions');
    if ((action.add_request.func_schema ?? []).length > 0) throw errors.unsupported('adding function fields');
    for (const info of action.add_request.field_infos ?? []) {
      c.service.addField(c.db, name(r), fieldInputFromProto(info.field_schema ?? {}));
    }
    return {};
  },

  LoadCollection: (r, c) => (c.service.loadCollection(c.db, name(r)), {}),
  ReleaseCollection: (r, c) => (c.service.releaseCollection(c.db, name(r)), {}),
  GetLoadingProgress: (r, c) => {
    const progress = String(c.service.loadingProgress(c.db, name(r), strs(r, 'partition_names')));
    return { progress, refresh_progress: progress };
  },
  GetLoadState: (r, c) => ({ state: c.service.loadState(c.db, name(r), strs(r, 'partition_names')) }),

  CreatePartition: (r, c) => (c.service.createPartition(c.db, name(r), str(r, 'partition_name')), {}),
  DropPartition: (r, c) => (c.service.dropPartition(c.db, name(r), str(r, 'partition_name')), {}),
  HasPartition: (r, c) => ({ value: c.service.hasPartition(c.db, name(r), str(r, 'partition_name')) }),
  ShowPartitions: (r, c) => {
    const wanted = strs(r, 'partition_names');
    const all = c.service.listPartitions(c.db, name(r));
    const inMemory = str(r, 'type') === 'InMemory';
    if (!inMemory) {
      // ShowType All: rootcoord's answer as it is, every partition, no in-memory figures.
      const list = wanted.length > 0 ? all.filter((p) => wanted.includes(p.name)) : all;
      return {
        partition_names: list.map((p) => p.name),
        partitionIDs: list.map((p) => String(p.id)),
        created_timestamps: list.map((p) => String(p.createdTs)),
        created_utc_timestamps: list.map((p) => String(p.createdUtcMs)),
        inMemory_percentages: [],
      };
    }
    // InMemory: querycoord's ShowLoadPartitions. Only loaded partitions; a named one that is not loaded
    // is 201 "partition not loaded[partition=<id>]"; an unknown name is not found (proxy showPartitionsTask).
    let list = all.filter((p) => p.loaded);
    if (wanted.length > 0) {
      list = wanted.map((n) => {
        const p = all.find((q) => q.name === n);
        if (!p) throw errors.partitionNotFound(n);
        if (!p.loaded) throw new MilvusError(Codes.partitionNotLoaded, `partition not loaded[partition=${String(p.id)}]`);
        return p;
      });
    }
    return {
      partition_names: list.map((p) => p.name),
      partitionIDs: list.map((p) => String(p.id)),
      created_timestamps: list.map((p) => String(p.createdTs)),
      created_utc_timestamps: list.map((p) => String(p.createdUtcMs)),
      inMemory_percentages: list.map(() => '100'),
    };
  },
  LoadPartitions: (r, c) => (c.service.loadPartitions(c.db, name(r), strs(r, 'partition_names')), {}),
  ReleasePartitions: (r, c) => (c.service.releasePartitions(c.db, name(r), strs(r, 'partition_names')), {}),
  GetPartitionStatistics: (r, c) => ({
    stats: [{ key: 'row_count', value: String(c.service.partitionStatistics(c.db, name(r), str(r, 'partition_name')).rowCount) }],
  }),

  CreateAlias: (r, c) => (c.service.createAlias(c.db, name(r), str(r, 'alias')), {}),
  DropAlias: (r, c) => (c.service.dropAlias(c.db, str(r, 'alias')), {}),
  AlterAlias: (r, c) => (c.service.alterAlias(c.db, name(r), str(r, 'alias')), {}),
  DescribeAlias: (r, c) => ({ db_name: c.db, alias: str(r, 'alias'), collection: c.service.describeAlias(c.db, str(r, 'alias')) }),
  ListAliases: (r, c) => ({ db_name: c.db, collection_name: name(r), aliases: c.service.listAliases(c.db, name(r)) }),

  CreateIndex: (r, c) => {
    c.service.createIndex(c.db, name(r), {
      fieldName: str(r, 'field_name'),
      indexName: str(r, 'index_name'),
      extraParams: kv(r, 'extra_params'),
    });
    return {};
  },
  DescribeIndex: (r, c) => {
    const indexes = c.service.describeIndex(c.db, name(r), str(r, 'field_name'), str(r, 'index_name'));
    const rows = c.service.collectionStatistics(c.db, name(r)).rowCount;
    return { index_descriptions: indexes.map((i) => indexDescription(i, rows)) };
  },
  GetIndexStatistics: (r, c) => {
    const indexes = c.service.describeIndex(c.db, name(r), '', str(r, 'index_name'));
    const rows = c.service.collectionStatistics(c.db, name(r)).rowCount;
    return { index_descriptions: indexes.map((i) => indexDescription(i, rows)) };
  },
  DropIndex: (r, c) => (c.service.dropIndex(c.db, name(r), str(r, 'field_name'), str(r, 'index_name')), {}),
  AlterIndex: (r, c) => (c.service.alterIndex(c.db, name(r), str(r, 'index_name'), kv(r, 'extra_params'), strs(r, 'delete_keys')), {}),
  GetIndexState: (r, c) => {
    c.service.describeIndex(c.db, name(r), str(r, 'field_name'), str(r, 'index_name'));
    return { state: 'Finished', fail_reason: '' };
  },
  GetIndexBuildProgress: (r, c) => {
    c.service.describeIndex(c.db, name(r), str(r, 'field_name'), str(r, 'index_name'));
    const { indexedRows, totalRows } = c.service.indexProgress(c.db, name(r));
    return { indexed_rows: String(indexedRows), total_rows: String(totalRows) };
  },
};
