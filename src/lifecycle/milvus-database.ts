import { createHash } from 'node:crypto';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { Scope } from './scope.js';
import { clientRecords } from './tracked-clients.js';

/**
 * A Milvus database of its own for a test or file, so tests never see each other's collections even
 * when workers share one fake. Created with the worker's admin client; dropped (with its collections)
 * when the scope closes, after the scope's own clients are closed.
 */
export async function isolatedDatabase(scope: Scope, admin: MilvusClient, label: string): Promise<string> {
  const name = databaseName(label, scope.id);
  await check(admin.createDatabase({ db_name: name }), `create database ${name}`);
  scope.defer(() => dropDatabase(admin, name), { name: `Milvus database ${name}` });
  return name;
}

/**
 * Per-test databases with their round trips off the test's path: the next test's database is created
 * while the current test runs, and a finished test's database is dropped in the background. Each test
 * still gets a database nobody else uses; `settle()` (when the worker ends) waits for every drop and
 * reports any that failed. A database whose test's clients sent no request (a Milvus client's own
 * Connect handshake aside) was never touched: it goes to the next test as it is, instead of a drop and
 * a create (three round trips, ~4 ms on a 2-core machine).
 */
export class DatabaseSupply {
  readonly #admin: MilvusClient;
  readonly #prefix: string;
  readonly #drops = new Set<Promise<void>>();
  readonly #failures: string[] = [];
  /** Untouched databases of finished tests, handed out before new ones. */
  readonly #untouched: string[] = [];
  #spare?: Promise<string>;
  #next = 1;

  constructor(admin: MilvusClient, unique: string) {
    this.#admin = admin;
    this.#prefix = databaseName('t', unique);
  }

  /**
   * An empty database for `scope` that no other test uses, dropped (in the background) when the scope
   * closes, or handed to a later test if no client of the scope sent a request.
   */
  async acquire(scope: Scope): Promise<string> {
    let name = this.#untouched.pop();
    if (name === undefined) {
      name = await (this.#spare ?? this.#create());
      this.#spare = this.#create();
      // A spare that fails to be created is reported by the acquire that takes it.
      this.#spare.catch(() => {});
    }
    const taken = name;
    scope.defer(
      () => {
        if (clientRecords(scope).some((client) => client.used)) this.#release(taken);
        else this.#untouched.push(taken);
      },
      { name: `Milvus database ${taken}` },
    );
    return taken;
  }

  async #create(): Promise<string> {
    const name = `${this.#prefix}_${this.#next++}`.slice(0, 64);
    await check(this.#admin.createDatabase({ db_name: name }), `create database ${name}`);
    return name;
  }

  #release(name: string): void {
    const drop = dropDatabase(this.#admin, name)
      .catch((error: unknown) => void this.#failures.push((error as Error).message))
      .finally(() => this.#drops.delete(drop));
    this.#drops.add(drop);
  }

  /** Drops the spare and the untouched databases, waits for every background drop, and throws if any failed. */
  async settle(): Promise<void> {
    const spare = this.#spare;
    this.#spare = undefined;
    if (spare) {
      const name = await spare.catch(() => undefined);
      if (name) this.#release(name);
    }
    for (const name of this.#untouched.splice(0)) this.#release(name);
    while (this.#drops.size > 0) await Promise.all([...this.#drops]);
    if (this.#failures.length > 0) throw new Error(`dropping per-test Milvus databases failed: ${this.#failures.splice(0).join('; ')}`);
  }
}

/** Milvus database names: letters, digits and underscores, starting with a letter or underscore, up to 64. */
export function databaseName(label: string, unique: string): string {
  const readable = label.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(unique).digest('hex').slice(0, 10);
  return `fc_${readable}_${hash}`.slice(0, 64);
}

async function dropDatabase(client: MilvusClient, name: string): Promise<void> {
  const listed = await client.showCollections({ db_name: name });
  for (const collection of listed.data ?? []) {
    await check(client.dropCollection({ db_name: name, collection_name: collection.name }), `drop collection ${collection.name}`);
  }
  await check(client.dropDatabase({ db_name: name }), `drop database ${name}`);
}

async function check(call: Promise<{ error_code?: string | number; reason?: string }>, what: string): Promise<void> {
  const status = await call;
  if (status.error_code !== undefined && status.error_code !== 'Success') throw new Error(`${what}: ${status.reason}`);
}
