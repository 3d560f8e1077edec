/**
 * The checked, executable form of a filter: a small predicate tree in the shape of Milvus' plan proto
 * (UnaryRangeExpr, BinaryRangeExpr, TermExpr, BinaryArithOpEvalRangeExpr, ...). Only shapes Milvus accepts
 * can be built, so the evaluator never meets an ill-typed node.
 */
import type { DataTypeName, ScalarTypeName } from '../schema/data-types.js';
import type { Geom, SpatialOp } from '../geometry/index.js';
import type { ContainsMode } from './ast.js';
import type { ArithOp } from './fold.js';
import type { CmpOp, Const } from './values.js';
import type { Interval } from '../schema/timestamptz.js';

/** A value read from a row: a schema field, optionally followed by a JSON path or an array index. */
export interface ColumnRef {
  /** Schema field name, or `$meta` for the dynamic field. */
  readonly field: string;
  readonly type: DataTypeName;
  readonly elementType?: ScalarTypeName;
  readonly nullable: boolean;
  readonly isPrimaryKey: boolean;
  /** JSON keys, or a single decimal index into an Array field. */
  readonly path: readonly string[];
}

/** The type of the value the column yields: an indexed Array gives its element type. */
export function valueType(col: ColumnRef): string {
  if (col.type === 'Array' && col.path.length > 0) return col.elementType ?? 'None';
  return col.type;
}

export type Pred =
  | { readonly k: 'const'; readonly value: boolean }
  /** N-ary, so long `a or b or c ...` chains stay flat (no deep recursion when compiling or evaluating). */
  | { readonly k: 'and' | 'or'; readonly items: readonly Pred[] }
  | { readonly k: 'not'; readonly child: Pred }
  | { readonly k: 'compare'; readonly col: ColumnRef; readonly op: CmpOp; readonly value: Const }
  | {
      readonly k: 'range';
      readonly col: ColumnRef;
      readonly lower: Const;
      readonly upper: Const;
      readonly lowerInclusive: boolean;
      readonly upperInclusive: boolean;
    }
  | { readonly k: 'term'; readonly col: ColumnRef; readonly values: readonly Const[] }
  | {
      readonly k: 'arith';
      readonly col: ColumnRef;
      readonly arith: ArithOp;
      readonly operand: Const;
      readonly op: CmpOp;
      readonly value: Const;
    }
  | { readonly k: 'arrayLength'; readonly col: ColumnRef; readonly op: CmpOp; readonly value: bigint }
  /** TimestamptzArithCompareExpr: `(col ± interval) op value`, all in UTC microseconds. */
  | { readonly k: 'tsArith'; readonly col: ColumnRef; readonly sign: 1 | -1; readonly interval: Interval; readonly op: CmpOp; readonly value: bigint }
  | { readonly k: 'columns'; readonly left: ColumnRef; readonly right: ColumnRef; readonly op: CmpOp }
  | { readonly k: 'like'; readonly col: ColumnRef; readonly pattern: string }
  | { readonly k: 'contains'; readonly col: ColumnRef; readonly mode: ContainsMode; readonly elements: readonly Const[] }
  /** JSON key present and holding data (Milvus' ExistsExpr); `is null` on a path is its negation. */
  | { readonly k: 'exists'; readonly col: ColumnRef }
  | { readonly k: 'isNull'; readonly col: ColumnRef }
  | {
      readonly k: 'textMatch';
      readonly col: ColumnRef;
      readonly tokens: readonly string[];
      readonly minShouldMatch: number;
      readonly analyzerParams?: string;
    }
  | {
      readonly k: 'phraseMatch';
      readonly col: ColumnRef;
      readonly query: string;
      readonly slop: number;
      readonly analyzerParams?: string;
    }
  /** GISFunctionFilterExpr: a spatial predicate of the row's geometry against `query`. */
  | {
      readonly k: 'spatial';
      readonly col: ColumnRef;
      readonly op: SpatialOp | 'dwithin' | 'isvalid';
      readonly query?: Geom;
      /** ST_DWITHIN's distance in meters. */
      readonly distance?: number;
    };

/** Every column a predicate reads, for `CompiledFilter.fields`. */
export function collectFields(pred: Pred, into: Set<string>): Set<string> {
  switch (pred.k) {
    case 'const':
      return into;
    case 'and':
    case 'or':
      for (const item of pred.items) collectFields(item, into);
      return into;
    case 'not':
      return collectFields(pred.child, into);
    case 'columns':
      into.add(pred.left.field);
      into.add(pred.right.field);
      return into;
    default:
      into.add(pred.col.field);
      return into;
  }
}
