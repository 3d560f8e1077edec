/**
 * The fake Milvus service in transport-neutral terms. The gRPC transport and the REST v2 transport
 * both call these methods with plain values and render the results (or the thrown MilvusError) in
 * their own wire format. Database names are the *effective* database (see Store.effectiveDb).
 */
import { systemClock, type Clock } from '../../../common/clock.js';
import type { Collection, IndexMeta } from './collection.js';
import * as ddl from './collections.js';
import * as meta from './meta.js';
import { query, type QueryRequest, type QueryResult } from './reads.js';
import { hybridSearch, search, type HybridRequest, type SearchRequest, type SearchResult } from './search.js';
import { runAnalyzer, type AnalyzedToken, type AnalyzeRequest } from './analyze.js';
import { addCollectionFunction, alterCollectionFunction, dropCollectionFunction } from './functions.js';
import { deleteEntities, flush, write, type DeleteRequest, type FlushResult, type WriteRequest, type WriteResult } from './writes.js';
import type { FieldInput, FunctionInput, KeyValue } from '../schema/index.js';
import { Store, type Database } from './store.js';
import { Rbac } from './rbac.js';
import { ResourceGroups } from './resource-groups.js';
import { Replicas } from './replicas.js';
import { ImportJobs } from './imports.js';

export interface ServiceOptions {
  readonly clock?: Clock;
  /** Reported by GetVersion / Connect. */
  readonly version?: string;
}

export const DEFAULT_VERSION = 'v2.6.6';

export interface AdminState {
  readonly resourceGroups: ResourceGroups;
  readonly replicas: Replicas;
  readonly imports: ImportJobs;
}

const newAdminState = (): AdminState => ({ resourceGroups: new ResourceGroups(), replicas: new Replicas(), imports: new ImportJobs() });

/**
 * @example
 * const service = new MilvusService({ clock: new FixedClock('2026-01-01T00:00:00Z') });
 * service.createCollection('default', { name: 'docs', schema: { fields: [...] } });
 */
export class MilvusService {
  #store: Store;
  #rbac = new Rbac();
  #admin = newAdminState();
  readonly #clock: Clock;
  readonly version: string;

  constructor(options: ServiceOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#store = new Store(this.#clock);
    this.version = options.version ?? DEFAULT_VERSION;
  }

  get store(): Store {
    return this.#store;
  }

  /** Users, roles, grants and privilege groups (RBAC metadata, kept apart from the data). */
  get rbac(): Rbac {
    return this.#rbac;
  }

  /** Resource groups, replicas and import jobs (querycoord / datacoord state of the standalone). */
  get admin(): AdminState {
    return this.#admin;
  }

  /** Drops every database, collection and row (the control plane's reset re-seeds afterwards). */
  reset(): void {
    this.#store = new Store(this.#clock);
    this.#rbac = new Rbac();
    this.#admin = newAdminState();
  }

  // Databases
  createDatabase(name: string, properties: readonly KeyValue[] = []): void {
    ddl.createDatabase(this.store, name, properties);
  }
  dropDatabase(name: string): void {
    ddl.dropDatabase(this.store, name);
  }
  listDatabases(): Database[] {
    return [...this.store.databases.values()];
  }
  describeDatabase(name: string): Database {
    return this.store.database(name);
  }
  alterDatabase(name: string, set: readonly KeyValue[], deleteKeys: readonly string[] = []): void {
    ddl.alterDatabase(this.store, name, set, deleteKeys);
  }

  // Collections
  createCollection(db: string, request: ddl.CreateCollectionRequest): void {
    ddl.createCollection(this.store, db, request);
  }
  dropCollection(db: string, name: string): void {
    ddl.dropCollection(this.store, db, name);
  }
  hasCollection(db: string, name: string): boolean {
    return this.store.findCollection(db, name) !== undefined;
  }
  /** The collection (resolved through aliases) and its aliases. */
  describeCollection(db: string, name: string): { collection: Collection; aliases: string[] } {
    const collection = this.store.collection(db, name);
    return { collection, aliases: this.store.aliasesOf(collection) };
  }
  listCollections(db: string): Collection[] {
    return ddl.listCollections(this.store, db);
  }
  renameCollection(db: string, oldName: string, newName: string, newDb?: string): void {
    ddl.renameCollection(this.store, db, oldName, newName, newDb);
  }
  alterCollection(db: string, name: string, set: readonly KeyValue[], deleteKeys: readonly string[] = []): void {
    ddl.alterCollectionProperties(this.store, db, name, set, deleteKeys);
  }
  alterField(db: string, name: string, fieldName: string, set: readonly KeyValue[]): void {
    ddl.alterField(this.store, db, name, fieldName, set);
  }
  addField(db: string, name: string, field: FieldInput): void {
    ddl.addField(this.store, db, name, field);
  }
  truncateCollection(db: string, name: string): void {
    ddl.truncateCollection(this.store, db, name);
  }
  /** Stored rows as datacoord sums them: deleted and upserted-over rows count until a compaction. */
  collectionStatistics(db: string, name: string): { rowCount: number } {
    const collection = this.store.collection(db, name);
    return { rowCount: meta.rowCounts(collection).reduce((a, b) => a + b, 0) };
  }
  loadCollection(db: string, name: string): void {
    ddl.loadCollection(this.store, db, name);
  }
  releaseCollection(db: string, name: string): void {
    ddl.releaseCollection(this.store, db, name);
  }
  loadState(db: string, name: string, partitions: readonly string[] = []): ddl.LoadStateName {
    return ddl.loadState(this.store, db, name, partitions);
  }
  loadingProgress(db: string, name: string, partitions: readonly string[] = []): number {
    return ddl.loadingProgress(this.store, db, name, partitions);
  }

  // Partitions
  createPartition(db: string, name: string, partition: string): void {
    meta.createPartition(this.store, db, name, partition);
  }
  dropPartition(db: string, name: string, partition: string): void {
    meta.dropPartition(this.store, db, name, partition);
  }
  hasPartition(db: string, name: string, partition: string): boolean {
    return this.store.collection(db, name).partitionIndex(partition) >= 0;
  }
  listPartitions(db: string, name: string): Array<{ name: string; id: bigint; createdTs: bigint; createdUtcMs: number; loaded: boolean; rowCount: number }> {
    const collection = this.store.collection(db, name);
    const counts = meta.rowCounts(collection);
    return collection.partitions.map((p, i) => ({ ...p, loaded: collection.loaded.has(p.name), rowCount: counts[i] ?? 0 }));
  }
  loadPartitions(db: string, name: string, partitions: readonly string[]): void {
    meta.loadPartitions(this.store, db, name, partitions);
  }
  releasePartitions(db: string, name: string, partitions: readonly string[]): void {
    meta.releasePartitions(this.store, db, name, partitions);
  }
  partitionStatistics(db: string, name: string, partition: string): { rowCount: number } {
    const collection = this.store.collection(db, name);
    const index = collection.requirePartition(partition);
    return { rowCount: meta.rowCounts(collection)[index] ?? 0 };
  }

  // Aliases
  createAlias(db: string, collection: string, alias: string): void {
    meta.createAlias(this.store, db, collection, alias);
  }
  dropAlias(db: string, alias: string): void {
    meta.dropAlias(this.store, db, alias);
  }
  alterAlias(db: string, collection: string, alias: string): void {
    meta.alterAlias(this.store, db, collection, alias);
  }
  describeAlias(db: string, alias: string): string {
    return meta.describeAlias(this.store, db, alias);
  }
  listAliases(db: string, collection = ''): string[] {
    return meta.listAliases(this.store, db, collection);
  }

  // Indexes
  createIndex(db: string, name: string, request: meta.CreateIndexRequest): void {
    meta.createIndex(this.store, db, name, request);
  }
  describeIndex(db: string, name: string, fieldName = '', indexName = ''): IndexMeta[] {
    return meta.describeIndexes(this.store, db, name, fieldName, indexName);
  }
  dropIndex(db: string, name: string, fieldName = '', indexName = ''): void {
    meta.dropIndex(this.store, db, name, fieldName, indexName);
  }
  alterIndex(db: string, name: string, indexName: string, set: readonly KeyValue[], deleteKeys: readonly string[] = []): void {
    meta.alterIndex(this.store, db, name, indexName, set, deleteKeys);
  }
  /** Index build progress: builds are instant, so every stored row is indexed. */
  indexProgress(db: string, name: string): { indexedRows: number; totalRows: number } {
    const rows = this.collectionStatistics(db, name).rowCount;
    return { indexedRows: rows, totalRows: rows };
  }

  // Data
  insert(db: string, name: string, request: WriteRequest): WriteResult {
    return write(this.store, db, name, 'insert', request);
  }
  upsert(db: string, name: string, request: WriteRequest): WriteResult {
    return write(this.store, db, name, 'upsert', request);
  }
  delete(db: string, name: string, request: DeleteRequest): WriteResult {
    return deleteEntities(this.store, db, name, request);
  }
  flush(db: string, names: readonly string[]): FlushResult {
    return flush(this.store, db, names);
  }
  /** ManualCompaction of a collection: finishes at once, so deleted rows leave the statistics now. */
  compact(db: string, name: string): bigint {
    this.store.collection(db, name).table.compactStats();
    return this.store.tso.next();
  }
  /** ManualCompaction by collection ID (the gRPC form; IDs are unique across databases). */
  compactById(id: bigint): bigint {
    for (const database of this.store.databases.values()) {
      for (const collection of database.collections.values()) if (collection.id === id) collection.table.compactStats();
    }
    return this.store.tso.next();
  }
  query(db: string, name: string, request: QueryRequest): QueryResult {
    return query(this.store, db, name, request);
  }
  search(db: string, name: string, request: SearchRequest): SearchResult {
    return search(this.store, db, name, request);
  }
  hybridSearch(db: string, name: string, request: HybridRequest): SearchResult {
    return hybridSearch(this.store, db, name, request);
  }
  runAnalyzer(db: string, request: AnalyzeRequest): AnalyzedToken[][] {
    return runAnalyzer(this.store, db, request);
  }
  addCollectionFunction(db: string, name: string, fn: FunctionInput | undefined): void {
    addCollectionFunction(this.store, db, name, fn);
  }
  alterCollectionFunction(db: string, name: string, functionName: string, fn: FunctionInput | undefined): void {
    alterCollectionFunction(this.store, db, name, functionName, fn);
  }
  dropCollectionFunction(db: string, name: string, functionName: string): void {
    dropCollectionFunction(this.store, db, name, functionName);
  }
}
