/**
 * Partitions, aliases and indexes, with rootcoord/datacoord's rules and wording.
 */
import { DEFAULT_PARTITION, type Collection, type IndexMeta } from './collection.js';
import { isVectorType } from '../schema/data-types.js';
import { resolveIndex, sameIndex } from '../schema/index-params.js';
import { validateCollectionName, type KeyValue } from '../schema/index.js';
import { Codes, errors, MilvusError } from '../errors/status.js';
import type { Store } from './store.js';
import { resolveEmbListIndex, structTarget } from './emb-list.js';

const MAX_PARTITIONS = 1024;

function validatePartitionName(name: string): void {
  const tag = name.trim();
  const invalid = `Invalid partition name: ${tag}. `;
  if (tag === '') throw errors.invalidParameter(`${invalid}Partition name should not be empty.`);
  if (tag.length > 255) throw errors.invalidParameter(`${invalid}The length of a partition name must be less than 255 characters.`);
  if (!/^[A-Za-z0-9_]/.test(tag)) {
    throw errors.invalidParameter(`${invalid}The first character of a partition name must be an underscore or letter.`);
  }
  if (!/^.[A-Za-z0-9_-]*$/.test(tag)) {
    throw errors.invalidParameter(`${invalid}Partition name can only contain numbers, letters and underscores.`);
  }
}

export function createPartition(store: Store, dbName: string, name: string, partition: string): void {
  const collection = store.collection(dbName, name);
  validatePartitionName(partition);
  if (collection.partitionKeyField) throw errors.unexpected('disable create partition if partition key mode is used');
  if (collection.partitionIndex(partition) >= 0) return;
  if (collection.partitions.length >= MAX_PARTITIONS) {
    throw errors.unexpected(`partition number (${collection.partitions.length}) exceeds max configuration (${MAX_PARTITIONS}), collection: ${collection.name}`);
  }
  collection.partitions.push({ name: partition, id: store.tso.next(), createdTs: store.tso.next(), createdUtcMs: store.nowMs() });
  if (collection.loadedWhole) collection.loaded.add(partition);
}

export function dropPartition(store: Store, dbName: string, name: string, partition: string): void {
  const collection = store.collection(dbName, name);
  validatePartitionName(partition);
  if (partition === DEFAULT_PARTITION) throw errors.unexpected('default partition cannot be deleted');
  if (collection.partitionKeyField) throw errors.unexpected('disable drop partition if partition key mode is used');
  const index = collection.partitionIndex(partition);
  if (index < 0) return;
  if (collection.loaded.has(partition)) {
    throw errors.unexpected('partition cannot be dropped, partition is loaded, please release it first');
  }
  // Rows of the dropped partition go away; later partitions shift down by one index.
  collection.table.dropPartition(index);
  collection.partitions.splice(index, 1);
}

export function loadPartitions(store: Store, dbName: string, name: string, partitions: readonly string[]): void {
  const collection = store.collection(dbName, name);
  if (partitions.length === 0) throw errors.invalidParameter('partition names should not be empty');
  for (const p of partitions) collection.requirePartition(p);
  collection.checkIndexedForLoad();
  for (const p of partitions) collection.loaded.add(p);
}

export function releasePartitions(store: Store, dbName: string, name: string, partitions: readonly string[]): void {
  const collection = store.collection(dbName, name);
  for (const p of partitions) collection.requirePartition(p);
  for (const p of partitions) collection.loaded.delete(p);
  collection.loadedWhole = false;
}

/** Rows per partition index as statistics report them (deleted rows count until a compaction). */
export function rowCounts(collection: Collection): number[] {
  return collection.table.statRowCounts(collection.partitions.length);
}

export function createAlias(store: Store, dbName: string, collectionName: string, alias: string): void {
  validateCollectionName(alias, 'alias');
  const db = store.database(dbName);
  if (db.collections.has(alias)) {
    throw new MilvusError(Codes.aliasCollectionNameConflict, `alias and collection name conflict[database=${db.name}][alias=${alias}]`);
  }
  const target = db.collections.get(collectionName);
  if (!target) throw new MilvusError(Codes.collectionNotFound, `collection not found[database=${db.name}][collection=${collectionName}]`);
  const existing = db.aliases.get(alias);
  if (existing === collectionName) return;
  if (existing !== undefined) {
    throw new MilvusError(
      Codes.aliasAlreadyExist,
      `${alias} is alias to another collection: ${existing}: alias already exist[database=${db.name}][alias=${alias}]`,
    );
  }
  db.aliases.set(alias, collectionName);
}

export function dropAlias(store: Store, dbName: string, alias: string): void {
  const db = store.database(dbName);
  if (!db.aliases.has(alias)) throw errors.aliasNotFound(db.name, alias);
  db.aliases.delete(alias);
}

export function alterAlias(store: Store, dbName: string, collectionName: string, alias: string): void {
  const db = store.database(dbName);
  if (db.collections.has(alias)) {
    throw new MilvusError(Codes.aliasCollectionNameConflict, `alias and collection name conflict[database=${db.name}][alias=${alias}]`);
  }
  if (!db.collections.has(collectionName)) throw new MilvusError(Codes.collectionNotFound, `collection not found[collection=${collectionName}]`);
  if (!db.aliases.has(alias)) throw errors.aliasNotFound(db.name, alias);
  db.aliases.set(alias, collectionName);
}

export function describeAlias(store: Store, dbName: string, alias: string): string {
  const db = store.database(dbName);
  const target = db.aliases.get(alias);
  if (target === undefined) throw errors.aliasNotFound(db.name, alias);
  return target;
}

export function listAliases(store: Store, dbName: string, collectionName: string): string[] {
  const db = store.database(dbName);
  if (!collectionName) return [...db.aliases.keys()].sort();
  const collection = db.collections.get(collectionName);
  if (!collection) throw new MilvusError(Codes.collectionNotFound, `collection not found[collection=${collectionName}]`);
  return store.aliasesOf(collection);
}

export interface CreateIndexRequest {
  readonly fieldName: string;
  readonly indexName?: string;
  /** `index_type`, `metric_type`, `params` (JSON text) and any other key the caller sent. */
  readonly extraParams: readonly KeyValue[];
}

export function createIndex(store: Store, dbName: string, name: string, request: CreateIndexRequest): void {
  const collection = store.collection(dbName, name);
  const target = structTarget(collection.schema.fields, request.fieldName);
  const field = target?.sub ?? collection.schema.fields.find((f) => f.name === request.fieldName);
  if (!field) throw errors.unexpected(`cannot create index on non-exist field: ${request.fieldName}`);
  if (field.structFields) throw errors.invalidParameter(`index on the Array of Structs field ${field.name}: index its sub-fields as ${field.name}[sub]`);
  const path = target ? request.fieldName.trim() : field.name;
  const onField = collection.indexOnField(path);
  const indexName = request.indexName?.trim() || onField?.indexName || path;
  const spec = target ? resolveEmbListIndex(target, path, indexName, request.extraParams) : resolveIndex(field, indexName, request.extraParams);
  if (onField) {
    if (sameIndex(onField, spec)) return;
    throw errors.unexpected('CreateIndex failed: at most one distinct index is allowed per field');
  }
  if (collection.indexes.some((i) => i.indexName === indexName)) {
    throw errors.unexpected('CreateIndex failed: index already exist, but parameters are inconsistent');
  }
  collection.indexes.push({ ...spec, id: store.tso.next(), fieldID: field.fieldID, createdTs: store.tso.next() });
}

/** Indexes matching an optional field or index name; IndexNotExist (700) when none. */
export function describeIndexes(store: Store, dbName: string, name: string, fieldName: string, indexName: string): IndexMeta[] {
  const collection = store.collection(dbName, name);
  const found = collection.indexes.filter(
    (i) => (!indexName || i.indexName === indexName) && (!fieldName || i.fieldName === fieldName),
  );
  if (found.length === 0) throw errors.indexNotFound(collection.name);
  return found;
}

export function dropIndex(store: Store, dbName: string, name: string, fieldName: string, indexName: string): void {
  const collection = store.collection(dbName, name);
  const matches = collection.indexes.filter(
    (i) => (!indexName || i.indexName === indexName) && (!fieldName || i.fieldName === fieldName),
  );
  if (matches.length === 0) return;
  const field = (m: IndexMeta) =>
    structTarget(collection.schema.fields, m.fieldName)?.sub ?? collection.schema.fields.find((f) => f.name === m.fieldName);
  if (collection.isLoaded && matches.some((m) => isVectorType(field(m)?.type ?? 'Bool'))) {
    throw errors.unexpected('index cannot be dropped, collection is loaded, please release it first');
  }
  collection.indexes = collection.indexes.filter((i) => !matches.includes(i));
}

export function alterIndex(store: Store, dbName: string, name: string, indexName: string, set: readonly KeyValue[], deleteKeys: readonly string[]): void {
  const collection = store.collection(dbName, name);
  const index = collection.indexes.find((i) => i.indexName === indexName);
  if (!index) throw errors.indexNotFound(collection.name);
  const keep = index.userParams.filter((p) => !deleteKeys.includes(p.key) && !set.some((s) => s.key === p.key));
  const updated: IndexMeta = { ...index, userParams: [...keep, ...set] };
  collection.indexes = collection.indexes.map((i) => (i === index ? updated : i));
}
