/**
 * Tokenizer mirroring the ANTLR lexer of Milvus' `Plan.g4`: longest match wins, and on equal length the rule
 * defined first (keywords before Identifier). JSON paths are single tokens (`meta["a"][0]`, no spaces inside),
 * exactly as in the grammar, which is why `meta ["a"]` does not parse on a real server either.
 */
import { parseError } from './errors.js';
import { escapeDisplay, KEYWORDS, NULL_TESTS, OPERATORS, type PathToken, type Token, type TokenKind } from './tokens.js';

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER_RULES: ReadonlyArray<readonly [RegExp, TokenKind]> = [
  [/0[xX][0-9a-fA-F]+/y, 'IntegerConstant'],
  [/0[bB][01]+/y, 'IntegerConstant'],
  [/0[0-7]*/y, 'IntegerConstant'],
  [/[1-9][0-9]*/y, 'IntegerConstant'],
  [/0[xX](?:[0-9a-fA-F]*\.[0-9a-fA-F]+|[0-9a-fA-F]+\.?)[pP][+-]?[0-9]+/y, 'FloatingConstant'],
  [/(?:[0-9]*\.[0-9]+|[0-9]+\.)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+/y, 'FloatingConstant'],
];

class Lexer {
  readonly tokens: Token[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(private readonly src: string) {
    for (let i = 0; i < src.length; i++) if (src[i] === '\n') this.lineStarts.push(i + 1);
  }

  run(): Token[] {
    let i = 0;
    while (i < this.src.length) {
      const ch = this.src[i] ?? '';
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
        i++;
        continue;
      }
      i = this.next(i, ch);
    }
    this.push('EOF', this.src.length, this.src.length, '<EOF>');
    return this.tokens;
  }

  private next(i: number, ch: string): number {
    const nullTest = NULL_TESTS.find(([text]) => this.src.startsWith(text, i));
    if (nullTest) return this.push(nullTest[1], i, i + nullTest[0].length);
    if (/[A-Za-z_]/.test(ch)) return this.word(i);
    if (ch === '$') return this.dollar(i);
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(this.src[i + 1] ?? ''))) return this.number(i);
    if (ch === '"' || ch === "'") return this.push('StringLiteral', i, this.quoted(i, i, false));
    if (ch === '[') {
      const close = /\[[ \t\r\n]*\]/y;
      close.lastIndex = i;
      if (close.test(this.src)) return this.push('EmptyArray', i, close.lastIndex);
    }
    const op = OPERATORS.find(([text]) => this.src.startsWith(text, i));
    if (op) return this.push(op[1], i, i + op[0].length);
    throw this.error(i, i + 1);
  }

  private word(i: number): number {
    WORD.lastIndex = i;
    WORD.test(this.src);
    const end = WORD.lastIndex;
    const word = this.src.slice(i, end);
    const after = this.src[end];
    if ((after === '"' || after === "'") && ['u8', 'u', 'U', 'L'].includes(word)) {
      return this.push('StringLiteral', i, this.quoted(i, end, false));
    }
    if ((after === '"' || after === "'") && (word === 'r' || word === 'R')) {
      return this.push('RawStringLiteral', i, this.quoted(i, end, true));
    }
    if (after === '[') {
      const path = this.pathSteps(end);
      const struct = this.structEnd(end);
      if (path && path.end >= struct) return this.pushPath(i, path.end, word, path.steps);
      if (struct > end) return this.push('StructField', i, struct);
    }
    return this.push(KEYWORDS.get(word) ?? 'Identifier', i, end);
  }

  private dollar(i: number): number {
    if (this.src.startsWith('$meta', i)) {
      const path = this.src[i + 5] === '[' ? this.pathSteps(i + 5) : undefined;
      if (path) return this.pushPath(i, path.end, '$meta', path.steps);
      return this.push('Meta', i, i + 5);
    }
    const sub = /\$\[[A-Za-z_][A-Za-z0-9_]*\]/y;
    sub.lastIndex = i;
    if (sub.test(this.src)) return this.push('StructField', i, sub.lastIndex);
    return this.push('ElementSelf', i, i + 1);
  }

  /** `([ (StringLiteral | RawStringLiteral | DecimalConstant) ])+` from `from`; undefined when none match. */
  private pathSteps(from: number): { end: number; steps: string[] } | undefined {
    const steps: string[] = [];
    let pos = from;
    for (;;) {
      if (this.src[pos] !== '[') break;
      const step = this.pathStep(pos + 1);
      if (!step || this.src[step.end] !== ']') break;
      steps.push(step.key);
      pos = step.end + 1;
    }
    return steps.length > 0 ? { end: pos, steps } : undefined;
  }

  private pathStep(pos: number): { end: number; key: string } | undefined {
    const decimal = /(?:[1-9][0-9]*|0)/y;
    decimal.lastIndex = pos;
    if (decimal.test(this.src)) return { end: decimal.lastIndex, key: this.src.slice(pos, decimal.lastIndex) };
    const prefixed = /(?:u8|u|U|L|r|R)?["']/y;
    prefixed.lastIndex = pos;
    if (!prefixed.test(this.src)) return undefined;
    const open = prefixed.lastIndex - 1;
    const raw = this.src[pos] === 'r' || this.src[pos] === 'R';
    const end = this.tryQuoted(open, raw);
    return end === undefined ? undefined : { end, key: this.src.slice(pos, end) };
  }

  /** Struct-array forms `a[sub]` and `a[0][sub]`; returns `from` when neither matches. */
  private structEnd(from: number): number {
    const form = /\[(?:(?:[1-9][0-9]*|0)\]\[)?[A-Za-z_][A-Za-z0-9_]*\]/y;
    form.lastIndex = from;
    return form.test(this.src) ? form.lastIndex : from;
  }

  /** End of a quoted literal whose quote is at `open`; throws ANTLR's recognition error when unterminated. */
  private quoted(start: number, open: number, raw: boolean): number {
    const end = this.tryQuoted(open, raw);
    if (end !== undefined) return end;
    let stop = open + 1;
    while (stop < this.src.length && !'\r\n'.includes(this.src[stop] ?? '')) {
      stop += this.src[stop] === '\\' && !'\r\n'.includes(this.src[stop + 1] ?? '\n') ? 2 : 1;
    }
    throw this.error(start, Math.min(stop + 1, this.src.length));
  }

  private tryQuoted(open: number, raw: boolean): number | undefined {
    const quote = this.src[open];
    let pos = open + 1;
    while (pos < this.src.length) {
      const ch = this.src[pos];
      if (ch === quote) return pos + 1;
      if (ch === '\r' || ch === '\n') return undefined;
      if (ch === '\\') {
        const next = this.src[pos + 1];
        if (next === undefined) return undefined;
        // A backslash-newline continues the literal in StringLiteral (Plan.g4), never in raw strings.
        if (next === '\r' || next === '\n') {
          if (raw) return undefined;
          pos += next === '\r' && this.src[pos + 2] === '\n' ? 3 : 2;
          continue;
        }
        pos += 2;
        continue;
      }
      pos++;
    }
    return undefined;
  }

  private number(i: number): number {
    let best: readonly [number, TokenKind] = [i, 'IntegerConstant'];
    for (const [rule, kind] of NUMBER_RULES) {
      rule.lastIndex = i;
      if (rule.test(this.src) && rule.lastIndex > best[0]) best = [rule.lastIndex, kind];
    }
    return this.push(best[1], i, best[0]);
  }

  private push(kind: TokenKind, start: number, end: number, text = this.src.slice(start, end)): number {
    const line = this.lineOf(start);
    const column = start - (this.lineStarts[line - 1] ?? 0);
    this.tokens.push({ kind, text, start, end, line, column });
    return end;
  }

  private pushPath(start: number, end: number, base: string, steps: readonly string[]): number {
    const line = this.lineOf(start);
    const column = start - (this.lineStarts[line - 1] ?? 0);
    const token: PathToken = { kind: 'JSONIdentifier', text: this.src.slice(start, end), start, end, line, column, base, steps };
    this.tokens.push(token);
    return end;
  }

  /** 1-based line of an offset; lines are few, so a scan from the last one is cheap. */
  private lineOf(offset: number): number {
    let line = this.lineStarts.length - 1;
    while ((this.lineStarts[line] ?? 0) > offset) line--;
    return line + 1;
  }

  private error(start: number, end: number) {
    const line = this.lineOf(start);
    const column = start - (this.lineStarts[line - 1] ?? 0);
    const text = escapeDisplay(this.src.slice(start, end));
    return parseError(this.src, `line ${line}:${column} token recognition error at: '${text}'`, { line, column });
  }
}

/**
 * Splits a filter into tokens, ending with an EOF token.
 * @example
 * tokenize('age > 3').map((t) => t.kind); // ['Identifier', 'GT', 'IntegerConstant', 'EOF']
 */
export function tokenize(source: string): Token[] {
  return new Lexer(source).run();
}
