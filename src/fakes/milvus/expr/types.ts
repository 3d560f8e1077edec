/**
 * The shapes the filter language shares with its callers: the schema view it checks against, template
 * values, the row accessor and the compiled filter.
 */
import type { DataTypeName, ScalarTypeName } from '../schema/data-types.js';

export interface ExprField {
  name: string;
  type: DataTypeName;
  /** For Array fields. */
  elementType?: ScalarTypeName;
  nullable: boolean;
  isPrimaryKey?: boolean;
  maxCapacity?: number;
  /** `text_match` is allowed on this VarChar. */
  enableMatch?: boolean;
  /** An Array of Structs field: filters on it (and on `struct[sub]`) are refused by the fake. */
  struct?: boolean;
  /** The VarChar's `analyzer_params` (JSON text), for text_match and phrase_match. */
  analyzerParams?: string;
}

export interface ExprSchema {
  fields: readonly ExprField[];
  /** Identifiers that are not fields resolve to `$meta["name"]`. */
  dynamicField: boolean;
}

/** Per-request settings. */
export interface FilterOptions {
  /** Zone of ISO literals without an offset (request, else collection `timezone`); UTC by default. */
  readonly timezone?: string;
}

/** Template values already converted to JS values: bigint for int64, number, string, boolean, arrays of those. */
export type TemplateValues = Readonly<Record<string, unknown>>;

/** Reads one field of one row in the representation of ../schema/data-types.ts; `$meta` returns the dynamic object. */
export type RowAccessor = (field: string) => unknown;

export interface CompiledFilter {
  readonly source: string;
  /** True when the expression is empty or whitespace (matches everything). */
  readonly matchesAll: boolean;
  matches(row: RowAccessor): boolean;
  /** Key values when the whole filter is `pk == v` or `pk in [...]`, so the store can use its pk index. */
  readonly primaryKeys?: ReadonlyArray<bigint | string>;
  /** Field names (and `$meta`) the expression reads. */
  readonly fields: ReadonlySet<string>;
  /** When the filter reads exactly one schema field: the same test on that field's value, for tight scans. */
  readonly column?: { readonly field: string; matches(value: unknown): boolean };
}
