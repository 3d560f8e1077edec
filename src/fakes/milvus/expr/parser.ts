/**
 * Precedence-climbing parser for Milvus' filter grammar. ANTLR turns the left-recursive `expr` rule of
 * `Plan.g4` into precedence levels by alternative order (earlier binds tighter), so the levels below follow
 * that order, including its surprises: `like` binds tighter than arithmetic, and the prefix `not` binds
 * tighter than every comparison, so `not a == 1` is `(not a) == 1` on a real server too.
 */
import type { Node, NodeBody } from './ast.js';
import { parseError } from './errors.js';
import { isPathToken } from './tokens.js';
import { LEVEL } from './levels.js';
import type { ParserHost } from './parser-host.js';
import { parsePrimary } from './parser-primary.js';
import { TokenStream } from './token-stream.js';
import type { Token, TokenKind } from './tokens.js';


const BINARY: Partial<Record<TokenKind, number>> = {
  POW: LEVEL.POW, MUL: LEVEL.MUL, DIV: LEVEL.MUL, MOD: LEVEL.MUL, ADD: LEVEL.ADD, SUB: LEVEL.ADD,
  SHL: LEVEL.SHIFT, SHR: LEVEL.SHIFT, LT: LEVEL.RELATIONAL, LE: LEVEL.RELATIONAL, GT: LEVEL.RELATIONAL,
  GE: LEVEL.RELATIONAL, EQ: LEVEL.EQUALITY, NE: LEVEL.EQUALITY, BAND: LEVEL.BAND, BXOR: LEVEL.BXOR,
  BOR: LEVEL.BOR, AND: LEVEL.AND, OR: LEVEL.OR,
};

/** Tokens that may sit in the middle of a chained range (`1 < x < 5`). */
const RANGE_MIDDLE: ReadonlySet<TokenKind> = new Set<TokenKind>(['Identifier', 'JSONIdentifier', 'StructField', 'ElementSelf']);

/** Deepest nesting of parentheses, prefix operators and operands accepted. */
export const MAX_NESTING = 400;

export class Parser extends TokenStream implements ParserHost {
  private depth = 0;

  /** Parses the whole filter; leftover tokens give Milvus' `invalid expression: <expr>`. */
  parseAll(): Node {
    const node = this.parseExpr(0);
    if (!this.is('EOF')) {
      const { line, column } = this.peek();
      throw parseError(this.source, `invalid expression: ${this.source}`, { line, column });
    }
    return node;
  }

  parseExpr(minLevel: number): Node {
    // Milvus bounds nesting too (proxy.maxExpressionDepth); here it also keeps every later pass off the stack limit.
    if (++this.depth > MAX_NESTING) {
      const { line, column } = this.peek();
      throw parseError(this.source, `expression nesting depth exceeds the limit of ${MAX_NESTING}`, { line, column });
    }
    const from = this.pos;
    let left = parsePrimary(this);
    for (;;) {
      const next = this.binaryStep(left, from, minLevel);
      if (!next) break;
      left = next;
    }
    this.depth--;
    return left;
  }

  private binaryStep(left: Node, from: number, min: number): Node | undefined {
    const kind = this.peek().kind;
    if (kind === 'LIKE' && LEVEL.LIKE >= min) {
      this.take();
      return this.node(from, { k: 'like', operand: left, pattern: this.parseExpr(LEVEL.LIKE + 1) });
    }
    const regexLevel = kind === 'REGEXMATCH' ? LEVEL.REGEX : LEVEL.NOTREGEX;
    if ((kind === 'REGEXMATCH' || kind === 'REGEXNOTMATCH') && regexLevel >= min) {
      this.take();
      this.parseExpr(regexLevel + 1);
      return this.node(from, { k: 'unsupported', what: 'regular expression match (=~, !~)' });
    }
    const negatedIn = kind === 'NOT' && this.is('IN', 1);
    if ((kind === 'IN' || negatedIn) && LEVEL.TERM >= min) {
      this.take();
      if (negatedIn) this.take();
      return this.node(from, { k: 'term', negated: negatedIn, left, right: this.parseExpr(LEVEL.TERM + 1) });
    }
    if (this.startsRange(kind, min)) return this.range(left, from);
    const level = BINARY[kind];
    if (level === undefined || level < min) return undefined;
    this.take();
    const right = this.parseExpr(level + 1);
    return this.node(from, { k: 'binary', op: kind, left, right });
  }

  /** `< ident <` (or `> ident >`) is a chained range; ANTLR prefers it over two relational steps. */
  private startsRange(kind: TokenKind, min: number): boolean {
    const lower = kind === 'LT' || kind === 'LE';
    const upper = kind === 'GT' || kind === 'GE';
    if (!lower && !upper) return false;
    if ((lower ? LEVEL.RANGE : LEVEL.REVERSE_RANGE) < min) return false;
    const second = this.peek(2).kind;
    const sameDirection = lower ? second === 'LT' || second === 'LE' : second === 'GT' || second === 'GE';
    return RANGE_MIDDLE.has(this.peek(1).kind) && sameDirection;
  }

  private range(left: Node, from: number): Node {
    const op1 = this.take();
    const middleAt = this.pos;
    const middle = this.take();
    const column = this.columnNode(middle, middleAt);
    const op2 = this.take();
    const forward = op1.kind === 'LT' || op1.kind === 'LE';
    const right = this.parseExpr((forward ? LEVEL.RANGE : LEVEL.REVERSE_RANGE) + 1);
    const inclusive = (token: Token) => token.kind === 'LE' || token.kind === 'GE';
    return this.node(from, {
      k: 'range',
      column,
      lower: forward ? left : right,
      upper: forward ? right : left,
      lowerInclusive: inclusive(forward ? op1 : op2),
      upperInclusive: inclusive(forward ? op2 : op1),
      written: [left, right],
    });
  }

  /** A node for an identifier-like token already taken at `index`. */
  columnNode(token: Token, index: number): Node {
    const span = { from: index, to: index + 1 };
    if (isPathToken(token)) return { k: 'path', base: token.base, steps: token.steps, span };
    if (token.kind === 'Identifier' || token.kind === 'Meta') return { k: 'ident', name: token.text, span };
    return { k: 'unsupported', what: 'struct array fields ($, a[sub])', span };
  }

  node(from: number, body: NodeBody): Node {
    return { ...body, span: this.span(from) } as Node;
  }

  // The primary-expression half lives in parser-primary.ts; it drives the cursor through these.
  get cursor(): number {
    return this.pos;
  }
  look(ahead = 0): Token {
    return this.peek(ahead);
  }
  at(kind: TokenKind, ahead = 0): boolean {
    return this.is(kind, ahead);
  }
  advance(): Token {
    return this.take();
  }
  need(...kinds: TokenKind[]): Token {
    return this.expect(...kinds);
  }
  mismatch(expected: string): never {
    throw this.syntax(this.peek(), 'mismatched input', expected);
  }
}
