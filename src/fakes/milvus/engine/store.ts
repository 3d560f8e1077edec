/**
 * The in-memory catalog: databases, their collections and aliases, and the TSO that numbers
 * everything. Name resolution follows rootcoord: a name is looked up as a collection first, then as
 * an alias of one, always inside one database.
 */
import type { Clock } from '../../../common/clock.js';
import type { Collection } from './collection.js';
import type { KeyValue } from '../schema/index.js';
import { errors } from '../errors/status.js';
import { Tso } from '../storage/tso.js';

export const DEFAULT_DB = 'default';

export interface Database {
  readonly name: string;
  readonly id: bigint;
  readonly createdTs: bigint;
  properties: KeyValue[];
  readonly collections: Map<string, Collection>;
  /** alias -> collection name */
  readonly aliases: Map<string, string>;
}

export class Store {
  readonly clock: Clock;
  readonly tso: Tso;
  readonly databases = new Map<string, Database>();

  constructor(clock: Clock) {
    this.clock = clock;
    this.tso = new Tso(clock);
    // The default database always exists and has ID 1, as in rootcoord.
    this.databases.set(DEFAULT_DB, {
      name: DEFAULT_DB,
      id: 1n,
      createdTs: this.tso.next(),
      properties: [],
      collections: new Map(),
      aliases: new Map(),
    });
  }

  /** The effective database name: body `db_name`, else metadata `dbname`, else `default`. */
  static effectiveDb(bodyDb: string | undefined, headerDb: string | undefined): string {
    return bodyDb || headerDb || DEFAULT_DB;
  }

  database(name: string): Database {
    const db = this.databases.get(name || DEFAULT_DB);
    if (!db) throw errors.databaseNotFound(name);
    return db;
  }

  /** A collection by name or alias; throws Milvus' "can't find collection" (code 100). */
  collection(dbName: string, nameOrAlias: string): Collection {
    const found = this.findCollection(dbName, nameOrAlias);
    if (!found) throw errors.collectionNotFound(dbName || DEFAULT_DB, nameOrAlias);
    return found;
  }

  findCollection(dbName: string, nameOrAlias: string): Collection | undefined {
    const db = this.databases.get(dbName || DEFAULT_DB);
    if (!db) throw errors.databaseNotFound(dbName);
    const direct = db.collections.get(nameOrAlias);
    if (direct) return direct;
    const target = db.aliases.get(nameOrAlias);
    return target === undefined ? undefined : db.collections.get(target);
  }

  aliasesOf(collection: Collection): string[] {
    const db = this.databases.get(collection.dbName);
    if (!db) return [];
    return [...db.aliases].filter(([, target]) => target === collection.name).map(([alias]) => alias).sort();
  }

  /** Milliseconds from the injected clock (for `*_utc_timestamp` fields). */
  nowMs(): number {
    return Math.floor(this.clock.now());
  }
}
