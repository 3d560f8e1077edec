/**
 * Collection schemas: the transport-neutral input shape, validation with Milvus' rules and wording
 * (proxy `createCollectionTask.PreExecute` and its helpers in `internal/proxy/util.go`), and the
 * normalised definition the store works with.
 */
import {
  DATA_TYPE_NUMBERS,
  isScalarType,
  isVectorType,
  type DataTypeName,
  type ScalarTypeName,
} from './data-types.js';
import { errors, MilvusError, Codes } from './status.js';
import { coerceDefaultValue } from './schema-defaults.js';

export interface KeyValue {
  key: string;
  value: string;
}

/** One field as a caller describes it (gRPC schemas are converted to this; seed files use it directly). */
export interface FieldInput {
  name: string;
  /** Type name (`'Int64'`, `'FloatVector'`, ...) or proto enum number. */
  dataType: string | number;
  elementType?: string | number;
  description?: string;
  isPrimaryKey?: boolean;
  autoID?: boolean;
  nullable?: boolean;
  /** Default as a JS value (int64 may be a number, string or bigint). */
  defaultValue?: unknown;
  /** `dim`, `max_length`, `max_capacity`, `enable_match`, `enable_analyzer`, `analyzer_params`, ... */
  typeParams?: Readonly<Record<string, string | number | boolean>>;
  isPartitionKey?: boolean;
  isClusteringKey?: boolean;
  isFunctionOutput?: boolean;
  isDynamic?: boolean;
}

export interface FunctionInput {
  name: string;
  type: string;
  description?: string;
  inputFieldNames: readonly string[];
  outputFieldNames: readonly string[];
  params?: Readonly<Record<string, string>>;
}

export interface SchemaInput {
  description?: string;
  enableDynamicField?: boolean;
  fields: readonly FieldInput[];
  functions?: readonly FunctionInput[];
}

export interface FieldDef {
  readonly fieldID: number;
  readonly name: string;
  readonly description: string;
  readonly type: DataTypeName;
  readonly elementType?: ScalarTypeName;
  readonly isPrimaryKey: boolean;
  readonly autoID: boolean;
  readonly nullable: boolean;
  /** In-memory representation (see data-types.ts); undefined when the field has no default. */
  readonly defaultValue?: unknown;
  readonly dim?: number;
  readonly maxLength?: number;
  readonly maxCapacity?: number;
  readonly isPartitionKey: boolean;
  readonly isClusteringKey: boolean;
  readonly isFunctionOutput: boolean;
  readonly enableMatch: boolean;
  /** Type params as the user gave them, echoed by DescribeCollection. */
  readonly typeParams: readonly KeyValue[];
}

export interface FunctionDef {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly inputFieldNames: readonly string[];
  readonly outputFieldNames: readonly string[];
  readonly params: readonly KeyValue[];
}

export interface CollectionSchemaDef {
  readonly name: string;
  readonly description: string;
  readonly fields: readonly FieldDef[];
  readonly enableDynamicField: boolean;
  readonly functions: readonly FunctionDef[];
}

export const START_OF_USER_FIELD_ID = 100;
export const DYNAMIC_FIELD = '$meta';
export const MAX_FIELDS = 64;
export const MAX_VECTOR_FIELDS = 4;
export const MAX_DIM = 32768;
export const MAX_VARCHAR_LENGTH = 65535;
export const MAX_ARRAY_CAPACITY = 4096;
const MAX_NAME_LENGTH = 255;
const FIELD_NAME_KEYWORDS = new Set(['$meta', 'like', 'exists', 'EXISTS', 'and', 'or', 'not', 'in', 'json_contains',
  'array_contains', 'array_length', 'text_match', 'true', 'false', 'TRUE', 'FALSE']);

/** Resolves a type given by name or proto number. */
export function parseDataType(value: string | number | undefined): DataTypeName | 'None' | undefined {
  if (value === undefined || value === 0 || value === 'None') return 'None';
  if (typeof value === 'number') {
    const found = Object.entries(DATA_TYPE_NUMBERS).find(([, n]) => n === value);
    return found ? (found[0] as DataTypeName) : undefined;
  }
  if (isScalarType(value) || isVectorType(value)) return value;
  const lower = value.toLowerCase();
  const byName = Object.keys(DATA_TYPE_NUMBERS).find((name) => name.toLowerCase() === lower);
  return byName as DataTypeName | undefined;
}

const isAlpha = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';

/** proxy `validateCollectionNameOrAlias`. */
export function validateCollectionName(name: string, kind: 'name' | 'alias' = 'name'): void {
  const entity = name.trim();
  if (entity === '') throw errors.invalidParameter(`collection ${kind} should not be empty`);
  const invalid = `Invalid collection ${kind}: ${entity}. `;
  if (entity.length > MAX_NAME_LENGTH) {
    throw errors.invalidParameter(`${invalid} the length of a collection ${kind} must be less than ${MAX_NAME_LENGTH} characters`);
  }
  if (entity[0] !== '_' && !isAlpha(entity[0] as string)) {
    throw errors.invalidParameter(`${invalid} the first character of a collection ${kind} must be an underscore or letter`);
  }
  for (const c of entity.slice(1)) {
    if (c !== '_' && !isAlpha(c) && !isDigit(c)) {
      throw errors.invalidParameter(`${invalid} collection ${kind} can only contain numbers, letters and underscores`);
    }
  }
}

/** proxy `validateFieldName` (code 1701). */
export function validateFieldName(name: string): void {
  const fieldName = name.trim();
  const fail = (msg: string) => new MilvusError(Codes.fieldInvalidName, `${msg}: field name invalid[field=${fieldName}]`);
  if (fieldName === '') throw fail('field name should not be empty');
  const invalid = `Invalid field name: ${fieldName}. `;
  if (fieldName.length > MAX_NAME_LENGTH) {
    throw fail(`${invalid}The length of a field name must be less than ${MAX_NAME_LENGTH} characters.`);
  }
  if (fieldName[0] !== '_' && !isAlpha(fieldName[0] as string)) {
    throw fail(`${invalid}The first character of a field name must be an underscore or letter.`);
  }
  for (const c of fieldName.slice(1)) {
    if (c !== '_' && !isAlpha(c) && !isDigit(c)) {
      throw fail(`${invalid}Field name can only contain numbers, letters, and underscores.`);
    }
  }
  if (FIELD_NAME_KEYWORDS.has(fieldName)) throw fail(`${invalid}${fieldName} is keyword in milvus.`);
}

function paramString(params: FieldInput['typeParams'], key: string): string | undefined {
  const value = params?.[key];
  return value === undefined ? undefined : String(value);
}

function parseIntParam(text: string, what: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw errors.invalidParameter(`the value for ${what} must be an integer, got ${text}`);
  return Number(text.trim());
}

function buildField(input: FieldInput, fieldID: number, collection: string): FieldDef {
  const type = parseDataType(input.dataType);
  if (type === undefined) throw errors.invalidParameter(`data type ${String(input.dataType)} is not valid`);
  if (type === 'None') throw errors.invalidParameter('data type None is not valid');
  if (type === 'String') throw errors.invalidParameter('string data type not supported yet, please use VarChar type instead');
  validateFieldName(input.name);
  const params = input.typeParams ?? {};
  const typeParams: KeyValue[] = Object.entries(params).map(([key, value]) => ({ key, value: String(value) }));
  let dim: number | undefined;
  let maxLength: number | undefined;
  let maxCapacity: number | undefined;
  let elementType: ScalarTypeName | undefined;

  if (isVectorType(type)) dim = validateDimension(input, type);
  if (type === 'Array') {
    const element = parseDataType(input.elementType);
    if (element === undefined || element === 'None') throw errors.invalidParameter('element data type None is not valid');
    if (element === 'String') {
      throw errors.invalidParameter('string data type not supported yet, please use VarChar type instead');
    }
    if (!isScalarType(element) || element === 'Array' || element === 'JSON') {
      throw errors.invalidParameter(`element type ${element} is not supported`);
    }
    elementType = element;
    maxCapacity = validateMaxCapacity(input, collection);
  }
  if (type === 'VarChar' || elementType === 'VarChar') maxLength = validateMaxLength(input, collection);

  const isPrimaryKey = input.isPrimaryKey === true;
  const nullable = input.nullable === true;
  if (nullable && isPrimaryKey) throw errors.invalidParameter('primary field not support null');
  const base = {
    fieldID,
    name: input.name,
    description: input.description ?? '',
    type,
    ...(elementType ? { elementType } : {}),
    isPrimaryKey,
    autoID: input.autoID === true,
    nullable,
    ...(dim !== undefined ? { dim } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(maxCapacity !== undefined ? { maxCapacity } : {}),
    isPartitionKey: input.isPartitionKey === true,
    isClusteringKey: input.isClusteringKey === true,
    isFunctionOutput: input.isFunctionOutput === true,
    enableMatch: paramString(params, 'enable_match') === 'true',
    typeParams,
  };
  if (input.defaultValue === undefined || input.defaultValue === null) return base;
  return { ...base, defaultValue: coerceDefaultValue(base, input.defaultValue) };
}

function validateDimension(input: FieldInput, type: DataTypeName): number | undefined {
  const text = paramString(input.typeParams, 'dim');
  if (type === 'SparseFloatVector') {
    if (text !== undefined) {
      throw errors.invalidParameter(`dim should not be specified for sparse vector field ${input.name}(0)`);
    }
    return undefined;
  }
  if (text === undefined) {
    throw errors.invalidParameter(
      `dimension is not defined in field type params of field ${input.name}, check type param \`dim\` for vector field`,
    );
  }
  const dim = parseIntParam(text, 'dim');
  if (dim <= 1) throw errors.invalidParameter(`invalid dimension: ${dim}. should be in range 2 ~ ${MAX_DIM}`);
  if (type === 'BinaryVector') {
    if (dim % 8 !== 0) {
      throw errors.invalidParameter(`invalid dimension: ${dim} of field ${input.name}. binary vector dimension should be multiple of 8. `);
    }
    if (dim > MAX_DIM * 8) {
      throw errors.invalidParameter(
        `invalid dimension: ${dim} of field ${input.name}. binary vector dimension should be in range 2 ~ ${MAX_DIM * 8}`,
      );
    }
  } else if (dim > MAX_DIM) {
    throw errors.invalidParameter(
      `invalid dimension: ${dim} of field ${input.name}. float vector dimension should be in range 2 ~ ${MAX_DIM}`,
    );
  }
  return dim;
}

function validateMaxLength(input: FieldInput, collection: string): number {
  const text = paramString(input.typeParams, 'max_length');
  if (text === undefined) {
    throw errors.missingParameter(`type param(max_length) should be specified for the field(${input.name}) of collection ${collection}`);
  }
  const value = parseIntParam(text, 'max_length');
  if (value <= 0 || value > MAX_VARCHAR_LENGTH) {
    throw errors.invalidParameter(
      `the maximum length specified for the field(${input.name}) should be in (0, ${MAX_VARCHAR_LENGTH}], but got ${value} instead`,
    );
  }
  return value;
}

function validateMaxCapacity(input: FieldInput, collection: string): number {
  const text = paramString(input.typeParams, 'max_capacity');
  if (text === undefined) {
    throw errors.missingParameter(`type param(max_capacity) should be specified for array field ${input.name} of collection ${collection}`);
  }
  if (!/^-?\d+$/.test(text.trim())) {
    throw errors.invalidParameter(`the value for max_capacity of field ${input.name} must be an integer`);
  }
  const value = Number(text.trim());
  if (value <= 0 || value > MAX_ARRAY_CAPACITY) {
    throw errors.invalidParameter(`the maximum capacity specified for a Array should be in (0, ${MAX_ARRAY_CAPACITY}]`);
  }
  return value;
}

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
  const fields = fieldsIn.map((f, i) => buildField(f, START_OF_USER_FIELD_ID + i, name));
  validatePartitionKey(fields, options.numPartitions ?? 0);
  validateClusteringKey(fields, name);
  const functions = (input.functions ?? []).map(buildFunction);
  const markOutputs = new Set(functions.flatMap((f) => f.outputFieldNames));
  return {
    name,
    description: input.description ?? '',
    fields: fields.map((f) => (markOutputs.has(f.name) && !f.isFunctionOutput ? { ...f, isFunctionOutput: true } : f)),
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

function buildFunction(input: FunctionInput): FunctionDef {
  if (!input.name) throw errors.invalidParameter('function name cannot be empty');
  return {
    name: input.name,
    type: input.type,
    description: input.description ?? '',
    inputFieldNames: [...input.inputFieldNames],
    outputFieldNames: [...input.outputFieldNames],
    params: Object.entries(input.params ?? {}).map(([key, value]) => ({ key, value })),
  };
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
