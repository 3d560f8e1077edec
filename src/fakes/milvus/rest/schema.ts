/**
 * `collections/create` bodies into the service's terms, following the real handler's conversion:
 * quick setup (`dimension`, `idType`, `primaryFieldName`, `vectorFieldName`, `metricType`, `params`)
 * or a custom `schema` (case-sensitive proto type names, `elementTypeParams`, `defaultValue` typed by
 * convertDefaultValue) with `indexParams` (convertToExtraParams), plus `params` for shards,
 * consistency, partition count and TTL. Values of `params`/`properties` maps go through `%v`.
 */
import type { CreateCollectionRequest } from '../engine/collections.js';
import type { CreateIndexRequest } from '../engine/meta.js';
import type { Bound } from './binding.js';
import { invalidParameter, invalidParameterValue, RestError } from './envelope.js';
import { goJson, goSprintV } from './json.js';
import { quickSchema } from './quick.js';
import { functionSchemaOf } from './function-schema.js';
import type { FieldInput, KeyValue } from '../schema/index.js';
import { Codes, errors } from '../errors/status.js';

/** schemapb.DataType_value: the names the REST API accepts, case-sensitively. */
const TYPE_NAMES = new Set([
  'None',
  'Bool',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'Float',
  'Double',
  'String',
  'VarChar',
  'Array',
  'JSON',
  'Geometry',
  'Text',
  'Timestamptz',
  'BinaryVector',
  'FloatVector',
  'Float16Vector',
  'BFloat16Vector',
  'SparseFloatVector',
  'Int8Vector',
  'ArrayOfVector',
  'ArrayOfStruct',
]);
const CONSISTENCY = ['Strong', 'Session', 'Bounded', 'Eventually', 'Customized'];

const asMap = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** strconv.ParseInt of `%v`: the integer, or undefined when Go would fail to parse it. */
function parseIntV(value: unknown): number | undefined {
  const text = goSprintV(value);
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

/** Key-value pairs from a JSON map, values as `%v`. */
export function propertiesOf(map: unknown): KeyValue[] {
  return Object.entries(asMap(map)).map(([key, value]) => ({ key, value: goSprintV(value) }));
}

/** convertDefaultValue: the default as the field's type wants it, or "convert defaultValue fail". */
function defaultValueOf(value: unknown, dataType: string): unknown {
  if (value === null || value === undefined) return undefined;
  const fail = (expected: string) => {
    throw new RestError(
      Codes.parameterInvalid,
      `convert defaultValue fail, err:Wrong defaultValue type: invalid parameter[expected=${expected}][actual=${goSprintV(value)}]`,
    );
  };
  const number = () => (typeof value === 'number' || typeof value === 'bigint' ? Number(value) : fail('number'));
  switch (dataType) {
    case 'Bool':
      return typeof value === 'boolean' ? value : fail('bool');
    case 'Int8':
    case 'Int16':
    case 'Int32':
      return Math.trunc(number() as number);
    case 'Int64':
      return typeof value === 'bigint' ? value : BigInt(Math.trunc(number() as number));
    case 'Float':
    case 'Double':
      return number();
    case 'String':
    case 'VarChar':
    case 'Geometry':
      return typeof value === 'string' ? value : fail('string');
    default:
      throw new RestError(
        Codes.parameterInvalid,
        `convert defaultValue fail, err:Unexpected default value type: ${dataType}: invalid parameter`,
      );
  }
}

/** One `schema.fields` entry (or the `schema` of fields/add) as a FieldInput. */
export function fieldInputOf(field: Bound, autoID: boolean): FieldInput {
  const dataType = String(field.dataType);
  if (!TYPE_NAMES.has(dataType))
    throw new RestError(Codes.parameterInvalid, `invalid parameter, data type ${dataType} is invalid(case sensitive).`);
  const elementType = String(field.elementDataType ?? '');
  // Array of Structs over REST: the 2.6 request keys are not confirmed, so the fake refuses openly.
  if (dataType === 'ArrayOfStruct' || (dataType === 'Array' && elementType === 'Struct')) {
    throw errors.unsupported('REST Array of Structs fields (create them over gRPC)');
  }
  if (dataType === 'Array' && !TYPE_NAMES.has(elementType)) {
    throw new RestError(
      Codes.parameterInvalid,
      `invalid parameter, element data type ${elementType} is invalid(case sensitive).`,
    );
  }
  const typeParams: Record<string, string> = {};
  for (const [key, value] of Object.entries(asMap(field.elementTypeParams)))
    typeParams[key] = typeof value === 'string' ? value : goJson(value);
  const defaultValue = defaultValueOf(field.defaultValue, dataType);
  return {
    name: String(field.fieldName),
    dataType,
    ...(dataType === 'Array' ? { elementType } : {}),
    isPrimaryKey: field.isPrimary === true,
    autoID: field.isPrimary === true && autoID,
    nullable: field.nullable === true,
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    typeParams,
    isPartitionKey: field.isPartitionKey === true,
    isClusteringKey: field.isClusteringKey === true,
  };
}

/** convertToExtraParams: index_type (from indexType or params), metric_type, params as JSON. */
export function indexRequestOf(param: Bound): CreateIndexRequest {
  const params = asMap(param.params);
  const extraParams: KeyValue[] = [];
  if (param.indexType) extraParams.push({ key: 'index_type', value: String(param.indexType) });
  else if ('index_type' in params) extraParams.push({ key: 'index_type', value: goSprintV(params.index_type) });
  if (param.metricType) extraParams.push({ key: 'metric_type', value: String(param.metricType) });
  if (Object.keys(params).length > 0) extraParams.push({ key: 'params', value: goJson(params) });
  return { fieldName: String(param.fieldName), indexName: String(param.indexName ?? ''), extraParams };
}

function consistencyOf(request: Bound, params: Record<string, unknown>): string {
  const top = String(request.consistencyLevel ?? '');
  const inParams = 'consistencyLevel' in params;
  if (top && inParams && top !== goSprintV(params.consistencyLevel)) {
    throw invalidParameterValue(
      'same consistencyLevel',
      goSprintV(params.consistencyLevel),
      'top-level consistencyLevel conflicts with params.consistencyLevel',
    );
  }
  const level = top || (inParams ? goSprintV(params.consistencyLevel) : '');
  if (level === '') return 'Bounded';
  if (!CONSISTENCY.includes(level)) {
    throw invalidParameterValue(
      CONSISTENCY.join(', '),
      level,
      'consistencyLevel can only be [Strong, Session, Bounded, Eventually, Customized], default: Bounded',
    );
  }
  return level;
}

export interface CreatePlan {
  readonly collection: CreateCollectionRequest;
  /** Indexes to create after the collection, in order; a name outside the schema fails at that point. */
  readonly indexes: readonly CreateIndexRequest[];
  /** Custom schemas without indexParams are created and left unloaded. */
  readonly load: boolean;
  readonly fieldNames: ReadonlySet<string>;
}

/**
 * The whole create request: what to create, which indexes to build, whether to load.
 *
 * @example
 * createPlan(bind(CollectionReq, { collectionName: 'docs', dimension: 4 }));
 */
export function createPlan(request: Bound): CreatePlan {
  const params = asMap(request.params);
  const schemaIn = asMap(request.schema);
  const fields = (schemaIn.fields as Bound[] | null) ?? [];
  const functions = (schemaIn.functions as unknown[] | null) ?? [];
  let schema: CreateCollectionRequest['schema'];
  let indexes: CreateIndexRequest[];
  let numPartitions = 0;
  if (fields.length === 0) {
    if (functions.length > 0)
      throw invalidParameterValue('schema', 'functions', 'functions are not supported for quickly create collection');
    const quick = quickSchema(request, params);
    schema = quick.schema;
    indexes = [quick.index];
  } else {
    // The handler converts the functions (genFunctionSchema) before the fields.
    const functionInputs = functions.map(functionSchemaOf);
    const inputs = fields.map((f) => fieldInputOf(f, schemaIn.autoID === true));
    if (fields.some((f) => f.isPartitionKey === true)) numPartitions = parseIntV(params.partitionsNum) ?? 0;
    schema = {
      enableDynamicField: schemaIn.enableDynamicField === true,
      description: String(request.description ?? ''),
      fields: inputs,
      functions: functionInputs,
    };
    indexes = ((request.indexParams as Bound[] | null) ?? []).map(indexRequestOf);
  }
  const shards = 'shardsNum' in params ? parseIntV(params.shardsNum) : undefined;
  const consistencyLevel = consistencyOf(request, params);
  const properties: KeyValue[] = [];
  const props = asMap(request.properties);
  const ttlKeys = ['collection.ttl.seconds', 'ttl.seconds'].filter((k) => k in props);
  if (ttlKeys.length + ('ttlSeconds' in params ? 1 : 0) > 1)
    throw invalidParameter('collection TTL is specified multiple times');
  for (const key of ttlKeys) properties.push({ key: 'collection.ttl.seconds', value: goSprintV(props[key]) });
  if ('ttlSeconds' in params) properties.push({ key: 'collection.ttl.seconds', value: goSprintV(params.ttlSeconds) });
  if ('partitionKeyIsolation' in params)
    properties.push({ key: 'partitionkey.isolation', value: goSprintV(params.partitionKeyIsolation) });
  if ('mmap.enabled' in params) properties.push({ key: 'mmap.enabled', value: goSprintV(params['mmap.enabled']) });
  return {
    collection: {
      name: String(request.collectionName),
      schema,
      ...(shards !== undefined ? { shardsNum: shards } : {}),
      consistencyLevel,
      properties,
      ...(numPartitions > 0 ? { numPartitions } : {}),
    },
    indexes,
    load: fields.length === 0 || indexes.length > 0,
    fieldNames: new Set(schema.fields.map((f) => f.name)),
  };
}
