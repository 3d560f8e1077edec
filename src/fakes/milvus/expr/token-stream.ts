/**
 * Cursor over the token list plus ANTLR-style syntax errors (`line 1:4 mismatched input 'x' expecting ...`),
 * so a fake-server user sees the same kind of message a real Milvus returns.
 */
import type { Span } from './ast.js';
import { parseError, type ExprError } from './errors.js';
import { escapeDisplay } from './tokens.js';
import { displayKind, type Token, type TokenKind } from './tokens.js';

/** What may start an operand, as ANTLR would list it in an `expecting {...}` set. */
export const OPERAND_START =
  "{'(', '[', '{', '+', '-', '~', NOT, EXISTS, TEXTMATCH, CONTAINS, ArrayLength, BooleanConstant, " +
  'IntegerConstant, FloatingConstant, StringLiteral, RawStringLiteral, Identifier, Meta, JSONIdentifier, EmptyArray}';

export class TokenStream {
  protected pos = 0;

  constructor(
    protected readonly source: string,
    protected readonly tokens: readonly Token[],
  ) {}

  protected peek(ahead = 0): Token {
    const index = Math.min(this.pos + ahead, this.tokens.length - 1);
    return this.tokens[index] as Token;
  }

  protected is(kind: TokenKind, ahead = 0): boolean {
    return this.peek(ahead).kind === kind;
  }

  protected take(): Token {
    const token = this.peek();
    if (token.kind !== 'EOF') this.pos++;
    return token;
  }

  /** Consumes a token of one of `kinds`, or fails with ANTLR's mismatched/extraneous input wording. */
  protected expect(...kinds: TokenKind[]): Token {
    if (kinds.includes(this.peek().kind)) return this.take();
    const expected = kinds.length === 1 ? displayKind(kinds[0] as TokenKind) : `{${kinds.map(displayKind).join(', ')}}`;
    const extraneous = this.peek().kind !== 'EOF' && kinds.includes(this.peek(1).kind);
    throw this.syntax(this.peek(), `${extraneous ? 'extraneous' : 'mismatched'} input`, expected);
  }

  protected syntax(token: Token, what: string, expected: string): ExprError {
    const text = escapeDisplay(token.text);
    const { line, column } = token;
    return parseError(this.source, `line ${line}:${column} ${what} '${text}' expecting ${expected}`, { line, column });
  }

  protected span(from: number): Span {
    return { from, to: this.pos };
  }
}

/** ANTLR's `GetText()` of a span: the token texts concatenated without the skipped whitespace. */
export function spanText(tokens: readonly Token[], span: Span): string {
  let text = '';
  for (let i = span.from; i < span.to; i++) text += tokens[i]?.text ?? '';
  return text;
}
