/**
 * REST v2 `collections/add_function`, `collections/alter_function` and `collections/drop_function`
 * (Milvus 2.6, milvus#45570): handler_v2.go `addCollectionFunction` / `alterCollectionFunction` /
 * `dropCollectionFunction` over request_v2.go `CollectionAddFunction` / `CollectionAlterFunction` /
 * `CollectionDropFunction`, each calling the same RPC as gRPC does, so the outcomes are the service's
 * (engine/functions.ts, the proxy's task_function.go): BM25 functions cannot be added, altered or
 * dropped (65535), dropping an unknown function succeeds, a missing collection is 100.
 *
 * Two quirks of the 2.6 handler are kept. The drop request's function name has the JSON tag
 * `FunctionName` (keys match case-insensitively, so `functionName` works too). And when
 * genFunctionSchema refuses the function's type, add/alter write the 1100 envelope and go on to call
 * the proxy without a function (the `return` is missing), which answers 65535 `Function Schema is
 * empty`: the HTTP body is both envelopes, one after the other.
 */
import type { FunctionInput } from '../schema/index.js';
import { COLLECTION_NAME, DB_NAME, required, type Bound, type StructSpec } from './binding.js';
import { failure, ok, RestError, type RestReply } from './envelope.js';
import { FunctionSchema, functionSchemaOf } from './function-schema.js';
import type { RestContext, RestRoutes } from './route.js';

const spec = (name: string, ...fields: StructSpec['fields']): StructSpec => ({ name, fields });
const FUNCTION = required('function', { struct: FunctionSchema });
const CollectionAddFunction = spec('CollectionAddFunction', DB_NAME, COLLECTION_NAME, FUNCTION);
const CollectionAlterFunction = spec('CollectionAlterFunction', DB_NAME, COLLECTION_NAME, required('functionName', 'string'), FUNCTION);
const CollectionDropFunction = spec('CollectionDropFunction', DB_NAME, COLLECTION_NAME, required('FunctionName', 'string'));

const name = (r: Bound) => String(r.collectionName);

/** Converts the function, then runs `call`; a refused type answers 1100 and still runs `call` without it. */
function withFunction(r: Bound, call: (fn: FunctionInput | undefined) => void): RestReply {
  let fn: FunctionInput;
  try {
    fn = functionSchemaOf(r.function);
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    let second: RestReply;
    try {
      call(undefined);
      second = ok({});
    } catch (next) {
      second = failure(next);
    }
    return { ...failure(error), trailing: [second.body] };
  }
  call(fn);
  return ok({});
}

export const functionRoutes: RestRoutes = {
  'collections/add_function': {
    spec: CollectionAddFunction,
    handle: (r: Bound, ctx: RestContext) => withFunction(r, (fn) => ctx.service.addCollectionFunction(ctx.db, name(r), fn)),
  },
  'collections/alter_function': {
    spec: CollectionAlterFunction,
    handle: (r: Bound, ctx: RestContext) =>
      withFunction(r, (fn) => ctx.service.alterCollectionFunction(ctx.db, name(r), String(r.functionName), fn)),
  },
  'collections/drop_function': {
    spec: CollectionDropFunction,
    handle: (r: Bound, ctx: RestContext) => {
      ctx.service.dropCollectionFunction(ctx.db, name(r), String(r.FunctionName));
      return ok({});
    },
  },
};
