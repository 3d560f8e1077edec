/**
 * Field-level schema checks in the proxy's words (`validateCollectionNameOrAlias`, `validateFieldName`,
 * `validateDimension`, `validateMaxLengthPerRow`, `validateMaxCapacityPerRow` in internal/proxy/util.go)
 * and the normalised FieldDef they produce.
 */
import { DATA_TYPE_NUMBERS, isScalarType, isVectorType, type DataTypeName, type ScalarTypeName } from './data-types.js';
import { coerceDefaultValue } from './defaults.js';
import type { FieldDef, FieldInput, KeyValue } from './types.js';
import { Codes, errors, MilvusError } from '../errors/status.js';

export const MAX_DIM = 32768;
export const MAX_VARCHAR_LENGTH = 65535;
export const MAX_ARRAY_CAPACITY = 4096;

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

const MAX_NAME_LENGTH = 255;
const FIELD_NAME_KEYWORDS = new Set(['$meta', 'like', 'exists', 'EXISTS', 'and', 'or', 'not', 'in', 'json_contains',
  'array_contains', 'array_length', 'text_match', 'true', 'false', 'TRUE', 'FALSE']);

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

export function buildField(input: FieldInput, fieldID: number, collection: string): FieldDef {
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
    if (!isScalarType(element) || element === 'Array' || element === 'JSON' || element === 'Geometry') {
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

export function validateMaxCapacity(input: FieldInput, collection: string): number {
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

