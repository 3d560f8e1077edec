/**
 * SQL-style `like` patterns as Milvus reads them: `%` any run, `_` exactly one character, and a backslash
 * making the next character literal (`\%`, `\_`, `\\`). Common shapes skip the regex engine.
 */
export function likeMatcher(pattern: string): (text: string) => boolean {
  const parts: Array<{ literal: string } | '%' | '_'> = [];
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
  return fastPath(parts) ?? regexPath(parts);
}

type Part = { literal: string } | '%' | '_';

function fastPath(parts: readonly Part[]): ((text: string) => boolean) | undefined {
  const texts = parts.map((part) => (typeof part === 'object' ? part.literal : undefined));
  if (parts.includes('_')) return undefined;
  if (parts.length === 0) return (text) => text === '';
  if (parts.length === 1) return parts[0] === '%' ? () => true : (text) => text === texts[0];
  const [first, second, third] = [parts[0], texts[1], parts[2]];
  if (parts.length === 2 && texts[0] !== undefined) {
    const prefix = texts[0];
    return (text) => text.startsWith(prefix);
  }
  if (parts.length === 2 && first === '%' && second !== undefined) return (text) => text.endsWith(second);
  if (parts.length === 3 && first === '%' && third === '%' && second !== undefined) return (text) => text.includes(second);
  return undefined;
}

function regexPath(parts: readonly Part[]): (text: string) => boolean {
  const body = parts
    .map((part) => (part === '%' ? '[\\s\\S]*' : part === '_' ? '[\\s\\S]' : part.literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${body}$`, 'u');
  return (text) => regex.test(text);
}
