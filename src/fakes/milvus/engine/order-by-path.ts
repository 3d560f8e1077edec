/**
 * The bracket part of a JSON path in an ORDER BY spec: `["price"]`, `['price']`, `[0]`, repeated, as
 * the filter language writes JSON access (`meta["user"]["score"]`). Milvus checks the path with
 * `ParseAndVerifyNestedPath`; the error details here are the fake's own words.
 */
export function parseJsonPath(text: string): Array<string | number> {
  const steps: Array<string | number> = [];
  let i = 0;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  while (i < text.length) {
    skip();
    if (i >= text.length) break;
    if (text[i] !== '[') throw new Error(`expected '[' at position ${i}`);
    i++;
    skip();
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      let key = '';
      i++;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        key += text[i];
        i++;
      }
      if (text[i] !== quote) throw new Error('unterminated string');
      i++;
      steps.push(key);
    } else {
      const match = /^\d+/.exec(text.slice(i));
      if (!match) throw new Error(`expected a quoted key or an index at position ${i}`);
      steps.push(Number(match[0]));
      i += match[0].length;
    }
    skip();
    if (text[i] !== ']') throw new Error(`expected ']' at position ${i}`);
    i++;
  }
  if (steps.length === 0) throw new Error('empty path');
  return steps;
}
