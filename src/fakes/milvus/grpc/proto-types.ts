/**
 * The plain-object shapes proto-loader hands us with the SDK's loader options (snake_case, int64 as
 * decimal strings, enums by name, bytes as Buffer, oneof names set). Only the parts the fake reads or
 * writes are typed; every field is optional because `defaults: true` fills scalars but leaves unset
 * messages null.
 */
export interface KeyValuePair {
  key: string;
  value: string;
}

export interface ProtoArray<T> {
  data?: T[] | null;
}

export interface ProtoScalarField {
  bool_data?: ProtoArray<boolean> | null;
  int_data?: ProtoArray<number> | null;
  long_data?: ProtoArray<string | number> | null;
  float_data?: ProtoArray<number> | null;
  double_data?: ProtoArray<number> | null;
  string_data?: ProtoArray<string> | null;
  timestamptz_data?: ProtoArray<string | number> | null;
  bytes_data?: ProtoArray<Buffer> | null;
  array_data?: { data?: ProtoScalarField[] | null; element_type?: string } | null;
  json_data?: ProtoArray<Buffer> | null;
  /** Geometry as WKT text, what clients send and receive (the proxy converts it to WKB internally). */
  geometry_wkt_data?: ProtoArray<string> | null;
  /** The oneof: which member is set. */
  data?: string | null;
}

export interface ProtoVectorField {
  dim?: string | number;
  /** A Float32Array when decoded by insert-decoder.ts. */
  float_vector?: { data?: number[] | Float32Array | null } | null;
  binary_vector?: Buffer | Uint8Array | null;
  float16_vector?: Buffer | Uint8Array | null;
  bfloat16_vector?: Buffer | Uint8Array | null;
  sparse_float_vector?: { contents?: Array<Buffer | Uint8Array> | null; dim?: string | number } | null;
  int8_vector?: Buffer | Uint8Array | null;
  /** ArrayOfVector (struct sub-fields): one VectorField per row. */
  vector_array?: { dim?: string | number; data?: ProtoVectorField[] | null; element_type?: string } | null;
  data?: string | null;
}

export interface ProtoFieldData {
  type?: string;
  field_name?: string;
  scalars?: ProtoScalarField | null;
  vectors?: ProtoVectorField | null;
  struct_arrays?: { fields?: ProtoFieldData[] | null } | null;
  field_id?: string | number;
  is_dynamic?: boolean;
  valid_data?: boolean[] | null;
  field?: string | null;
}

export interface ProtoIDs {
  int_id?: ProtoArray<string | number> | null;
  str_id?: ProtoArray<string> | null;
  id_field?: string | null;
}

export interface ProtoTemplateArray {
  bool_data?: ProtoArray<boolean> | null;
  long_data?: ProtoArray<string | number> | null;
  double_data?: ProtoArray<number> | null;
  string_data?: ProtoArray<string> | null;
  array_data?: { data?: ProtoTemplateArray[] | null } | null;
  json_data?: ProtoArray<Buffer> | null;
  data?: string | null;
}

export interface ProtoTemplateValue {
  bool_val?: boolean;
  int64_val?: string | number;
  float_val?: number;
  string_val?: string;
  array_val?: ProtoTemplateArray | null;
  bytes_val?: Buffer | null;
  val?: string | null;
}

export interface ProtoFieldSchema {
  fieldID?: string | number;
  name?: string;
  is_primary_key?: boolean;
  description?: string;
  data_type?: string;
  type_params?: KeyValuePair[] | null;
  index_params?: KeyValuePair[] | null;
  autoID?: boolean;
  element_type?: string;
  default_value?: (Record<string, unknown> & { data?: string | null }) | null;
  is_dynamic?: boolean;
  is_partition_key?: boolean;
  is_clustering_key?: boolean;
  nullable?: boolean;
  is_function_output?: boolean;
}

export interface ProtoFunctionSchema {
  name?: string;
  description?: string;
  type?: string;
  input_field_names?: string[] | null;
  output_field_names?: string[] | null;
  params?: KeyValuePair[] | null;
}

export interface ProtoCollectionSchema {
  name?: string;
  description?: string;
  autoID?: boolean;
  fields?: ProtoFieldSchema[] | null;
  enable_dynamic_field?: boolean;
  properties?: KeyValuePair[] | null;
  functions?: ProtoFunctionSchema[] | null;
  struct_array_fields?: ProtoStructArrayFieldSchema[] | null;
}

export interface ProtoStructArrayFieldSchema {
  fieldID?: string | number;
  name?: string;
  description?: string;
  fields?: ProtoFieldSchema[] | null;
  type_params?: KeyValuePair[] | null;
  nullable?: boolean;
}

/** Reads a key from a repeated KeyValuePair list. */
export function kvGet(pairs: readonly KeyValuePair[] | null | undefined, key: string): string | undefined {
  return pairs?.find((p) => p.key === key)?.value;
}

export function kvToRecord(pairs: readonly KeyValuePair[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) out[p.key] = p.value;
  return out;
}
