/**
 * Collection schemas: validation with Milvus' rules and wording (proxy `createCollectionTask.PreExecute`
 * and its helpers in `internal/proxy/util.go`) from the input shape to the normalised definition.
 */
import { isVectorType } from './data-types.js';
import { buildField, parseDataType, validateCollectionName, validateFieldName } from './fields.js';
import { errors, MilvusError } from '../errors/status.js';
import { buildStructFields } from './struct-fields.js';
import { buildFunction, validateFunctions } from './functions.js';
import { validateTextFields } from './text-fields.js';
import {
  type CollectionSchemaDef,
  DYNAMIC_FIELD,
  type FieldDef,
  type FieldInput,
  type FunctionDef,
  type KeyValue,
  MAX_FIELDS,
  MAX_VECTOR_FIELDS,
  type SchemaInput,
  START_OF_USER_FIELD_ID,
} from './types.js';

export interface BuildSchemaOptions {
  /** `num_partitions` of the request (0 = not given). */
  numPartitions?: number;
}

/**
 * Validates and normalises a schema the way the proxy does before creating a collection.
 *
 * @example
 * const schema = buildCollectionSchema('docs', {
 *   fields: [
 *     { name: 'id', dataType: 'Int64', isPrimaryKey: true },
 *     { name: 'vector', dataType: 'FloatVector', typeParams: { dim: 4 } },
 *   ],
 * });
 */
export function buildCollectionSchema(name: string, input: SchemaInput, options: BuildSchemaOptions = {}): CollectionSchemaDef {
  const fieldsIn = input.fields;
  if (fieldsIn.length > MAX_FIELDS) throw errors.invalidParameter(`maximum field's number should be limited to ${MAX_FIELDS}`);
  const vectorCount = fieldsIn.filter((f) => isVectorType(String(parseDataType(f.dataType)))).length;
  if (vectorCount > MAX_VECTOR_FIELDS) {
    throw errors.unexpected(`maximum vector field's number should be limited to ${MAX_VECTOR_FIELDS}`);
  }
  if (vectorCount === 0) throw errors.invalidParameter('schema does not contain vector field');
  validateCollectionName(name);
  const seen = new Set<string>();
  for (const f of fieldsIn) {
    if (seen.has(f.name)) throw errors.invalidParameter(`duplicated field name ${f.name} found`);
    seen.add(f.name);
  }
  validatePrimaryKey(fieldsIn);
  if (fieldsIn.some((f) => f.isDynamic)) throw errors.invalidParameter('cannot explicitly set a field as a dynamic field');
  validateAutoId(fieldsIn);
  const structs = buildStructFields(input.structFields ?? [], START_OF_USER_FIELD_ID + fieldsIn.length, name, seen);
  const fields = [...fieldsIn.map((f, i) => buildField(f, START_OF_USER_FIELD_ID + i, name)), ...structs];
  validatePartitionKey(fields, options.numPartitions ?? 0);
  validateClusteringKey(fields, name);
  const functions = (input.functions ?? []).map(buildFunction);
  validateFunctions(fields, functions);
  validateTextFields(fields, functions);
  return {
    name,
    description: input.description ?? '',
    fields: markFunctionOutputs(fields, functions),
    enableDynamicField: input.enableDynamicField === true,
    functions,
  };
}

function validatePrimaryKey(fields: readonly FieldInput[]): void {
  let pk: FieldInput | undefined;
  for (const f of fields) {
    if (!f.isPrimaryKey) continue;
    if (pk) throw errors.invalidParameter(`there are more than one primary key, field name = ${pk.name}, ${f.name}`);
    const type = parseDataType(f.dataType);
    if (type !== 'Int64' && type !== 'VarChar') throw errors.invalidParameter('the data type of primary key should be Int64 or VarChar');
    pk = f;
  }
  if (!pk) throw errors.invalidParameter('primary key is not specified');
}

function validateAutoId(fields: readonly FieldInput[]): void {
  let auto: FieldInput | undefined;
  for (const f of fields) {
    if (!f.autoID) continue;
    if (auto) throw errors.invalidParameter(`only one field can speficy AutoID with true, field name = ${auto.name}, ${f.name}`);
    if (!f.isPrimaryKey) throw errors.invalidParameter(`only primary field can speficy AutoID with true, field name = ${f.name}`);
    auto = f;
  }
}

function validatePartitionKey(fields: readonly FieldDef[], numPartitions: number): void {
  let key: FieldDef | undefined;
  for (const f of fields) {
    if (!f.isPartitionKey) continue;
    if (key) throw errors.invalidParameter(`there are more than one partition key, field name = ${key.name}, ${f.name}`);
    if (f.isPrimaryKey) throw errors.invalidParameter('the partition key field must not be primary field');
    if (f.type !== 'Int64' && f.type !== 'VarChar') throw errors.invalidParameter('the data type of partition key should be Int64 or VarChar');
    if (f.nullable) throw errors.invalidParameter('partition key field not support nullable');
    key = f;
  }
  if (numPartitions < 0 && key) throw errors.invalidParameter('the specified partitions should be greater than 0 if partition key is used');
  if (numPartitions > 1024) {
    throw errors.invalidParameter(`partition number (${numPartitions}) exceeds max configuration (1024)`);
  }
  if (!key && numPartitions !== 0) throw errors.invalidParameter('num_partitions should only be specified with partition key field enabled');
}

function validateClusteringKey(fields: readonly FieldDef[], collection: string): void {
  let key: FieldDef | undefined;
  for (const f of fields) {
    if (!f.isClusteringKey) continue;
    if (isVectorType(f.type)) {
      throw new MilvusError(107, `vector clustering key not allowed[collection=${collection}]`);
    }
    if (key) {
      throw errors.illegalSchema(collection, `there are more than one clustering key, field name = ${key.name}, ${f.name}`);
    }
    key = f;
  }
}

/** Output fields of the functions carry `is_function_output` (the proxy sets it in validateFunction). */
export function markFunctionOutputs(fields: readonly FieldDef[], functions: readonly FunctionDef[]): FieldDef[] {
  const outputs = new Set(functions.flatMap((f) => f.outputFieldNames));
  return fields.map((f) => (outputs.has(f.name) !== f.isFunctionOutput ? { ...f, isFunctionOutput: outputs.has(f.name) } : f));
}

/** Builds one field added to an existing collection (AddCollectionField / AlterCollectionSchema). */
export function buildAddedField(schema: CollectionSchemaDef, input: FieldInput, fieldID: number): FieldDef {
  if (schema.fields.some((f) => f.name === input.name) || (schema.enableDynamicField && input.name === DYNAMIC_FIELD)) {
    throw errors.invalidParameter(`duplicate field name: ${input.name}`);
  }
  if (input.isPrimaryKey) throw errors.invalidParameter('not support to add pk field');
  if (input.isPartitionKey) throw errors.invalidParameter(`not support to add partition key field, field name  = ${input.name}`);
  if (input.isClusteringKey) throw errors.invalidParameter('not support to add clustering key field');
  if (input.nullable !== true) throw errors.invalidParameter(`added field must be nullable, please check it, field name = ${input.name}`);
  const field = buildField(input, fieldID, schema.name);
  validateTextFields([field], []);
  if (isVectorType(field.type) && schema.fields.filter((f) => isVectorType(f.type)).length >= MAX_VECTOR_FIELDS) {
    throw errors.unexpected(`maximum vector field's number should be limited to ${MAX_VECTOR_FIELDS}`);
  }
  return field;
}

/** Canonical form for "same schema?" checks of an idempotent CreateCollection. */
export function schemaFingerprint(schema: CollectionSchemaDef): string {
  return JSON.stringify(schema, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
}

export function primaryField(schema: CollectionSchemaDef): FieldDef {
  const pk = schema.fields.find((f) => f.isPrimaryKey);
  if (!pk) throw errors.unexpected('schema has no primary key');
  return pk;
}

export function fieldByName(schema: CollectionSchemaDef, name: string): FieldDef | undefined {
  return schema.fields.find((f) => f.name === name);
}
