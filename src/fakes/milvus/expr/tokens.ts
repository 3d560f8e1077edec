/**
 * Token kinds of Milvus' filter grammar (planparserv2 `Plan.g4`), named after the grammar's own token names
 * so error messages can quote them the way ANTLR does.
 */
export type TokenKind =
  | 'IntegerConstant'
  | 'FloatingConstant'
  | 'BooleanConstant'
  | 'StringLiteral'
  | 'RawStringLiteral'
  | 'Identifier'
  | 'Meta'
  | 'JSONIdentifier'
  | 'StructField'
  | 'ElementSelf'
  | 'EmptyArray'
  | '(' | ')' | '[' | ']' | ',' | '{' | '}'
  | 'LT' | 'LE' | 'GT' | 'GE' | 'EQ' | 'NE'
  | 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'POW' | 'SHL' | 'SHR'
  | 'BAND' | 'BOR' | 'BXOR' | 'BNOT' | 'NOT' | 'AND' | 'OR' | 'IN' | 'ASSIGN'
  | 'LIKE' | 'EXISTS' | 'ISNULL' | 'ISNOTNULL' | 'REGEXMATCH' | 'REGEXNOTMATCH'
  | 'TEXTMATCH' | 'MINIMUM_SHOULD_MATCH' | 'PHRASEMATCH'
  | 'CONTAINS' | 'CONTAINS_ALL' | 'CONTAINS_ANY' | 'ArrayLength'
  | 'UnsupportedCall' | 'INTERVAL' | 'ISO' | 'THRESHOLD'
  /** Plan.g4's spatial functions: ST_EQUALS ... ST_WITHIN share one shape; ST_DWITHIN and ST_ISVALID have their own. */
  | 'STBinary' | 'STDWithin' | 'STIsValid'
  | 'EOF';

export interface Token {
  readonly kind: TokenKind;
  /** Exact source text; for EOF the ANTLR display text `<EOF>`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Keywords exist only in all-lowercase and all-uppercase spelling (`and`/`AND`, never `And`); mixed case
 * lexes as an ordinary identifier. Booleans are the exception and also accept `True`/`False`.
 */
const WORDS: ReadonlyArray<readonly [string, TokenKind]> = [
  ['and', 'AND'], ['or', 'OR'], ['not', 'NOT'], ['in', 'IN'], ['like', 'LIKE'], ['exists', 'EXISTS'],
  ['text_match', 'TEXTMATCH'], ['minimum_should_match', 'MINIMUM_SHOULD_MATCH'],
  ['json_contains', 'CONTAINS'], ['array_contains', 'CONTAINS'],
  ['json_contains_all', 'CONTAINS_ALL'], ['array_contains_all', 'CONTAINS_ALL'],
  ['json_contains_any', 'CONTAINS_ANY'], ['array_contains_any', 'CONTAINS_ANY'],
  ['array_length', 'ArrayLength'],
  ['phrase_match', 'PHRASEMATCH'], ['random_sample', 'UnsupportedCall'], ['element_filter', 'UnsupportedCall'],
  ['match_all', 'UnsupportedCall'], ['match_any', 'UnsupportedCall'], ['match_least', 'UnsupportedCall'],
  ['match_most', 'UnsupportedCall'], ['match_exact', 'UnsupportedCall'],
  ['st_equals', 'STBinary'], ['st_touches', 'STBinary'], ['st_overlaps', 'STBinary'],
  ['st_crosses', 'STBinary'], ['st_contains', 'STBinary'], ['st_intersects', 'STBinary'],
  ['st_within', 'STBinary'], ['st_dwithin', 'STDWithin'], ['st_isvalid', 'STIsValid'],
  ['interval', 'INTERVAL'], ['iso', 'ISO'], ['threshold', 'THRESHOLD'],
];

export const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ...WORDS.map(([word, kind]) => [word, kind] as const),
  ...WORDS.map(([word, kind]) => [word.toUpperCase(), kind] as const),
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].map((word) => [word, 'BooleanConstant'] as const),
]);

/** Multi-character operators first so the longest spelling wins, as in ANTLR's lexer. */
export const OPERATORS: ReadonlyArray<readonly [string, TokenKind]> = [
  ['**', 'POW'], ['<<', 'SHL'], ['>>', 'SHR'], ['<=', 'LE'], ['>=', 'GE'], ['==', 'EQ'], ['!=', 'NE'],
  ['=~', 'REGEXMATCH'], ['!~', 'REGEXNOTMATCH'], ['&&', 'AND'], ['||', 'OR'],
  ['<', 'LT'], ['>', 'GT'], ['=', 'ASSIGN'], ['+', 'ADD'], ['-', 'SUB'], ['*', 'MUL'], ['/', 'DIV'], ['%', 'MOD'],
  ['&', 'BAND'], ['|', 'BOR'], ['^', 'BXOR'], ['~', 'BNOT'], ['!', 'NOT'],
  ['(', '('], [')', ')'], ['[', '['], [']', ']'], [',', ','], ['{', '{'], ['}', '}'],
];

/** The two-word null tests are single tokens with exactly one space between the words. */
export const NULL_TESTS: ReadonlyArray<readonly [string, TokenKind]> = [
  ['is not null', 'ISNOTNULL'], ['IS NOT NULL', 'ISNOTNULL'], ['is null', 'ISNULL'], ['IS NULL', 'ISNULL'],
];

/** How ANTLR names a token in `expecting ...` lists: literal tokens quoted, the rest by rule name. */
export function displayKind(kind: TokenKind): string {
  const literal = OPERATORS.find(([, k]) => k === kind);
  if (literal && !['AND', 'OR', 'NOT'].includes(kind)) return `'${literal[0]}'`;
  return kind;
}

/** A JSONIdentifier token with its base name and the raw text of each path step (`"a"`, `'b'`, `0`). */
export interface PathToken extends Token {
  readonly base: string;
  readonly steps: readonly string[];
}

/** ANTLR shows control characters escaped in error messages. */
export function escapeDisplay(text: string): string {
  return text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

export function isPathToken(token: Token): token is PathToken {
  return token.kind === 'JSONIdentifier';
}
