/**
 * Collection schemas, for the layers above: the input and normalised shapes (`types.ts`), validation
 * (`collection-schema.ts`, `fields.ts`, `defaults.ts`), data types and index parameters.
 */
export * from './types.js';
export * from './timestamptz.js';
export * from './collection-schema.js';
export { MAX_ARRAY_CAPACITY, MAX_DIM, MAX_VARCHAR_LENGTH, parseDataType, validateCollectionName, validateFieldName } from './fields.js';
export { ARRAY_OF_VECTOR, buildStructFields, isStructField } from './struct-fields.js';
export { buildFunction, enablesAnalyzer, functionTypeName, isFunctionTypeName, validateFunctions } from './functions.js';
export { analyzerFailure, analyzerParamsOf, validateTextFields } from './text-fields.js';
