/**
 * The shapes of a collection schema: the transport-neutral input a caller gives (gRPC schemas are
 * converted to it, seed files use it directly) and the normalised definition the store works with.
 */
import type { DataTypeName, ScalarTypeName } from './data-types.js';

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

/**
 * An Array of Structs field (Milvus 2.6.4+): sub-fields by their declared element type (`'VarChar'`,
 * `'FloatVector'`, ...); `max_capacity` on the struct or on its sub-fields.
 */
export interface StructFieldInput {
  name: string;
  description?: string;
  nullable?: boolean;
  typeParams?: Readonly<Record<string, string | number | boolean>>;
  fields: readonly FieldInput[];
}

export interface SchemaInput {
  description?: string;
  enableDynamicField?: boolean;
  fields: readonly FieldInput[];
  structFields?: readonly StructFieldInput[];
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
  /**
   * Set on an Array of Structs field (type `Array`, no element type): its sub-fields, each typed by
   * its element type. Values are arrays of `{ sub: value }` objects (see struct-fields.ts).
   */
  readonly structFields?: readonly FieldDef[];
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
