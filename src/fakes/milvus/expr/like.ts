/**
 * SQL-style `like` patterns as Milvus reads them: `%` any run, `_` exactly one character (code point), and a
 * backslash making the next character literal (`\%`, `\_`, `\\`). Matching never uses a backtracking regex,
 * so a pattern like `%a%a%a%a%b` over a long value cannot stall the fake.
 */
type Part = { readonly literal: string } | '%' | '_';

/**
 * @example
 * likeMatcher('ab%')('abc'); // true
 */
export function likeMatcher(pattern: string): (text: string) => boolean {
  const parts = parse(pattern);
  if (parts.includes('_')) return wildcard(parts);
  const literals = segments(parts);
  if (literals.length === 1) {
    const only = literals[0] as string;
    return (text) => text === only;
  }
  const first = literals[0] as string;
  const last = literals[literals.length - 1] as string;
  const middle = literals.slice(1, -1).filter((literal) => literal !== '');
  if (middle.length === 0) return (text) => text.length >= first.length + last.length && text.startsWith(first) && text.endsWith(last);
  return (text) => {
    const end = text.length - last.length;
    if (end < first.length || !text.startsWith(first) || !text.endsWith(last)) return false;
    // Leftmost placement of each middle literal is optimal when the only wildcard is `%`.
    let at = first.length;
    for (const literal of middle) {
      const found = text.indexOf(literal, at);
      if (found < 0 || found + literal.length > end) return false;
      at = found + literal.length;
    }
    return true;
  };
}

function parse(pattern: string): Part[] {
  const parts: Part[] = [];
  const chars = Array.from(pattern);
  let literal = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '\\' && i + 1 < chars.length) {
      literal += chars[++i];
    } else if (ch === '%' || ch === '_') {
      if (literal) parts.push({ literal });
      literal = '';
      if (!(ch === '%' && parts[parts.length - 1] === '%')) parts.push(ch);
    } else {
      literal += ch;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** The literals between `%` signs, with empty strings where the pattern starts or ends with `%`. */
function segments(parts: readonly Part[]): string[] {
  const out = [''];
  for (const part of parts) {
    if (part === '%') out.push('');
    else if (part !== '_') out[out.length - 1] += part.literal;
  }
  return out;
}

type Unit = { readonly ch: string } | '%' | '_';

/** Two-pointer wildcard match over code points: O(pattern x text) at worst, no exponential backtracking. */
function wildcard(parts: readonly Part[]): (text: string) => boolean {
  const units = parts.flatMap((part): Unit[] => (typeof part === 'object' ? Array.from(part.literal, (ch) => ({ ch })) : [part]));
  return (text) => {
    const chars = Array.from(text);
    let p = 0;
    let t = 0;
    let star = -1;
    let resume = 0;
    while (t < chars.length) {
      const unit = units[p];
      if (unit !== undefined && unit !== '%' && (unit === '_' || unit.ch === chars[t])) {
        p++;
        t++;
      } else if (unit === '%') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (units[p] === '%') p++;
    return p === units.length;
  };
}
