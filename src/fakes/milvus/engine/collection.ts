/**
 * One collection: its metadata (schema, properties, partitions, indexes, load state) and its rows.
 */
import { isVectorType } from '../schema/data-types.js';
import type { IndexSpec } from '../schema/index-params.js';
import type { CollectionSchemaDef, FieldDef, KeyValue } from '../schema/index.js';
import { DEFAULT_TIMEZONE, TIMEZONE_KEY } from '../schema/timestamptz.js';
import { errors, MilvusError } from '../errors/status.js';
import { RowTable } from '../storage/table.js';

export interface PartitionMeta {
  readonly name: string;
  readonly id: bigint;
  readonly createdTs: bigint;
  readonly createdUtcMs: number;
}

export interface IndexMeta extends IndexSpec {
  readonly id: bigint;
  readonly fieldID: number;
  readonly createdTs: bigint;
}

export const DEFAULT_PARTITION = '_default';

export interface CollectionInit {
  readonly id: bigint;
  readonly name: string;
  readonly dbName: string;
  readonly schema: CollectionSchemaDef;
  readonly createdTs: bigint;
  readonly createdUtcMs: number;
  readonly shardsNum: number;
  readonly consistencyLevel: string;
  readonly properties: readonly KeyValue[];
  readonly numPartitions: number;
  readonly partitions: readonly PartitionMeta[];
}

export class Collection {
  readonly id: bigint;
  name: string;
  dbName: string;
  schema: CollectionSchemaDef;
  readonly createdTs: bigint;
  readonly createdUtcMs: number;
  updateTs: bigint;
  readonly shardsNum: number;
  readonly consistencyLevel: string;
  properties: KeyValue[];
  readonly numPartitions: number;
  partitions: PartitionMeta[];
  indexes: IndexMeta[] = [];
  /** Names of loaded partitions; empty = released. */
  readonly loaded = new Set<string>();
  /** Whether the load was for the whole collection (new partitions then load too). */
  loadedWhole = false;
  readonly table: RowTable;
  nextFieldID: number;

  constructor(init: CollectionInit) {
    this.id = init.id;
    this.name = init.name;
    this.dbName = init.dbName;
    this.schema = init.schema;
    this.createdTs = init.createdTs;
    this.createdUtcMs = init.createdUtcMs;
    this.updateTs = init.createdTs;
    this.shardsNum = init.shardsNum;
    this.consistencyLevel = init.consistencyLevel;
    this.properties = [...init.properties];
    this.numPartitions = init.numPartitions;
    this.partitions = [...init.partitions];
    this.table = new RowTable(init.schema);
    this.nextFieldID = 100 + init.schema.fields.length + (init.schema.enableDynamicField ? 1 : 0);
  }

  get partitionKeyField(): FieldDef | undefined {
    return this.schema.fields.find((f) => f.isPartitionKey);
  }

  /** The `timezone` property (set on every collection at creation), UTC when absent. */
  get timezone(): string {
    return this.property(TIMEZONE_KEY) ?? DEFAULT_TIMEZONE;
  }

  property(key: string): string | undefined {
    return this.properties.find((p) => p.key === key)?.value;
  }

  setProperty(key: string, value: string): void {
    const existing = this.properties.find((p) => p.key === key);
    if (existing) existing.value = value;
    else this.properties.push({ key, value });
  }

  deleteProperty(key: string): void {
    this.properties = this.properties.filter((p) => p.key !== key);
  }

  partitionIndex(name: string): number {
    return this.partitions.findIndex((p) => p.name === name);
  }

  requirePartition(name: string): number {
    const index = this.partitionIndex(name);
    if (index < 0) throw errors.partitionNotFound(name);
    return index;
  }

  get isLoaded(): boolean {
    return this.loaded.size > 0;
  }

  /** Load precondition: every vector field has an index (proxy/querycoord rule). */
  checkIndexedForLoad(): void {
    const unindexed = this.schema.fields
      .filter((f) => isVectorType(f.type) && !this.indexes.some((i) => i.fieldName === f.name))
      .map((f) => f.name);
    if (unindexed.length > 0) {
      throw errors.invalidParameter(`there is no vector index on field: [${unindexed.join(' ')}], please create index firstly`);
    }
  }

  /**
   * Partition indices a read may touch: the named ones (each must exist and be loaded), or every loaded
   * partition. Throws "collection not loaded" when nothing is loaded.
   */
  readablePartitions(names: readonly string[], verb: 'search' | 'query'): Set<number> {
    if (!this.isLoaded) throw errors.collectionNotLoaded(String(this.id), verb);
    const out = new Set<number>();
    if (names.length === 0) {
      this.partitions.forEach((p, i) => {
        if (this.loaded.has(p.name)) out.add(i);
      });
      return out;
    }
    for (const name of names) {
      const index = this.partitionIndex(name);
      if (index < 0) throw errors.partitionNotFound(name);
      if (!this.loaded.has(name)) {
        throw new MilvusError(201, `failed to ${verb}: partition not loaded[partition=${name}]`);
      }
      out.add(index);
    }
    return out;
  }

  indexOnField(fieldName: string): IndexMeta | undefined {
    return this.indexes.find((i) => i.fieldName === fieldName);
  }
}
