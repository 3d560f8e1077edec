/**
 * REST v2 `collections/describe`: DescribeCollection merged with GetLoadState, DescribeIndex on the first
 * vector field and ListAliases; the side calls' errors are collected in `message` (`;` after the first
 * two, `.` after the last), as handler_v2.go does. Fields are printed as printFieldDetail prints them.
 */
import type { Collection } from '../engine/collection.js';
import { isVectorType } from '../schema/data-types.js';
import { ok } from './envelope.js';
import { float32Json, GoStruct } from './json.js';
import type { RestContext } from './route.js';
import { DYNAMIC_FIELD, type FieldDef, type KeyValue } from '../schema/index.js';

const name = (r: Record<string, unknown>) => String(r.collectionName);

/** commonpb.KeyValuePair as encoding/json writes it (`omitempty` on both). */
export function keyValues(pairs: readonly KeyValue[]): GoStruct[] {
  return pairs.map(
    (p) =>
      new GoStruct([...(p.key ? [['key', p.key] as const] : []), ...(p.value ? [['value', p.value] as const] : [])]),
  );
}

const DEFAULT_KIND: Record<string, string> = {
  Bool: 'BoolData',
  Int8: 'IntData',
  Int16: 'IntData',
  Int32: 'IntData',
  Int64: 'LongData',
  Float: 'FloatData',
  Double: 'DoubleData',
};

/** printFieldDetail (v2): `defaultValue` is the schemapb.ValueField oneof as encoding/json prints it. */
function fieldDetail(f: FieldDef): Record<string, unknown> {
  const value =
    f.type === 'Float' ? float32Json(f.defaultValue as number) : f.type === 'Geometry' ? String(f.defaultValue) : f.defaultValue;
  return {
    name: f.name,
    primaryKey: f.isPrimaryKey,
    partitionKey: f.isPartitionKey,
    clusteringKey: f.isClusteringKey,
    autoId: f.autoID,
    description: f.description,
    nullable: f.nullable,
    type: f.type,
    id: f.fieldID,
    ...(f.typeParams.length > 0 ? { params: keyValues(f.typeParams) } : {}),
    ...(f.type === 'Array' ? { elementType: f.elementType } : {}),
    ...(f.defaultValue !== undefined
      ? { defaultValue: new GoStruct([['Data', new GoStruct([[DEFAULT_KIND[f.type] ?? 'StringData', value]])]]) }
      : {}),
    ...(f.isFunctionOutput ? { isFunctionOutput: true } : {}),
  };
}

/**
 * Array of Structs fields under `structFields` (only when the collection has some): the struct's name,
 * id, description and `max_capacity`, and its sub-fields printed like fields, typed by element type.
 * The key names follow the fake's reading of handler_v2.go; not confirmed against a server.
 */
function structFieldsDetail(fields: readonly FieldDef[]): Record<string, unknown> {
  const structs = fields.filter((f) => f.structFields);
  if (structs.length === 0) return {};
  return {
    structFields: structs.map((s) => ({
      name: s.name,
      id: s.fieldID,
      description: s.description,
      params: keyValues([...s.typeParams, { key: 'max_capacity', value: String(s.maxCapacity ?? 0) }]),
      fields: (s.structFields ?? []).map(fieldDetail),
    })),
  };
}

export function describe(r: Record<string, unknown>, ctx: RestContext) {
  const requested = name(r);
  const { collection } = ctx.service.describeCollection(ctx.db, requested);
  let message = '';
  const side = <T>(call: () => T, fallback: T, end: string): T => {
    try {
      return call();
    } catch (error) {
      message += `${(error as Error).message}${end}`;
      return fallback;
    }
  };
  const load = side(() => ctx.service.loadState(ctx.db, requested), '', ';');
  const vector = collection.schema.fields.find((f) => isVectorType(f.type))?.name ?? '';
  const indexes = side(() => ctx.service.describeIndex(ctx.db, requested, vector), [], ';').map((i) => ({
    fieldName: i.fieldName,
    indexName: i.indexName,
    metricType: i.metricType ?? 'COSINE',
  }));
  const aliases = side(() => ctx.service.listAliases(ctx.db, requested), [], '.');
  return ok(describeData(collection, requested, { load, indexes, aliases }), { message });
}

function describeData(
  c: Collection,
  requested: string,
  extra: { load: string; indexes: unknown[]; aliases: string[] },
): Record<string, unknown> {
  return {
    collectionName: requested || c.name,
    collectionID: c.id,
    description: c.schema.description,
    autoId: c.schema.fields.find((f) => f.isPrimaryKey)?.autoID ?? false,
    fields: c.schema.fields.filter((f) => f.name !== DYNAMIC_FIELD && !f.structFields).map(fieldDetail),
    ...structFieldsDetail(c.schema.fields),
    functions: c.schema.functions.map((fn, i) => ({
      name: fn.name,
      description: fn.description,
      // printFunctionDetails puts the schemapb enum in a gin.H: encoding/json prints its number.
      type: fn.type === 'BM25' ? 1 : 0,
      id: 100 + i,
      inputFieldNames: fn.inputFieldNames,
      outputFieldNames: fn.outputFieldNames,
      params: keyValues(fn.params),
    })),
    aliases: extra.aliases,
    indexes: extra.indexes,
    load: extra.load,
    shardsNum: c.shardsNum,
    partitionsNum: c.numPartitions || c.partitions.length,
    consistencyLevel: c.consistencyLevel,
    enableDynamicField: c.schema.enableDynamicField,
    properties: keyValues(c.properties),
  };
}
