/**
 * Databases, collections, load state and schema changes, with rootcoord's rules: identical re-create
 * is a no-op, a different schema is "create duplicate collection with different parameters", drop is
 * idempotent but refused while aliases exist, rename may not go through an alias.
 */
import { Collection, DEFAULT_PARTITION, type PartitionMeta } from './collection.js';
import {
  buildAddedField,
  buildCollectionSchema,
  MAX_ARRAY_CAPACITY,
  MAX_VARCHAR_LENGTH,
  schemaFingerprint,
  validateCollectionName,
  type FieldInput,
  type KeyValue,
  type SchemaInput,
} from '../schema/index.js';
import { errors, MilvusError, Codes } from '../errors/status.js';
import { DEFAULT_DB, type Database, type Store } from './store.js';
import { checkAlteredProperties, checkDatabaseProperties, creationProperties } from './time-properties.js';

export interface CreateCollectionRequest {
  readonly name: string;
  readonly schema: SchemaInput;
  readonly shardsNum?: number;
  /** `Strong`, `Session`, `Bounded` (default), `Eventually`, `Customized`. */
  readonly consistencyLevel?: string;
  readonly properties?: readonly KeyValue[];
  readonly numPartitions?: number;
}

const DEFAULT_PARTITIONS_WITH_KEY = 16;

function validateDbName(name: string): void {
  const fail = (msg: string) => new MilvusError(Codes.databaseInvalidName, `${msg}: invalid database name[database=${name}]`);
  if (name === '') throw fail("database name couldn't be empty");
  if (name.length > 255) throw fail('the length of a database name must be less than 255 characters');
  if (!/^[A-Za-z_]/.test(name)) throw fail('the first character of a database name must be an underscore or letter');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw fail('database name can only contain numbers, letters and underscores');
}

export function createDatabase(store: Store, name: string, properties: readonly KeyValue[] = []): void {
  validateDbName(name);
  checkDatabaseProperties(properties);
  if (store.databases.has(name)) throw errors.unexpected(`database already exist: ${name}`);
  store.databases.set(name, {
    name,
    id: store.tso.next(),
    createdTs: store.tso.next(),
    properties: [...properties],
    collections: new Map(),
    aliases: new Map(),
  });
}

export function dropDatabase(store: Store, name: string): void {
  if (name === DEFAULT_DB) throw errors.unexpected('can not drop default database');
  const db = store.database(name);
  if (db.collections.size > 0) throw errors.unexpected(`database:${name} not empty, must drop all collections before drop database`);
  store.databases.delete(name);
}

export function alterDatabase(store: Store, name: string, set: readonly KeyValue[], deleteKeys: readonly string[]): void {
  const db = store.database(name);
  if (set.length > 0 && deleteKeys.length > 0) {
    throw errors.invalidParameter('alter database operation cannot modify properties and delete keys at the same time');
  }
  checkDatabaseProperties(set);
  const next = db.properties.filter((p) => !deleteKeys.includes(p.key) && !set.some((s) => s.key === p.key));
  db.properties = [...next, ...set.map((kv) => ({ ...kv }))];
}

export function createCollection(store: Store, dbName: string, request: CreateCollectionRequest): void {
  const db = store.database(dbName);
  const schema = buildCollectionSchema(request.name, request.schema, { numPartitions: request.numPartitions ?? 0 });
  const hasKey = schema.fields.some((f) => f.isPartitionKey);
  const numPartitions = hasKey ? request.numPartitions || DEFAULT_PARTITIONS_WITH_KEY : 0;
  const shardsNum = request.shardsNum && request.shardsNum > 0 ? request.shardsNum : 1;
  const existing = db.collections.get(request.name);
  if (existing) {
    const same =
      schemaFingerprint(existing.schema) === schemaFingerprint(schema) &&
      existing.numPartitions === numPartitions &&
      existing.shardsNum === shardsNum;
    if (same) return;
    throw errors.unexpected(`create duplicate collection with different parameters, collection: ${request.name}`);
  }
  if (db.aliases.has(request.name)) {
    throw errors.unexpected(`collection name [${request.name}] conflicts with an existing alias, please choose a unique name`);
  }
  const createdTs = store.tso.next();
  const createdUtcMs = store.nowMs();
  const names = hasKey ? Array.from({ length: numPartitions }, (_, i) => `${DEFAULT_PARTITION}_${i}`) : [DEFAULT_PARTITION];
  const partitions: PartitionMeta[] = names.map((name) => ({ name, id: store.tso.next(), createdTs, createdUtcMs }));
  db.collections.set(
    request.name,
    new Collection({
      id: store.tso.next(),
      name: request.name,
      dbName: db.name,
      schema,
      createdTs,
      createdUtcMs,
      shardsNum,
      consistencyLevel: request.consistencyLevel ?? 'Bounded',
      properties: creationProperties(schema, request.properties ?? [], db.properties),
      numPartitions,
      partitions,
    }),
  );
}

export function dropCollection(store: Store, dbName: string, name: string): void {
  validateCollectionName(name);
  const db = store.database(dbName);
  if (db.aliases.has(name)) throw errors.unexpected(`cannot drop the collection via alias = ${name}`);
  const collection = db.collections.get(name);
  if (!collection) return;
  const aliases = store.aliasesOf(collection);
  if (aliases.length > 0) {
    throw errors.unexpected(
      `unable to drop the collection [${name}] because it has associated aliases [${aliases.join(' ')}], please remove all aliases before dropping the collection`,
    );
  }
  db.collections.delete(name);
}

export function renameCollection(store: Store, dbName: string, oldName: string, newName: string, newDbName?: string): void {
  validateCollectionName(newName);
  const db = store.database(dbName);
  const targetDbName = newDbName || db.name;
  const target = store.databases.get(targetDbName);
  if (!target) throw errors.unexpected(`target database:${targetDbName} not found`);
  if (db.aliases.has(oldName)) throw errors.unexpected(`unsupported use an alias to rename collection, alias:${oldName}`);
  if (target.aliases.has(newName)) throw errors.unexpected(`cannot rename collection to an existing alias: ${newName}`);
  if (target.collections.has(newName)) {
    throw errors.unexpected(`duplicated new collection name ${targetDbName}:${newName} with other collection name or alias`);
  }
  const collection = db.collections.get(oldName);
  if (!collection) throw errors.collectionNotFound(db.name, oldName);
  if (target !== db && store.aliasesOf(collection).length > 0) {
    throw errors.unexpected('fail to rename db name, must drop all aliases of this collection before rename');
  }
  db.collections.delete(oldName);
  collection.name = newName;
  collection.dbName = target.name;
  collection.updateTs = store.tso.next();
  target.collections.set(newName, collection);
}

export function listCollections(store: Store, dbName: string): Collection[] {
  const db: Database = store.database(dbName);
  return [...db.collections.values()].sort((a, b) => (a.createdTs < b.createdTs ? -1 : a.createdTs > b.createdTs ? 1 : 0));
}

export function alterCollectionProperties(store: Store, dbName: string, name: string, set: readonly KeyValue[], deleteKeys: readonly string[]): void {
  const collection = store.collection(dbName, name);
  if (set.length > 0 && deleteKeys.length > 0) {
    throw errors.invalidParameter('cannot provide both DeleteKeys and ExtraParams');
  }
  checkAlteredProperties(collection, set);
  for (const kv of set) {
    if (kv.key === 'dynamicfield.enabled') {
      enableDynamicField(store, collection, kv.value);
      continue;
    }
    collection.setProperty(kv.key, kv.value);
  }
  for (const key of deleteKeys) collection.deleteProperty(key);
  collection.updateTs = store.tso.next();
}

function enableDynamicField(store: Store, collection: Collection, value: string): void {
  const enable = value.toLowerCase() === 'true';
  if (!enable) {
    if (collection.schema.enableDynamicField) throw errors.invalidParameter('cannot disable dynamic schema');
    return;
  }
  if (collection.schema.enableDynamicField) return;
  collection.schema = { ...collection.schema, enableDynamicField: true };
  collection.table.enableDynamic(collection.schema);
  collection.nextFieldID++;
  collection.updateTs = store.tso.next();
}

export function addField(store: Store, dbName: string, name: string, input: FieldInput): void {
  const collection = store.collection(dbName, name);
  const field = buildAddedField(collection.schema, input, collection.nextFieldID);
  collection.nextFieldID++;
  collection.schema = { ...collection.schema, fields: [...collection.schema.fields, field] };
  collection.table.addField(collection.schema, field);
  collection.updateTs = store.tso.next();
}

/**
 * AlterCollectionField: `max_length` (VarChar, VarChar arrays) and `max_capacity` (arrays) change the
 * limits later inserts are checked against; other keys (`mmap.enabled`, ...) are kept as type params.
 */
export function alterField(store: Store, dbName: string, name: string, fieldName: string, set: readonly KeyValue[]): void {
  const collection = store.collection(dbName, name);
  const field = collection.schema.fields.find((f) => f.name === fieldName);
  if (!field) throw errors.fieldNotFound(fieldName);
  let next = { ...field, typeParams: [...field.typeParams] };
  for (const { key, value } of set) {
    const n = Number(value);
    if (key === 'max_length') {
      if (field.type !== 'VarChar' && field.elementType !== 'VarChar') {
        throw errors.invalidParameter(`${key} can only be set for VarChar fields, field: ${fieldName}`);
      }
      if (!Number.isInteger(n) || n <= 0 || n > MAX_VARCHAR_LENGTH) {
        throw errors.invalidParameter(`the maximum length specified for the field(${fieldName}) should be in (0, ${MAX_VARCHAR_LENGTH}], but got ${value} instead`);
      }
      next = { ...next, maxLength: n };
    } else if (key === 'max_capacity') {
      if (field.type !== 'Array') throw errors.invalidParameter(`${key} can only be set for Array fields, field: ${fieldName}`);
      if (!Number.isInteger(n) || n <= 0 || n > MAX_ARRAY_CAPACITY) {
        throw errors.invalidParameter(`the maximum capacity specified for a Array should be in (0, ${MAX_ARRAY_CAPACITY}]`);
      }
      next = { ...next, maxCapacity: n };
    }
    next.typeParams = [...next.typeParams.filter((p) => p.key !== key), { key, value }];
  }
  collection.schema = { ...collection.schema, fields: collection.schema.fields.map((f) => (f === field ? next : f)) };
  collection.table.replaceSchema(collection.schema);
  collection.updateTs = store.tso.next();
}

export function loadCollection(store: Store, dbName: string, name: string): void {
  const collection = store.collection(dbName, name);
  collection.checkIndexedForLoad();
  collection.loadedWhole = true;
  for (const p of collection.partitions) collection.loaded.add(p.name);
}

export function releaseCollection(store: Store, dbName: string, name: string): void {
  const collection = store.collection(dbName, name);
  collection.loaded.clear();
  collection.loadedWhole = false;
}

export type LoadStateName = 'LoadStateNotExist' | 'LoadStateNotLoad' | 'LoadStateLoading' | 'LoadStateLoaded';

export function loadState(store: Store, dbName: string, name: string, partitionNames: readonly string[]): LoadStateName {
  const collection = store.collection(dbName, name);
  if (partitionNames.length === 0) return collection.isLoaded ? 'LoadStateLoaded' : 'LoadStateNotLoad';
  for (const p of partitionNames) collection.requirePartition(p);
  return partitionNames.every((p) => collection.loaded.has(p)) ? 'LoadStateLoaded' : 'LoadStateNotLoad';
}

/** Loading progress in percent: 100 once loaded (the fake loads instantly), else "not loaded". */
export function loadingProgress(store: Store, dbName: string, name: string, partitionNames: readonly string[]): number {
  const collection = store.collection(dbName, name);
  const wanted = partitionNames.length > 0 ? partitionNames : collection.partitions.map((p) => p.name);
  for (const p of partitionNames) collection.requirePartition(p);
  if (!collection.isLoaded || (partitionNames.length > 0 && !wanted.every((p) => collection.loaded.has(p)))) {
    throw errors.collectionNotLoaded(String(collection.id));
  }
  return 100;
}

export function truncateCollection(store: Store, dbName: string, name: string): void {
  const collection = store.collection(dbName, name);
  collection.table.clear();
  collection.updateTs = store.tso.next();
}
