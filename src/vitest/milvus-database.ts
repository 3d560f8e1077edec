import { createHash } from 'node:crypto';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { Scope } from '../lifecycle/scope.js';

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
