/**
 * Syntax tree produced by the parser. Nodes keep the token span they cover so the checker can quote the
 * offending sub-expression the way Milvus does (ANTLR's `GetText()`: token texts joined without spaces).
 */
import type { TokenKind } from './tokens.js';

export interface Span {
  /** Index of the first token. */
  readonly from: number;
  /** Index one past the last token. */
  readonly to: number;
}

export type ContainsMode = 'one' | 'all' | 'any';

export type NodeBody =
  | { readonly k: 'int'; readonly text: string }
  | { readonly k: 'float'; readonly text: string }
  | { readonly k: 'bool'; readonly value: boolean }
  | { readonly k: 'str'; readonly token: string; readonly raw: boolean }
  | { readonly k: 'ident'; readonly name: string }
  | { readonly k: 'path'; readonly base: string; readonly steps: readonly string[] }
  | { readonly k: 'template'; readonly name: string }
  | { readonly k: 'array'; readonly items: readonly Node[] }
  | { readonly k: 'exists'; readonly operand: Node }
  | { readonly k: 'like'; readonly operand: Node; readonly pattern: Node }
  | { readonly k: 'unary'; readonly op: 'ADD' | 'SUB' | 'BNOT' | 'NOT'; readonly operand: Node }
  | { readonly k: 'binary'; readonly op: TokenKind; readonly left: Node; readonly right: Node }
  | { readonly k: 'term'; readonly negated: boolean; readonly left: Node; readonly right: Node }
  | {
      readonly k: 'range';
      readonly lower: Node;
      readonly column: Node;
      readonly upper: Node;
      readonly lowerInclusive: boolean;
      readonly upperInclusive: boolean;
      /** `lower`/`upper` as written left to right, for error texts (`5 > x > 1` has upper first). */
      readonly written: readonly [Node, Node];
    }
  | { readonly k: 'contains'; readonly mode: ContainsMode; readonly target: Node; readonly element: Node }
  | { readonly k: 'arrayLength'; readonly column: Node }
  | { readonly k: 'textMatch'; readonly field: string; readonly query: Node; readonly minShouldMatch?: string }
  | { readonly k: 'phraseMatch'; readonly field: string; readonly query: Node; readonly slop?: Node }
  | { readonly k: 'nullTest'; readonly column: Node; readonly negated: boolean }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Node[] }
  /** `ST_xxx(field, 'wkt')`, `ST_DWITHIN(field, 'POINT (..)', distance)`, `ST_ISVALID(field)`. */
  | {
      readonly k: 'spatial';
      /** The function name in lower case (`st_within`). */
      readonly fn: string;
      readonly field: string;
      /** The WKT string literal's token text, quotes included. */
      readonly wkt?: string;
      readonly distance?: Node;
    }
  | {
      /** Plan.g4 TimestamptzCompareForward / Reverse: `f [± INTERVAL 'dur'] op ISO 'ts'` or `ISO 'ts' op f [± INTERVAL 'dur']`. */
      readonly k: 'timestamptz';
      readonly field: string;
      readonly op: TokenKind;
      /** The ISO literal's token text (quoted). */
      readonly literal: string;
      readonly reversed: boolean;
      readonly interval?: { readonly sign: 'ADD' | 'SUB'; readonly literal: string };
    }
  | { readonly k: 'unsupported'; readonly what: string };

export type Node = NodeBody & { readonly span: Span };
