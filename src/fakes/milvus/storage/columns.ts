/**
 * Transport-neutral column shapes. Writers (gRPC FieldData, REST JSON rows, seed files) turn their
 * input into {@link ColumnInput}s; reads produce {@link OutputColumn}s that the transports encode.
 */
import type { FieldDef } from '../schema/index.js';
import type { SparseRow } from './vector-column.js';

export interface ColumnInput {
  readonly name: string;
  readonly isDynamic: boolean;
  /**
   * The wire payload the caller used (`bool_data`, `int_data`, `long_data`, `float_data`, `double_data`,
   * `string_data`, `json_data`, `array_data`, `float_vector`, `binary_vector`, `float16_vector`,
   * `bfloat16_vector`, `int8_vector`, `sparse_float_vector`, or `none`), checked against the schema.
   * Undefined when the writer already produced values of the field's own type.
   */
  readonly payload?: string;
  /** Present scalar values in the in-memory representation; compact when `validData` marks nulls. */
  readonly values?: readonly unknown[];
  /** Array fields: the element payload of each row (checked against the element type). */
  readonly elementPayloads?: readonly string[];
  /** Dense vectors: `dim` as sent, and the flat elements of the present rows. */
  readonly vectorDim?: number;
  readonly floats?: ArrayLike<number>;
  /** Binary (packed bits), Float16/BFloat16 (2 bytes LE per element) and Int8 vectors, flat. */
  readonly bytes?: Uint8Array;
  readonly sparse?: readonly SparseRow[];
  /** One flag per row; false rows are null (or take the default value). Empty or absent = all present. */
  readonly validData?: readonly boolean[];
}

/** A vector value as stored: floats, raw half-precision bits, packed bits, signed bytes, or sparse pairs. */
export type VectorValue = Float32Array | Uint16Array | Uint8Array | Int8Array | SparseRow;

export interface OutputColumn {
  /** The schema field, or undefined for `$meta` and computed columns. */
  readonly field?: FieldDef;
  readonly name: string;
  readonly kind: 'field' | 'dynamic' | 'count';
  /** One value per output row: in-memory scalars, {@link VectorValue}s, objects for `$meta`; null = null. */
  readonly values: readonly unknown[];
}
