/**
 * Insert, upsert, delete and flush. Writes are applied synchronously and are visible to the next read
 * at every consistency level (read-your-writes), which is what tests want from "Strong".
 */
import type { ColumnInput } from '../storage/columns.js';
import type { Collection } from './collection.js';
import { asPlanError, compileFilter, exprSchemaOf } from './filter.js';
import type { TemplateValues } from '../expr/index.js';
import { buildBatch } from '../storage/insert-batch.js';
import { partitionForKey } from './partition-hash.js';
import { rowsToColumns } from '../storage/rows.js';
import { candidateRows } from './exact-search.js';
import { computeFunctionOutputs } from './bm25-function.js';
import { withTtl } from './time-properties.js';
import { errors } from '../errors/status.js';
import type { Store } from './store.js';
import type { PrimaryKey } from '../storage/table.js';
import type { FieldOpInput } from '../storage/field-ops.js';

export interface WriteRequest {
  readonly partitionName?: string;
  /** Column form (gRPC FieldData); `numRows` is required with it. */
  readonly columns?: readonly ColumnInput[];
  readonly numRows?: number;
  /** Row form (REST v2 `data`, seed files). */
  readonly rows?: readonly Record<string, unknown>[];
  /** `schema_timestamp` the client last saw; a stale one fails with SchemaMismatch so the SDK re-describes. */
  readonly schemaTimestamp?: bigint;
  readonly partialUpdate?: boolean;
  /** Upsert field operators (`field_ops` / REST `fieldOps`). */
  readonly fieldOps?: readonly FieldOpInput[];
}

export interface WriteResult {
  readonly ids: readonly PrimaryKey[];
  readonly insertCount: number;
  readonly upsertCount: number;
  readonly deleteCount: number;
  readonly timestamp: bigint;
}

/**
 * The partitions an upsert's delete half reaches: all of them in partition-key mode (a key may hash
 * elsewhere now), else only the target partition, so copies of the key in other partitions stay
 * (proxy task_upsert.go deletePreExecute: `AllPartitionsID` vs `GetPartitionID(partName)`).
 */
function upsertDeleteScope(collection: Collection, partitionName: string | undefined): ReadonlySet<number> | undefined {
  if (collection.partitionKeyField) return undefined;
  return new Set([collection.requirePartition(partitionName || '_default')]);
}

function partitionRouter(collection: Collection, partitionName: string | undefined) {
  const key = collection.partitionKeyField;
  if (key) {
    if (partitionName) throw errors.unexpected('not support manually specifying the partition names if partition key mode is used');
    return (scalars: ReadonlyMap<string, readonly unknown[]>, pks: readonly PrimaryKey[]) => {
      const values = scalars.get(key.name) ?? [];
      return pks.map((_, i) => partitionForKey(values[i], collection.partitions.length));
    };
  }
  const index = collection.requirePartition(partitionName || '_default');
  return (_scalars: ReadonlyMap<string, readonly unknown[]>, pks: readonly PrimaryKey[]) => pks.map(() => index);
}

export function write(store: Store, dbName: string, name: string, mode: 'insert' | 'upsert', request: WriteRequest): WriteResult {
  const collection = store.collection(dbName, name);
  if (request.schemaTimestamp !== undefined && request.schemaTimestamp !== 0n && request.schemaTimestamp !== collection.updateTs) {
    throw errors.schemaMismatch(collection.name);
  }
  const columns = request.columns ?? rowsToColumns(collection.schema, request.rows ?? []);
  const numRows = request.columns ? (request.numRows ?? 0) : (request.rows?.length ?? 0);
  const { batch, replacedKeys, partial } = buildBatch(collection.schema, columns, numRows, {
    mode,
    ...(request.partialUpdate ? { partialUpdate: true } : {}),
    ...(request.fieldOps ? { fieldOps: request.fieldOps } : {}),
    allowInsertAutoId: collection.property('allow_insert_auto_id') === 'true',
    timezone: collection.timezone,
    allocateIds: (count) => store.tso.reserve(count),
    partitionsFor: partitionRouter(collection, request.partitionName),
    table: collection.table,
    computed: computeFunctionOutputs(collection.schema, columns, numRows),
  });
  // A partial update reads the stored rows first (task_upsert.go queryPreExecute), which needs them loaded.
  if (partial && !collection.isLoaded) throw errors.collectionNotLoaded(String(collection.id), 'query');
  if (mode === 'upsert') {
    // An upsert is a delete of the keys sent (every copy in scope) plus an insert of the new rows.
    const scope = upsertDeleteScope(collection, request.partitionName);
    for (const key of replacedKeys) collection.table.deleteKey(key, scope);
  }
  collection.table.append(batch, store.nowMs());
  collection.table.maybeCompact();
  return {
    ids: batch.pks,
    insertCount: mode === 'insert' ? numRows : 0,
    upsertCount: mode === 'upsert' ? numRows : 0,
    deleteCount: 0,
    timestamp: store.tso.next(),
  };
}

export interface DeleteRequest {
  readonly filter: string;
  readonly templates?: TemplateValues;
  readonly partitionName?: string;
}

export function deleteEntities(store: Store, dbName: string, name: string, request: DeleteRequest): WriteResult {
  const collection = store.collection(dbName, name);
  if (request.filter.trim() === '') throw errors.invalidParameter('expr cannot be empty');
  let filter;
  try {
    filter = compileFilter(request.filter, exprSchemaOf(collection.schema), request.templates ?? {});
  } catch (error) {
    throw asPlanError(error, 'delete');
  }
  const partitions = new Set<number>(
    request.partitionName ? [collection.requirePartition(request.partitionName)] : collection.partitions.map((_, i) => i),
  );
  const table = collection.table;
  let ids: PrimaryKey[];
  let deleteCount: number;
  if (filter.primaryKeys) {
    // Deleting by primary keys needs no loaded data; Milvus counts the keys it was given.
    ids = [...new Set(filter.primaryKeys)];
    deleteCount = ids.length;
    for (const pk of ids) table.deleteKey(pk, partitions);
  } else {
    if (!collection.isLoaded) throw errors.collectionNotLoaded(String(collection.id), 'delete');
    // The proxy queries the matching keys (deduplicated by its reduce), then deletes every copy of them.
    const rows = candidateRows(collection, withTtl(collection, filter, store.nowMs()), partitions);
    ids = [...new Set(Array.from(rows, (row) => table.pks[row] as PrimaryKey))];
    for (const pk of ids) table.deleteKey(pk, partitions);
    deleteCount = ids.length;
  }
  table.maybeCompact();
  return { ids, insertCount: 0, upsertCount: 0, deleteCount, timestamp: store.tso.next() };
}

export interface FlushResult {
  /** Segment IDs per collection name (one sealed segment per non-empty collection). */
  readonly segments: ReadonlyMap<string, readonly bigint[]>;
  readonly flushTs: bigint;
  readonly sealTimeMs: number;
}

export function flush(store: Store, dbName: string, names: readonly string[]): FlushResult {
  const segments = new Map<string, bigint[]>();
  for (const name of names) {
    const collection = store.collection(dbName, name);
    segments.set(name, collection.table.liveCount > 0 ? [collection.id + 1n] : []);
  }
  return { segments, flushTs: store.tso.next(), sealTimeMs: Math.floor(store.nowMs() / 1000) };
}
