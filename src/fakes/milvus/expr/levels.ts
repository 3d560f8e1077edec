/**
 * Binding levels of the binary and prefix operators, tightest first, in `Plan.g4` alternative order
 * (ANTLR gives earlier alternatives of a left-recursive rule higher precedence).
 */
export const LEVEL = {
  EXISTS: 20, LIKE: 19, REGEX: 18, NOTREGEX: 17, POW: 16, UNARY: 15, MUL: 14, ADD: 13, SHIFT: 12,
  TERM: 11, RANGE: 10, REVERSE_RANGE: 9, RELATIONAL: 8, EQUALITY: 7, BAND: 6, BXOR: 5, BOR: 4, AND: 3, OR: 2,
} as const;
