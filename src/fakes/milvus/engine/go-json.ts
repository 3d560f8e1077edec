/**
 * Go's `json.Unmarshal` of a parameter that should hold a JSON list, with its error text: the
 * proxy quotes it in highlighter errors (highlighter.go `NewLexicalHighlighter`,
 * semantic_highlight.go `NewSemanticHighlight`). Exact for the usual mistakes (a value of another
 * type, a wrong element type, a bare word, nothing); other syntax errors carry JavaScript's wording.
 */

/** The Go types the highlighter params decode into. */
export type GoListType = '[]string' | '[]interface {}';

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * The decoded list (`null` decodes to an empty one, a null string element to ""), or Go's error.
 *
 * @example
 * goUnmarshalList('"q"', '[]string'); // { error: 'json: cannot unmarshal string into Go value of type []string' }
 */
export function goUnmarshalList(raw: string, type: GoListType): { value: unknown[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    const first = raw.trimStart()[0];
    if (first === undefined) return { error: 'unexpected end of JSON input' };
    if (!/[[{"\-0-9tfn]/.test(first)) return { error: `invalid character '${first}' looking for beginning of value` };
    return { error: (error as Error).message };
  }
  if (parsed === null) return { value: [] };
  if (!Array.isArray(parsed)) return { error: `json: cannot unmarshal ${kindOf(parsed)} into Go value of type ${type}` };
  if (type === '[]interface {}') return { value: parsed };
  const bad = parsed.find((item) => item !== null && typeof item !== 'string');
  if (bad !== undefined) return { error: `json: cannot unmarshal ${kindOf(bad)} into Go value of type string` };
  return { value: parsed.map((item) => (typeof item === 'string' ? item : '')) };
}
