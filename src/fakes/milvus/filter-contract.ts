/**
 * The filter-expression contract the service codes against (implemented by `./expr/`, written on the
 * `expr` branch). Kept here so the service does not depend on how the evaluator is built.
 */
import type { DataTypeName, ScalarTypeName } from './data-types.js';

export interface ExprField {
  name: string;
  type: DataTypeName;
  elementType?: ScalarTypeName;
  nullable: boolean;
  isPrimaryKey?: boolean;
  maxCapacity?: number;
  enableMatch?: boolean;
}

export interface ExprSchema {
  fields: readonly ExprField[];
  dynamicField: boolean;
}

/** JS values; bigint for int64. */
export type TemplateValues = Readonly<Record<string, unknown>>;

/** Reads one field of the current row; `'$meta'` returns the dynamic object. */
export type RowAccessor = (field: string) => unknown;

export interface CompiledFilter {
  readonly source: string;
  readonly matchesAll: boolean;
  matches(row: RowAccessor): boolean;
  /** Set when the filter is exactly "primary key in these values" (lets reads use the key index). */
  readonly primaryKeys?: ReadonlyArray<bigint | string>;
  readonly fields: ReadonlySet<string>;
}

export type FilterCompiler = (source: string, schema: ExprSchema, templates?: TemplateValues) => CompiledFilter;
