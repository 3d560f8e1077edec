/**
 * The collection properties that concern Timestamptz: `timezone` (validated, and written on every new
 * collection from the database's `timezone` or UTC, as rootcoord createCollectionTask.Prepare does) and
 * `ttl_field` (entity-level TTL: rows whose TTL field holds an instant at or before now are invisible to
 * reads; null and non-positive values never expire). Messages follow internal/proxy/task.go
 * (validateTTLField, validateTTL) and rootcoord alter_collection_task.go.
 */
import type { CompiledFilter } from '../expr/index.js';
import type { CollectionSchemaDef, KeyValue } from '../schema/index.js';
import { checkTimezone, DEFAULT_TIMEZONE, TIMEZONE_KEY } from '../schema/timestamptz.js';
import { errors } from '../errors/status.js';
import type { Collection } from './collection.js';
import { WRITE_TIME_FIELD } from './exact-search.js';

export const TTL_FIELD_KEY = 'ttl_field';
const COLLECTION_TTL_KEY = 'collection.ttl.seconds';

function valueOf(pairs: readonly KeyValue[], key: string): string | undefined {
  return pairs.find((p) => p.key === key)?.value;
}

function checkTtlField(schema: CollectionSchemaDef, name: string): void {
  const field = schema.fields.find((f) => f.name === name);
  if (!field) throw errors.invalidParameter(`ttl field name ${name} not found in schema`);
  if (field.type !== 'Timestamptz') throw errors.invalidParameter(`ttl field must be timestamptz, field name = ${name}`);
}

/** Properties of a new collection: checked, with `timezone` added when the request has none. */
export function creationProperties(schema: CollectionSchemaDef, requested: readonly KeyValue[], dbProperties: readonly KeyValue[]): KeyValue[] {
  const zone = valueOf(requested, TIMEZONE_KEY);
  if (zone !== undefined) checkTimezone(zone);
  const ttlField = valueOf(requested, TTL_FIELD_KEY);
  if (ttlField !== undefined) {
    checkTtlField(schema, ttlField);
    if (valueOf(requested, COLLECTION_TTL_KEY) !== undefined) {
      throw errors.invalidParameter('collection TTL and ttl field cannot be set at the same time');
    }
  }
  const properties = requested.map((p) => ({ ...p }));
  if (zone === undefined) properties.push({ key: TIMEZONE_KEY, value: valueOf(dbProperties, TIMEZONE_KEY) ?? DEFAULT_TIMEZONE });
  return properties;
}

/** AlterCollection checks for the keys this module owns. */
export function checkAlteredProperties(collection: Collection, set: readonly KeyValue[]): void {
  const zone = valueOf(set, TIMEZONE_KEY);
  if (zone !== undefined) checkTimezone(zone);
  const ttlField = valueOf(set, TTL_FIELD_KEY);
  if (ttlField !== undefined) {
    if (collection.property(COLLECTION_TTL_KEY) !== undefined || valueOf(set, COLLECTION_TTL_KEY) !== undefined) {
      throw errors.invalidParameter('collection TTL is already set, cannot be set ttl field');
    }
    checkTtlField(collection.schema, ttlField);
  }
}

/** Database `timezone` checks (alter/create database). */
export function checkDatabaseProperties(set: readonly KeyValue[]): void {
  const zone = valueOf(set, TIMEZONE_KEY);
  if (zone !== undefined) checkTimezone(zone);
}

/** The zone results are printed in: the request's `timezone` (checked), else the collection's. */
export function resolveTimezone(collection: Collection, requested: string | undefined): string {
  if (requested !== undefined && requested !== '') {
    checkTimezone(requested);
    return requested;
  }
  return collection.timezone;
}

/**
 * The filter plus both kinds of TTL, as a query plan carries them (task_query.go / task_search.go
 * PreExecute: `CollectionTtlTimestamps` = now − `collection.ttl.seconds`, and `EntityTtlPhysicalTime`):
 * - `collection.ttl.seconds` > 0: rows written before now − ttl no longer match;
 * - `ttl_field`: rows whose field holds a positive instant at or before now no longer match.
 * The primary-key shortcut and the column fast path are dropped so every row goes through the check.
 */
export function withTtl(collection: Collection, filter: CompiledFilter, nowMs: number): CompiledFilter {
  const name = collection.property(TTL_FIELD_KEY);
  const entity = name !== undefined && collection.schema.fields.some((f) => f.name === name && f.type === 'Timestamptz') ? name : undefined;
  const seconds = Number(collection.property(COLLECTION_TTL_KEY) ?? 0);
  const cutoffMs = Number.isFinite(seconds) && seconds > 0 ? nowMs - seconds * 1000 : undefined;
  if (entity === undefined && cutoffMs === undefined) return filter;
  const now = BigInt(Math.floor(nowMs)) * 1000n;
  const inner = filter;
  return {
    source: inner.source,
    matchesAll: false,
    fields: new Set([...inner.fields, ...(entity === undefined ? [] : [entity])]),
    matches: (row) => {
      if (cutoffMs !== undefined && (row(WRITE_TIME_FIELD) as number) < cutoffMs) return false;
      if (entity !== undefined) {
        const expires = row(entity);
        if (typeof expires === 'bigint' && expires > 0n && expires <= now) return false;
      }
      return inner.matchesAll || inner.matches(row);
    },
  };
}
