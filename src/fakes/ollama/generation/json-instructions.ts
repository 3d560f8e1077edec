/**
 * The JSON shape a prompt asks for, as a model reads it in JSON mode (`format: "json"`): a JSON schema
 * embedded in the instructions (LangChain's format instructions, "matching this schema: {...}"), an
 * example object to imitate, or a list of keys ("with keys name, age and city"). Returned as a JSON
 * schema for schema-values.ts; undefined when the prompt names no shape.
 */
type Schema = Record<string, unknown>;

const MAX_SCAN = 50_000;
const MAX_OBJECTS = 20;

export function requestedShape(text: string): Schema | undefined {
  const objects = jsonObjects(text.slice(0, MAX_SCAN));
  // The last schema wins: LangChain's instructions show an example schema before "Here is the output schema".
  const schemas = objects.filter(isSchema);
  if (schemas.length > 0) return schemas[schemas.length - 1];
  const example = objects[objects.length - 1];
  if (example) return schemaOfExample(example);
  const keys = keysListed(text);
  if (keys.length > 0) return { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, { type: guessType(k) }])), required: keys };
  return undefined;
}

function isSchema(value: Schema): boolean {
  return typeof value.properties === 'object' && value.properties !== null && (value.type === 'object' || value.type === undefined || 'required' in value || 'title' in value);
}

/** A schema that an object like the example satisfies: the same keys, the same kinds of values. */
export function schemaOfExample(example: unknown): Schema {
  if (Array.isArray(example)) return { type: 'array', items: example.length > 0 ? schemaOfExample(example[0]) : {}, minItems: Math.min(example.length, 3) };
  if (typeof example === 'object' && example !== null) {
    const entries = Object.entries(example as Record<string, unknown>);
    return { type: 'object', properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaOfExample(v)])), required: entries.map(([k]) => k) };
  }
  if (typeof example === 'number') return { type: Number.isInteger(example) ? 'integer' : 'number' };
  if (typeof example === 'boolean') return { type: 'boolean' };
  if (example === null) return { type: 'null' };
  return { type: 'string' };
}

/** "with keys a, b and c", "fields: name, age, city", "keys `x` and `y`". */
function keysListed(text: string): string[] {
  const match = /\b(?:keys|fields|properties|attributes)\s*(?::|of|named|called)?\s*((?:[`"']?[A-Za-z_][\w-]*[`"']?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*$|(?=[.;)\n])))+)/i.exec(text);
  if (!match) return [];
  return (match[1] as string)
    .split(/,|\band\b/)
    .map((k) => k.trim().replace(/^[`"']|[`"']$/g, ''))
    .filter((k) => /^[A-Za-z_][\w-]*$/.test(k))
    .slice(0, 30);
}

function guessType(key: string): string {
  if (/^(age|count|number|year|quantity|total|amount|price|score|rating|population|size|id)$|_count$|_id$/i.test(key)) return /price|amount|score|rating/i.test(key) ? 'number' : 'integer';
  if (/^(is|has|can)_|^(is|has|can)[A-Z]|^(active|enabled|valid|available|done|completed)$/i.test(key)) return 'boolean';
  if (/s$/.test(key) && /tags|items|list|names|keywords|ingredients|steps/i.test(key)) return 'array';
  return 'string';
}

/** The top-level JSON objects written in the text (inside code fences or not), in order. */
function jsonObjects(text: string): Schema[] {
  const out: Schema[] = [];
  for (let start = text.indexOf('{'); start >= 0 && out.length < MAX_OBJECTS; start = text.indexOf('{', start + 1)) {
    const end = balancedEnd(text, start);
    if (end < 0) continue;
    try {
      const value = JSON.parse(text.slice(start, end + 1)) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
        out.push(value as Schema);
        start = end;
      }
    } catch {
      // Not JSON (a template placeholder like {context}); look further.
    }
  }
  return out;
}

/** Index of the brace closing the one at `start`, strings respected; -1 if it never closes. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
