/**
 * REST v2 `entities/insert|upsert|delete|query|get`. As in handler_v2.go, each first resolves the
 * collection (a missing one is DescribeCollection's error), then converts the body the way the real
 * handler does (query params as key-value pairs, `get` ids into a `pk in [...]` filter, rows through
 * checkAndSetData) and calls the service.
 */
import type { Collection } from '../engine/collection.js';
import { COLLECTION_NAME, DB_NAME, field, required, type Bound, type StructSpec } from './binding.js';
import { ok, RestCodes, RestError } from './envelope.js';
import { prepareRows, renderRows } from './rows.js';
import type { RestContext, RestRoutes } from './route.js';
import type { KeyValue } from '../schema/index.js';
import { queryWindow } from '../engine/search-params.js';
import { Codes, errors } from '../errors/status.js';
import { FIELD_OP_TYPES, type FieldOpInput } from '../storage/field-ops.js';

const CONSISTENCY = ['Strong', 'Session', 'Bounded', 'Eventually', 'Customized'];

/** convertConsistencyLevel: empty is the collection default; anything else must be a level name. */
export function checkConsistency(level: unknown): void {
  if (level === '' || CONSISTENCY.includes(String(level))) return;
  throw new RestError(
    Codes.parameterInvalid,
    `consistencyLevel can only be [Strong, Session, Bounded, Eventually, Customized], default: Bounded, err:parameter:'${String(level)}' is incorrect, please check it: invalid parameter`,
  );
}

/** The collection a data request names (GetCollectionSchema: DescribeCollection's error when missing). */
export function collectionOf(r: Bound, ctx: RestContext): Collection {
  return ctx.service.describeCollection(ctx.db, String(r.collectionName)).collection;
}

/** generateExpressionTemplate: integers are int64, other numbers float, arrays typed by their elements. */
export function templatesOf(params: unknown): Record<string, unknown> {
  const plain = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : Array.isArray(v) ? v.map(plain) : v);
  const kind = (v: unknown) =>
    typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))
      ? 'int'
      : Array.isArray(v)
        ? 'array'
        : typeof v;
  const convert = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
    if (Array.isArray(v)) {
      const first = kind(v[0]);
      return v.every((x) => kind(x) === first) ? v.map(convert) : v.map(plain);
    }
    if (v !== null && typeof v === 'object')
      throw new RestError(
        Codes.parameterInvalid,
        `unexpected expression template value ${JSON.stringify(v)}: invalid parameter`,
      );
    return v;
  };
  return Object.fromEntries(
    Object.entries((params as Record<string, unknown> | null) ?? {}).map(([k, v]) => [k, convert(v)]),
  );
}

const QueryReqV2: StructSpec = {
  name: 'QueryReqV2',
  fields: [
    DB_NAME,
    COLLECTION_NAME,
    field('partitionNames', 'strings'),
    field('outputFields', 'strings', { default: () => ['*'] }),
    field('filter', 'string'),
    field('limit', 'int32', { default: () => 100 }),
    field('offset', 'int32'),
    field('exprParams', 'map'),
    field('consistencyLevel', 'string'),
    field('orderByFields', 'strings'),
    // milvus#52071: `groupByFields` (query aggregation) -> `group_by_fields`; the engine refuses it (3000).
    field('groupByFields', 'strings'),
  ],
};
const CollectionIDReq: StructSpec = {
  name: 'CollectionIDReq',
  fields: [
    DB_NAME,
    COLLECTION_NAME,
    field('partitionName', 'string'),
    field('partitionNames', 'strings'),
    field('outputFields', 'strings', { default: () => ['*'] }),
    required('id', 'any', 'ID'),
    field('consistencyLevel', 'string'),
  ],
};
const CollectionFilterReq: StructSpec = {
  name: 'CollectionFilterReq',
  fields: [
    DB_NAME,
    COLLECTION_NAME,
    field('partitionName', 'string'),
    required('filter', 'string'),
    field('exprParams', 'map'),
  ],
};
const CollectionDataReq: StructSpec = {
  name: 'CollectionDataReq',
  fields: [
    DB_NAME,
    COLLECTION_NAME,
    field('partitionName', 'string'),
    required('data', 'rows'),
    field('partialUpdate', 'bool'),
    field('fieldOps', 'any'),
  ],
};

const strings = (value: unknown) => (value as string[] | null) ?? [];
const isCount = (fields: readonly string[]) => fields.length === 1 && fields[0]?.trim().toLowerCase() === 'count(*)';

/**
 * REST v2 `fieldOps: [{"fieldName": "tags", "op": "ARRAY_APPEND"}]` (milvus#49724, httpserver
 * `FieldPartialUpdateOpReq`); an op name the server does not know is its "unsupported partial update op".
 */
function restFieldOps(value: unknown): FieldOpInput[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw errors.invalidParameter('fieldOps should be a list of {fieldName, op}');
  return value.map((entry: unknown) => {
    const item = (entry ?? {}) as { fieldName?: unknown; op?: unknown };
    const op = typeof item.op === 'string' ? item.op.toUpperCase() : '';
    if (!(FIELD_OP_TYPES as readonly string[]).includes(op)) {
      throw errors.invalidParameter(`unsupported partial update op: ${String(item.op)}`);
    }
    return { fieldName: typeof item.fieldName === 'string' ? item.fieldName : '', op };
  });
}

function write(mode: 'insert' | 'upsert') {
  return (r: Bound, ctx: RestContext) => {
    const collection = collectionOf(r, ctx);
    const fieldOps = mode === 'upsert' ? restFieldOps(r.fieldOps) : [];
    const partial = mode === 'upsert' && (r.partialUpdate === true || fieldOps.some((o) => o.op !== 'REPLACE'));
    const prepared = prepareRows(collection, r.data as Array<Record<string, unknown>>, mode, partial);
    const request = {
      ...prepared,
      partitionName: String(r.partitionName),
      ...(r.partialUpdate === true ? { partialUpdate: true } : {}),
      ...(fieldOps.length > 0 ? { fieldOps } : {}),
    };
    const target = String(r.collectionName);
    const result =
      mode === 'insert' ? ctx.service.insert(ctx.db, target, request) : ctx.service.upsert(ctx.db, target, request);
    const ids = result.ids.map((id) => (typeof id === 'bigint' && !ctx.allowInt64 ? id.toString() : id));
    const data =
      mode === 'insert'
        ? { insertCount: result.insertCount, insertIds: ids }
        : { upsertCount: result.upsertCount, upsertIds: ids };
    return ok(data, { cost: 0 });
  };
}

function query(r: Bound, ctx: RestContext) {
  collectionOf(r, ctx);
  checkConsistency(r.consistencyLevel);
  const outputFields = strings(r.outputFields);
  const pairs: KeyValue[] = [];
  if (Number(r.offset) > 0) pairs.push({ key: 'offset', value: String(r.offset) });
  if (Number(r.limit) > 0 && !isCount(outputFields)) pairs.push({ key: 'limit', value: String(r.limit) });
  if (strings(r.orderByFields).length > 0)
    pairs.push({ key: 'order_by_fields', value: strings(r.orderByFields).join(',') });
  if (strings(r.groupByFields).length > 0) pairs.push({ key: 'group_by_fields', value: strings(r.groupByFields).join(',') });
  const result = ctx.service.query(ctx.db, String(r.collectionName), {
    filter: String(r.filter),
    templates: templatesOf(r.exprParams),
    outputFields,
    partitionNames: strings(r.partitionNames),
    ...queryWindow(pairs),
  });
  return ok(renderRows(result.columns, { allowInt64: ctx.allowInt64 }), { cost: 0 }, true);
}

/** cast.ToInt64E of a decimal text (trailing ".0" dropped), or undefined. */
function int64Text(text: string): string | undefined {
  const trimmed = text.replace(/^([+-]?\d+)\.0*$/, '$1');
  return /^[+-]?\d+$/.test(trimmed) ? BigInt(trimmed).toString() : undefined;
}

/** checkGetPrimaryKey: `<pk> in [...]` from the `id` value (one key or a list). */
function idFilter(collection: Collection, id: unknown): string {
  const pk = collection.schema.fields.find((f) => f.isPrimaryKey);
  if (!pk) throw new RestError(RestCodes.checkPrimaryKey, `collection: ${collection.name} has no primary field`);
  const values = Array.isArray(id) ? id : [id];
  const items = values.map((v) => {
    if (pk.type === 'VarChar') return `"${typeof v === 'string' ? v : ''}"`;
    const raw =
      typeof v === 'string' ? v : JSON.stringify(typeof v === 'bigint' ? v.toString() : v).replace(/^"|"$/g, '');
    const parsed = int64Text(raw);
    if (parsed === undefined) {
      throw new RestError(
        RestCodes.checkPrimaryKey,
        `please check the primary key and its' type can only in [int, string], error: unable to cast "${raw}" of type string to int64`,
      );
    }
    return parsed;
  });
  return `${pk.name} in [${items.join(',')}]`;
}

function get(r: Bound, ctx: RestContext) {
  const collection = collectionOf(r, ctx);
  const filter = idFilter(collection, r.id);
  checkConsistency(r.consistencyLevel);
  const result = ctx.service.query(ctx.db, String(r.collectionName), {
    filter,
    outputFields: strings(r.outputFields),
    partitionNames: strings(r.partitionNames),
  });
  return ok(renderRows(result.columns, { allowInt64: ctx.allowInt64 }), { cost: 0 }, true);
}

function remove(r: Bound, ctx: RestContext) {
  collectionOf(r, ctx);
  const result = ctx.service.delete(ctx.db, String(r.collectionName), {
    filter: String(r.filter),
    templates: templatesOf(r.exprParams),
    partitionName: String(r.partitionName),
  });
  return ok({ deleteCount: result.deleteCount });
}

export const entityRoutes: RestRoutes = {
  'entities/insert': { spec: CollectionDataReq, handle: write('insert') },
  'entities/upsert': { spec: CollectionDataReq, handle: write('upsert') },
  'entities/delete': { spec: CollectionFilterReq, handle: remove },
  'entities/query': { spec: QueryReqV2, handle: query },
  'entities/get': { spec: CollectionIDReq, handle: get },
};
