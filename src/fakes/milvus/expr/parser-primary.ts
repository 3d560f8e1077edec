/**
 * Operands of the grammar: literals, identifiers and JSON paths, templates, parentheses, array literals,
 * prefix operators and the function-call forms. Function names are keywords, so `json_contains(...)` has a
 * fixed arity while an unknown `foo(...)` parses as Milvus' generic call.
 */
import type { ContainsMode, Node } from './ast.js';
import { LEVEL } from './levels.js';
import type { ParserHost } from './parser-host.js';
import { OPERAND_START } from './token-stream.js';
import type { TokenKind } from './tokens.js';

const CONTAINS: Partial<Record<TokenKind, ContainsMode>> = { CONTAINS: 'one', CONTAINS_ALL: 'all', CONTAINS_ANY: 'any' };
const COMPARISONS: readonly TokenKind[] = ['LT', 'LE', 'GT', 'GE', 'EQ', 'NE'];

export function parsePrimary(p: ParserHost): Node {
  const from = p.cursor;
  const token = p.look();
  switch (token.kind) {
    case 'IntegerConstant':
      p.advance();
      return p.node(from, { k: 'int', text: token.text });
    case 'FloatingConstant':
      p.advance();
      return p.node(from, { k: 'float', text: token.text });
    case 'BooleanConstant':
      p.advance();
      return p.node(from, { k: 'bool', value: token.text.toLowerCase() === 'true' });
    case 'StringLiteral':
    case 'RawStringLiteral':
      p.advance();
      return p.node(from, { k: 'str', token: token.text, raw: token.kind === 'RawStringLiteral' });
    case 'Identifier':
      return identifier(p, from);
    case 'Meta':
    case 'StructField':
    case 'ElementSelf':
      return p.columnNode(p.advance(), from);
    case 'JSONIdentifier':
      return nullTestOr(p, from, p.columnNode(p.advance(), from));
    case '{': {
      p.advance();
      const name = p.need('Identifier').text;
      p.need('}');
      return p.node(from, { k: 'template', name });
    }
    case '(': {
      p.advance();
      const inner = p.parseExpr(0);
      p.need(')');
      return p.node(from, inner);
    }
    case '[':
      return arrayLiteral(p, from);
    case 'EmptyArray':
      p.advance();
      return p.node(from, { k: 'array', items: [] });
    case 'EXISTS':
      p.advance();
      return p.node(from, { k: 'exists', operand: p.parseExpr(LEVEL.EXISTS) });
    case 'ADD':
    case 'SUB':
    case 'BNOT':
    case 'NOT':
      p.advance();
      return p.node(from, { k: 'unary', op: token.kind, operand: p.parseExpr(LEVEL.UNARY) });
    default:
      return functionForm(p, from);
  }
}

function functionForm(p: ParserHost, from: number): Node {
  const token = p.look();
  const mode = CONTAINS[token.kind];
  if (mode) {
    p.advance();
    p.need('(');
    const target = p.parseExpr(0);
    p.need(',');
    const element = p.parseExpr(0);
    p.need(')');
    return p.node(from, { k: 'contains', mode, target, element });
  }
  if (token.kind === 'ArrayLength') {
    p.advance();
    p.need('(');
    const at = p.cursor;
    const column = p.columnNode(p.need('Identifier', 'JSONIdentifier', 'StructField'), at);
    p.need(')');
    return p.node(from, { k: 'arrayLength', column });
  }
  if (token.kind === 'TEXTMATCH') return textMatch(p, from);
  if (token.kind === 'PHRASEMATCH') return phraseMatch(p, from);
  if (token.kind === 'STBinary' || token.kind === 'STDWithin' || token.kind === 'STIsValid') return spatial(p, from);
  if (token.kind === 'UnsupportedCall') {
    p.advance();
    skipArguments(p);
    return p.node(from, { k: 'unsupported', what: `${token.text.toLowerCase()}()` });
  }
  if (token.kind === 'ISO') {
    // ISO compare_string op Identifier (± INTERVAL interval_string)?  (Plan.g4 TimestamptzCompareReverse)
    p.advance();
    const literal = p.need('StringLiteral').text;
    const op = p.need(...COMPARISONS).kind;
    const field = p.need('Identifier').text;
    const interval = (p.at('ADD') || p.at('SUB')) && p.at('INTERVAL', 1) ? intervalPart(p) : undefined;
    return p.node(from, { k: 'timestamptz', field, op, literal, reversed: true, ...(interval ? { interval } : {}) });
  }
  return p.mismatch(OPERAND_START);
}

function identifier(p: ParserHost, from: number): Node {
  const name = p.advance().text;
  if (p.at('(')) {
    p.advance();
    const args: Node[] = [];
    while (!p.at(')')) {
      args.push(p.parseExpr(0));
      if (p.need(',', ')').kind === ')') return p.node(from, { k: 'call', name, args });
    }
    p.advance();
    return p.node(from, { k: 'call', name, args });
  }
  const hasInterval = (p.at('ADD') || p.at('SUB')) && p.at('INTERVAL', 1);
  if (hasInterval || (COMPARISONS.includes(p.look().kind) && p.at('ISO', 1))) {
    // Identifier (± INTERVAL interval_string)? op ISO compare_string  (Plan.g4 TimestamptzCompareForward)
    const interval = hasInterval ? intervalPart(p) : undefined;
    const op = p.need(...COMPARISONS).kind;
    p.need('ISO');
    const literal = p.need('StringLiteral').text;
    return p.node(from, { k: 'timestamptz', field: name, op, literal, reversed: false, ...(interval ? { interval } : {}) });
  }
  return nullTestOr(p, from, p.node(from, { k: 'ident', name }));
}

/** `x is null` / `x is not null` apply only directly to an identifier or a JSON path. */
function nullTestOr(p: ParserHost, from: number, column: Node): Node {
  if (!p.at('ISNULL') && !p.at('ISNOTNULL')) return column;
  const negated = p.advance().kind === 'ISNOTNULL';
  return p.node(from, { k: 'nullTest', column, negated });
}

function arrayLiteral(p: ParserHost, from: number): Node {
  p.advance();
  const items: Node[] = [p.parseExpr(0)];
  while (p.need(',', ']').kind === ',') {
    if (p.at(']')) {
      p.advance();
      break;
    }
    items.push(p.parseExpr(0));
  }
  return p.node(from, { k: 'array', items });
}

function textMatch(p: ParserHost, from: number): Node {
  p.advance();
  p.need('(');
  const field = p.need('Identifier').text;
  p.need(',');
  const query = p.parseExpr(0);
  let minShouldMatch: string | undefined;
  if (p.need(',', ')').kind === ',') {
    p.need('MINIMUM_SHOULD_MATCH');
    p.need('ASSIGN');
    minShouldMatch = p.need('IntegerConstant').text;
    p.need(')');
  }
  const body = { k: 'textMatch', field, query } as const;
  return p.node(from, minShouldMatch === undefined ? body : { ...body, minShouldMatch });
}

/** Plan.g4: `PhraseMatch '(' Identifier ',' StringLiteral (',' expr)? ')'`. */
function phraseMatch(p: ParserHost, from: number): Node {
  p.advance();
  p.need('(');
  const field = p.need('Identifier').text;
  p.need(',');
  const query = p.parseExpr(0);
  let slop: Node | undefined;
  if (p.need(',', ')').kind === ',') {
    slop = p.parseExpr(0);
    p.need(')');
  }
  const body = { k: 'phraseMatch', field, query } as const;
  return p.node(from, slop === undefined ? body : { ...body, slop });
}

/**
 * Plan.g4: `op=(STEuqals|...|STWithin) '(' Identifier ',' StringLiteral ')'`,
 * `STDWithin '(' Identifier ',' StringLiteral ',' expr ')'` and `STIsValid '(' Identifier ')'`: the field
 * comes first and must be a plain identifier, the geometry a double- or single-quoted string literal.
 */
function spatial(p: ParserHost, from: number): Node {
  const token = p.advance();
  const fn = token.text.toLowerCase();
  p.need('(');
  const field = p.need('Identifier').text;
  if (token.kind === 'STIsValid') {
    p.need(')');
    return p.node(from, { k: 'spatial', fn, field });
  }
  p.need(',');
  const wkt = p.need('StringLiteral').text;
  if (token.kind === 'STBinary') {
    p.need(')');
    return p.node(from, { k: 'spatial', fn, field, wkt });
  }
  p.need(',');
  const distance = p.parseExpr(0);
  p.need(')');
  return p.node(from, { k: 'spatial', fn, field, wkt, distance });
}

/** Skips `( ... )` with nesting, for recognised functions the fake does not implement. */
function skipArguments(p: ParserHost): void {
  p.need('(');
  let depth = 1;
  while (depth > 0) {
    if (p.at('EOF')) p.need(')');
    const kind = p.advance().kind;
    if (kind === '(') depth++;
    else if (kind === ')') depth--;
  }
}

/** `+ INTERVAL 'P1D'` / `- INTERVAL 'PT2H'`. */
function intervalPart(p: ParserHost): { readonly sign: 'ADD' | 'SUB'; readonly literal: string } {
  const sign = p.advance().kind === 'ADD' ? 'ADD' : 'SUB';
  p.advance();
  return { sign, literal: p.need('StringLiteral').text };
}
