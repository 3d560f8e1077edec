/**
 * Conversions between proto-loader objects and the service's plain values: schemas, key-value lists,
 * template values, placeholder groups, and the DescribeCollection / DescribeIndex replies.
 */
import type { Collection, IndexMeta } from '../engine/collection.js';
import { EmbeddingListQuery } from '../engine/emb-list.js';
import { decodeMessage } from './descriptors.js';
import { decodeSparseRow } from './field-data.js';
import type {
  KeyValuePair,
  ProtoCollectionSchema,
  ProtoFieldSchema,
  ProtoFunctionSchema,
  ProtoStructArrayFieldSchema,
  ProtoTemplateArray,
  ProtoTemplateValue,
} from './proto-types.js';
import type { FieldDef, FieldInput, FunctionInput, SchemaInput, StructFieldInput } from '../schema/index.js';
import { DEFAULT_TIMEZONE, DYNAMIC_FIELD, formatTimestamptz, isStructField } from '../schema/index.js';
import { errors } from '../errors/status.js';

export function fieldInputFromProto(field: ProtoFieldSchema): FieldInput {
  const typeParams: Record<string, string> = {};
  for (const kv of field.type_params ?? []) typeParams[kv.key] = kv.value;
  const dv = field.default_value;
  const defaultKey = dv?.data ?? undefined;
  const rawDefault = defaultKey ? dv?.[defaultKey] : undefined;
  return {
    name: field.name ?? '',
    dataType: field.data_type ?? 'None',
    ...(field.element_type && field.element_type !== 'None' ? { elementType: field.element_type } : {}),
    description: field.description ?? '',
    isPrimaryKey: field.is_primary_key === true,
    autoID: field.autoID === true,
    nullable: field.nullable === true,
    ...(rawDefault !== undefined && rawDefault !== null ? { defaultValue: rawDefault } : {}),
    typeParams,
    isPartitionKey: field.is_partition_key === true,
    isClusteringKey: field.is_clustering_key === true,
    isFunctionOutput: field.is_function_output === true,
    isDynamic: field.is_dynamic === true,
  };
}

export function schemaInputFromBytes(bytes: Uint8Array): { name: string; input: SchemaInput } {
  const schema = decodeMessage<ProtoCollectionSchema>('milvus.proto.schema.CollectionSchema', bytes);
  return {
    name: schema.name ?? '',
    input: {
      description: schema.description ?? '',
      enableDynamicField: schema.enable_dynamic_field === true,
      fields: (schema.fields ?? []).map(fieldInputFromProto),
      ...(schema.struct_array_fields?.length ? { structFields: schema.struct_array_fields.map(structInputFromProto) } : {}),
      functions: (schema.functions ?? []).map(functionInputFromProto),
    },
  };
}

/** A `StructArrayFieldSchema`: sub-fields stay in their wire form (`Array` / `ArrayOfVector` + element type). */
export function structInputFromProto(struct: ProtoStructArrayFieldSchema): StructFieldInput {
  const typeParams: Record<string, string> = {};
  for (const kv of struct.type_params ?? []) typeParams[kv.key] = kv.value;
  return {
    name: struct.name ?? '',
    description: struct.description ?? '',
    nullable: struct.nullable === true,
    typeParams,
    fields: (struct.fields ?? []).map(fieldInputFromProto),
  };
}

export function functionInputFromProto(fn: ProtoFunctionSchema): FunctionInput {
  const params: Record<string, string> = {};
  for (const kv of fn.params ?? []) params[kv.key] = String(kv.value);
  return {
    name: fn.name ?? '',
    type: fn.type ?? 'Unknown',
    description: fn.description ?? '',
    inputFieldNames: fn.input_field_names ?? [],
    outputFieldNames: fn.output_field_names ?? [],
    params,
  };
}

export function kvList(pairs: readonly KeyValuePair[] | null | undefined): Array<{ key: string; value: string }> {
  return (pairs ?? []).map((p) => ({ key: p.key, value: String(p.value) }));
}

function defaultValueProto(field: FieldDef): Record<string, unknown> | null {
  const v = field.defaultValue;
  if (v === undefined) return null;
  switch (field.type) {
    case 'Bool':
      return { bool_data: v };
    case 'Int8':
    case 'Int16':
    case 'Int32':
      return { int_data: v };
    case 'Int64':
      return { long_data: String(v) };
    case 'Float':
      return { float_data: v };
    case 'Double':
      return { double_data: v };
    case 'Timestamptz':
      // Describe rewrites the stored micros to text (RewriteTimestampTzDefaultValueToString).
      return { string_data: formatTimestamptz(v as bigint, DEFAULT_TIMEZONE) };
    default:
      // VarChar text, or a Geometry default as its WKT.
      return { string_data: String(v) };
  }
}

/** A struct sub-field as DescribeCollection shows it: `Array` / `ArrayOfVector` of its element type, plain name (restoreStructFieldNames). */
function subFieldSchemaProto(field: FieldDef): Record<string, unknown> {
  const vector = field.type === 'FloatVector';
  const params = field.typeParams.some((p) => p.key === 'max_capacity')
    ? field.typeParams
    : [...field.typeParams, { key: 'max_capacity', value: String(field.maxCapacity ?? 0) }];
  return {
    ...fieldSchemaProto(field),
    data_type: vector ? 'ArrayOfVector' : 'Array',
    element_type: field.type,
    type_params: params,
  };
}

export function structFieldSchemaProto(field: FieldDef): Record<string, unknown> {
  return {
    fieldID: String(field.fieldID),
    name: field.name,
    description: field.description,
    fields: (field.structFields ?? []).map(subFieldSchemaProto),
    type_params: field.typeParams,
    nullable: false,
  };
}

export function fieldSchemaProto(field: FieldDef): Record<string, unknown> {
  return {
    fieldID: String(field.fieldID),
    name: field.name,
    is_primary_key: field.isPrimaryKey,
    description: field.description,
    data_type: field.type,
    type_params: field.typeParams,
    index_params: [],
    autoID: field.autoID,
    state: 'FieldCreated',
    element_type: field.elementType ?? 'None',
    default_value: defaultValueProto(field),
    is_dynamic: false,
    is_partition_key: field.isPartitionKey,
    is_clustering_key: field.isClusteringKey,
    nullable: field.nullable,
    is_function_output: field.isFunctionOutput,
  };
}

/** DescribeCollection reply body: user fields only, `$meta` hidden (proxy describeCollectionTask). */
export function describeCollectionReply(collection: Collection, aliases: readonly string[], requestedName: string): Record<string, unknown> {
  const schema = collection.schema;
  return {
    schema: {
      name: collection.name,
      description: schema.description,
      autoID: false,
      fields: schema.fields.filter((f) => f.name !== DYNAMIC_FIELD && !isStructField(f)).map(fieldSchemaProto),
      struct_array_fields: schema.fields.filter(isStructField).map(structFieldSchemaProto),
      enable_dynamic_field: schema.enableDynamicField,
      properties: [],
      functions: schema.functions.map((f) => ({
        name: f.name,
        description: f.description,
        type: f.type,
        input_field_names: f.inputFieldNames,
        output_field_names: f.outputFieldNames,
        params: f.params,
      })),
      dbName: collection.dbName,
    },
    collectionID: String(collection.id),
    virtual_channel_names: Array.from({ length: collection.shardsNum }, (_, i) => `by-dev-rootcoord-dml_${i}_${collection.id}v${i}`),
    physical_channel_names: Array.from({ length: collection.shardsNum }, (_, i) => `by-dev-rootcoord-dml_${i}`),
    created_timestamp: String(collection.createdTs),
    created_utc_timestamp: String(collection.createdUtcMs),
    shards_num: collection.shardsNum,
    aliases,
    consistency_level: collection.consistencyLevel,
    collection_name: requestedName || collection.name,
    properties: collection.properties,
    db_name: collection.dbName,
    num_partitions: String(collection.numPartitions || collection.partitions.length),
    db_id: '0',
    update_timestamp: String(collection.updateTs),
    update_timestamp_str: String(collection.updateTs),
  };
}

export function indexDescription(index: IndexMeta, rows: number): Record<string, unknown> {
  return {
    index_name: index.indexName,
    indexID: String(index.id),
    params: index.userParams,
    field_name: index.fieldName,
    indexed_rows: String(rows),
    total_rows: String(rows),
    state: 'Finished',
    index_state_fail_reason: '',
    pending_index_rows: '0',
  };
}

function templateArray(array: ProtoTemplateArray | null | undefined): unknown[] {
  if (!array) return [];
  switch (array.data) {
    case 'bool_data':
      return array.bool_data?.data ?? [];
    case 'long_data':
      return (array.long_data?.data ?? []).map((v) => BigInt(v));
    case 'double_data':
      return array.double_data?.data ?? [];
    case 'string_data':
      return array.string_data?.data ?? [];
    case 'array_data':
      return (array.array_data?.data ?? []).map(templateArray);
    case 'json_data':
      return (array.json_data?.data ?? []).map((b) => JSON.parse(Buffer.from(b).toString('utf8')) as unknown);
    default:
      return [];
  }
}

/** `expr_template_values` into JS values (int64 as bigint). */
export function templateValues(map: Record<string, ProtoTemplateValue> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map ?? {})) {
    switch (value.val) {
      case 'bool_val':
        out[key] = value.bool_val;
        break;
      case 'int64_val':
        out[key] = BigInt(value.int64_val ?? 0);
        break;
      case 'float_val':
        out[key] = value.float_val;
        break;
      case 'string_val':
        out[key] = value.string_val;
        break;
      case 'array_val':
        out[key] = templateArray(value.array_val);
        break;
      case 'bytes_val':
        out[key] = value.bytes_val;
        break;
      default:
    }
  }
  return out;
}

interface PlaceholderGroup {
  placeholders?: Array<{ tag?: string; type?: string; values?: Buffer[] }>;
}

/** Query vectors of a search request, typed by the placeholder type the SDK set. */
export function decodePlaceholders(bytes: Uint8Array): unknown[] {
  const group = decodeMessage<PlaceholderGroup>('milvus.proto.common.PlaceholderGroup', bytes);
  const holder = group.placeholders?.[0];
  if (!holder) return [];
  const values = holder.values ?? [];
  const copy = (b: Buffer) => new Uint8Array(b).buffer;
  switch (holder.type) {
    case 'FloatVector':
      return values.map((b) => new Float32Array(copy(b), 0, b.byteLength >> 2));
    case 'BinaryVector':
      return values.map((b) => new Uint8Array(copy(b)));
    case 'Float16Vector':
    case 'BFloat16Vector':
      return values.map((b) => new Uint16Array(copy(b), 0, b.byteLength >> 1));
    case 'Int8Vector':
      return values.map((b) => new Int8Array(copy(b)));
    case 'SparseFloatVector':
      return values.map((b) => decodeSparseRow(b));
    case 'EmbListFloatVector':
      // One embedding list per value: its vectors' float32 elements back to back (SDK utils/Bytes.js).
      return values.map((b) => new EmbeddingListQuery(new Float32Array(copy(b), 0, b.byteLength >> 2)));
    case 'VarChar':
      // Text queries of a BM25 function output field (the SDK encodes each as UTF-8 bytes).
      return values.map((b) => Buffer.from(b).toString('utf8'));
    default:
      throw errors.unsupported(`search with placeholder type ${holder.type ?? 'None'}`);
  }
}
