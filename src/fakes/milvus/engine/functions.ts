/**
 * AddCollectionFunction, AlterCollectionFunction and DropCollectionFunction as the 2.6 proxy runs them
 * (internal/proxy/task_function.go): BM25 functions can only be declared at create time, so adding,
 * altering or dropping one is refused with the proxy's plain errors (65535, their words, typos
 * included); dropping a function that does not exist succeeds. Other function types need embedding
 * providers the fake does not have: 3000.
 */
import { functionTypeName, type FunctionInput } from '../schema/index.js';
import { errors } from '../errors/status.js';
import type { Store } from './store.js';

export function addCollectionFunction(store: Store, db: string, name: string, fn: FunctionInput | undefined): void {
  if (!fn) throw errors.unexpected('Function Schema is empty');
  if (functionTypeName(fn.type) === 'BM25') throw errors.unexpected('Currently does not support adding BM25 function');
  store.collection(db, name);
  throw errors.unsupported(`${functionTypeName(fn.type)} functions`);
}

export function alterCollectionFunction(store: Store, db: string, name: string, functionName: string, fn: FunctionInput | undefined): void {
  if (!fn) throw errors.unexpected('Function Schema is empty');
  if (functionTypeName(fn.type) === 'BM25') throw errors.unexpected('Currently does not support alter BM25 function');
  if (functionName !== fn.name) throw errors.unexpected('Invalid function config, name not match');
  const existing = store.collection(db, name).schema.functions.find((f) => f.name === functionName);
  if (!existing) throw errors.unexpected(`Function ${functionName} not found`);
  if (existing.type === 'BM25') throw errors.unexpected('Currently does not support alter BM25 function');
  throw errors.unsupported(`${functionTypeName(fn.type)} functions`);
}

export function dropCollectionFunction(store: Store, db: string, name: string, functionName: string): void {
  const existing = store.collection(db, name).schema.functions.find((f) => f.name === functionName);
  if (!existing) return;
  if (existing.type === 'BM25') throw errors.unexpected('Currently does not support droping BM25 function');
  throw errors.unsupported(`dropping ${existing.type} functions`);
}
