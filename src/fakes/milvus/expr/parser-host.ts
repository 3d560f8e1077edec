import type { Node, NodeBody } from './ast.js';
import type { Token, TokenKind } from './tokens.js';

/**
 * What the primary-expression half of the parser (parser-primary.ts) drives: the cursor and the
 * recursion back into full expressions. `Parser` implements it; the interface keeps the two halves of
 * one recursive-descent parser from importing each other.
 */
export interface ParserHost {
  readonly cursor: number;
  parseExpr(minLevel: number): Node;
  columnNode(token: Token, index: number): Node;
  node(from: number, body: NodeBody): Node;
  look(ahead?: number): Token;
  at(kind: TokenKind, ahead?: number): boolean;
  advance(): Token;
  need(...kinds: TokenKind[]): Token;
  mismatch(expected: string): never;
}
