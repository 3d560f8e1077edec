import type { SeededRandom } from '../../../common/hash.js';
import { type Entity, type EntityType, entitiesOf, subjectOf } from './understanding.js';
import { contentWords, numbersIn, properNouns } from './words.js';

/**
 * A JSON value that validates against a JSON Schema (the subset structured outputs use: types and
 * unions, nested objects and arrays, enum/const, required, numeric bounds, string lengths, simple
 * formats, $ref/$defs, allOf/anyOf/oneOf). Strings and numbers are drawn from the prompt where they
 * fit ("the city" gets "Tokyo" when the prompt names Tokyo).
 */
export interface ValueHints {
  text: string;
  properNouns: string[];
  numbers: number[];
  words: string[];
  /** Typed entities of the prompt (understanding.ts), taken by the keys whose meaning they fit. */
  entities: Entity[];
  subject: string;
}

export function hintsFrom(text: string): ValueHints {
  return { text, properNouns: properNouns(text), numbers: numbersIn(text), words: contentWords(text), entities: entitiesOf(text), subject: subjectOf(text) };
}

/** Which entity types a key's name asks for, best first (`city` a place, `email` an email, ...). */
function entityTypesFor(key: string): EntityType[] {
  const k = key.toLowerCase();
  if (/e-?mail/.test(k)) return ['email'];
  if (/^(to|recipient|recipients|cc|bcc)$/.test(k)) return ['email', 'place', 'code', 'person'];
  if (/phone|tel$|telephone|mobile|cell/.test(k)) return ['phone'];
  if (/url|link|website|homepage|uri/.test(k)) return ['url'];
  if (/airport|iata|icao/.test(k)) return ['code', 'place'];
  if (/date|day|deadline|birthday|dob/.test(k)) return ['date'];
  if (/time|hour/.test(k)) return ['time'];
  if (/city|location|place|country|town|capital|region|destination|origin|^from$|^to$|departure|arrival|address|state|where/.test(k)) return ['place', 'code'];
  if (/company|organi[sz]ation|^org$|brand|employer|team|vendor/.test(k)) return ['organisation', 'person'];
  if (/name|person|author|contact|customer|user|who|recipient|sender|owner/.test(k)) return ['person'];
  if (/quote|phrase/.test(k)) return ['quoted'];
  return [];
}

type Schema = Record<string, unknown>;

export function valueForSchema(schema: unknown, rng: SeededRandom, hints: ValueHints): unknown {
  return new Generator(schema, rng, hints).value(schema, '', 0);
}

const MAX_DEPTH = 12;
/**
 * What one answer may hold, in values and characters: a model writes within its context window, so a
 * schema that demands more (`minItems: 1e9`, `minLength: 1e9`, arrays of arrays of a thousand) gets
 * as much as fits, the way a real model's output stops when the context is full, instead of a fake
 * that runs out of memory.
 */
const MAX_VALUES = 20_000;
const MAX_CHARS = 65_536;

class Generator {
  #values = 0;
  #chars = 0;
  /** Entities and numbers already used: the next key of the same kind takes the next one ("from" ... "to"). */
  readonly #used = new Set<Entity>();
  readonly #usedNumbers = new Set<number>();

  constructor(
    readonly root: unknown,
    readonly rng: SeededRandom,
    readonly hints: ValueHints,
  ) {}

  get #full(): boolean {
    return this.#values >= MAX_VALUES || this.#chars >= MAX_CHARS;
  }

  value(input: unknown, name: string, depth: number): unknown {
    const schema = this.resolve(input);
    this.#values++;
    if (depth > MAX_DEPTH || this.#full) return null;
    if ('const' in schema) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return this.enumValue(schema.enum);
    if (Array.isArray(schema.allOf)) return this.value(mergeAll(schema, schema.allOf.map((s) => this.resolve(s))), name, depth + 1);
    const union = (Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined) as
      | unknown[]
      | undefined;
    if (union && union.length > 0) {
      const pick = union.find((s) => this.resolve(s).type !== 'null') ?? union[0];
      return this.value({ ...withoutKeys(schema, ['anyOf', 'oneOf']), ...this.resolve(pick) }, name, depth + 1);
    }
    switch (typeOf(schema)) {
      case 'object':
        return this.object(schema, depth);
      case 'array':
        return this.array(schema, name, depth);
      case 'string':
        return this.string(schema, name);
      case 'integer':
        return this.number(schema, name, true);
      case 'number':
        return this.number(schema, name, false);
      case 'boolean':
        return this.rng.next() < 0.5;
      case 'null':
        return null;
      default:
        return this.string(schema, name);
    }
  }

  resolve(input: unknown): Schema {
    let schema = (typeof input === 'object' && input !== null ? input : {}) as Schema;
    for (let hops = 0; typeof schema.$ref === 'string' && hops < 32; hops++) {
      const ref = schema.$ref as string;
      const target = ref.startsWith('#') ? pointer(this.root, ref.slice(1)) : undefined;
      schema = { ...withoutKeys(schema, ['$ref']), ...((target ?? {}) as Schema) };
    }
    return schema;
  }

  enumValue(values: unknown[]): unknown {
    const text = this.hints.text.toLowerCase();
    return values.find((v) => typeof v === 'string' && v !== '' && text.includes(v.toLowerCase())) ?? values[0];
  }

  object(schema: Schema, depth: number): Record<string, unknown> {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(properties)) out[key] = this.value(sub, key, depth + 1);
    const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
    const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    for (const key of required) if (typeof key === 'string' && !(key in out)) out[key] = this.value(extra, key, depth + 1);
    const minProps = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
    for (let i = 1; Object.keys(out).length < minProps && i <= minProps + 8; i++) {
      if (!(`key${i}` in out)) out[`key${i}`] = this.value(extra, `key${i}`, depth + 1);
    }
    return out;
  }

  array(schema: Schema, name: string, depth: number): unknown[] {
    const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 3);
    const count = Math.min(max, Math.max(min, 2));
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : [];
    const items = Array.isArray(schema.items) ? (schema.additionalItems ?? {}) : (schema.items ?? {});
    const out: unknown[] = [];
    for (let i = 0; i < Math.max(count, prefix.length) && !this.#full; i++) {
      const sub = i < prefix.length ? prefix[i] : items;
      let value = this.value(sub, name, depth + 1);
      if (schema.uniqueItems === true) value = this.distinct(value, out, sub, i, depth);
      out.push(value);
    }
    return out;
  }

  distinct(value: unknown, seen: unknown[], sub: unknown, index: number, depth: number): unknown {
    const key = (v: unknown) => JSON.stringify(v);
    const taken = new Set(seen.map(key));
    for (let attempt = 0; taken.has(key(value)) && attempt < 16; attempt++) {
      const schema = this.resolve(sub);
      if (Array.isArray(schema.enum)) value = schema.enum.find((v) => !taken.has(key(v))) ?? value;
      else if (typeof value === 'number') value = value + 1;
      else if (typeof value === 'string') value = `${value} ${index + attempt + 1}`;
      else value = this.value(sub, `${index}-${attempt}`, depth + 1);
    }
    return value;
  }

  /** The first entity not used yet whose type the key asks for. */
  take(types: readonly EntityType[]): Entity | undefined {
    for (const type of types) {
      const entity = this.hints.entities.find((e) => e.type === type && !this.#used.has(e));
      if (entity) {
        this.#used.add(entity);
        return entity;
      }
    }
    return undefined;
  }

  string(schema: Schema, name: string): string {
    const format = typeof schema.format === 'string' ? schema.format : undefined;
    const byFormat: Record<string, EntityType[]> = { email: ['email'], date: ['date'], 'date-time': ['date'], uri: ['url'], url: ['url'], time: ['time'] };
    const entity = this.take(format && byFormat[format] ? byFormat[format] : entityTypesFor(name));
    const fromEntity = entity && (entity.type === 'date' && format !== undefined ? `${String(entity.value)}${format === 'date-time' ? 'T09:00:00Z' : ''}` : entity.type === 'date' ? String(entity.value) : entity.text);
    let text = fromEntity ?? (format ? formatted(format, this.rng, this.hints) : this.stringFor(name));
    const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
    if (typeof schema.pattern === 'string') text = this.patterned(schema.pattern, text);
    const room = Math.max(1, MAX_CHARS - this.#chars);
    while ([...text].length < min && text.length < room) text += text.length === 0 ? 'x' : ` ${text}`;
    if ([...text].length > Math.min(max, room)) text = [...text].slice(0, Math.min(max, room)).join('');
    this.#chars += text.length;
    return text;
  }

  stringFor(name: string): string {
    const key = name.toLowerCase();
    const noun = this.hints.properNouns[0];
    if (/city|location|place|country|town|capital|region|destination/.test(key)) return noun ?? 'Paris';
    if (/name|title|person|author|company|brand/.test(key)) return noun ?? titleCase(this.hints.words[0] ?? 'example');
    if (/^(id|uuid|.*_id|.*Id)$/.test(name)) return `id-${this.rng.string(8, '0123456789abcdef')}`;
    if (/desc|summary|text|content|answer|reason|explanation|message|comment|body|note/.test(key)) {
      return this.hints.words.length > 0 ? `A short note about ${this.hints.words.slice(0, 3).join(' ')}.` : 'A short note.';
    }
    if (/query|search|keyword|term|topic|subject|title/.test(key)) return this.hints.subject || this.hints.words.slice(0, 3).join(' ') || 'example';
    return this.hints.words[this.rng.int(0, Math.max(0, this.hints.words.length - 1))] ?? 'example';
  }

  patterned(pattern: string, fallback: string): string {
    let re: RegExp;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      return fallback;
    }
    const candidates = [fallback, ...this.hints.properNouns, ...this.hints.words, ...this.hints.numbers.map(String)];
    return candidates.find((c) => re.test(c)) ?? fallback;
  }

  number(schema: Schema, name: string, integer: boolean): number {
    const { low, high } = bounds(schema, integer);
    const multiple = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
    const fits = (n: number) =>
      n >= low && n <= high && (!integer || Number.isInteger(n)) && (multiple === undefined || isMultiple(n, multiple));
    // Numbers of the prompt in order: "the total of 12 and 30" gives a=12, b=30.
    const fromText = this.hints.numbers.find((n) => fits(n) && !this.#usedNumbers.has(n)) ?? this.hints.numbers.find(fits);
    if (fromText !== undefined && name !== '') {
      this.#usedNumbers.add(fromText);
      return fromText;
    }
    const span = Number.isFinite(high - low) ? high - low : 100;
    const start = Number.isFinite(low) ? low : Number.isFinite(high) ? high - span : 0;
    let n = start + this.rng.next() * Math.min(span, 100);
    if (integer) n = Math.min(Math.ceil(n), Number.isFinite(high) ? Math.floor(high) : Infinity);
    if (multiple !== undefined) n = Math.ceil(start / multiple) * multiple;
    if (!integer) n = Math.round(n * 100) / 100;
    return fits(n) ? n : clampInto(low, high, integer);
  }
}

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') ?? type[0]) as string | undefined;
  if (schema.properties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function bounds(schema: Schema, integer: boolean): { low: number; high: number } {
  const step = integer ? 1 : 0.01;
  let low = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
  let high = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
  if (typeof schema.exclusiveMinimum === 'number') low = Math.max(low, schema.exclusiveMinimum + step);
  if (typeof schema.exclusiveMaximum === 'number') high = Math.min(high, schema.exclusiveMaximum - step);
  if (schema.exclusiveMinimum === true) low += step;
  if (schema.exclusiveMaximum === true) high -= step;
  if (!Number.isFinite(low) && !Number.isFinite(high)) return { low: integer ? 1 : 0, high: 100 };
  return { low, high };
}

function isMultiple(n: number, of: number): boolean {
  const q = n / of;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

function clampInto(low: number, high: number, integer: boolean): number {
  const value = Number.isFinite(low) ? low : high;
  return integer ? Math.ceil(value) : value;
}

function formatted(format: string, rng: SeededRandom, hints: ValueHints): string {
  switch (format) {
    case 'date-time':
      return `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}T1${rng.int(0, 9)}:${rng.int(10, 59)}:00Z`;
    case 'date':
      return `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
    case 'time':
      return `1${rng.int(0, 9)}:${rng.int(10, 59)}:00Z`;
    case 'email':
      return `${(hints.words[0] ?? 'user').replace(/[^a-z0-9]/g, '') || 'user'}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${(hints.words[0] ?? 'page').replace(/[^a-z0-9]/g, '') || 'page'}`;
    case 'uuid':
      return `${rng.string(8, '0123456789abcdef')}-${rng.string(4, '0123456789abcdef')}-4${rng.string(3, '0123456789abcdef')}-a${rng.string(3, '0123456789abcdef')}-${rng.string(12, '0123456789abcdef')}`;
    case 'ipv4':
      return `192.0.2.${rng.int(1, 254)}`;
    case 'ipv6':
      return `2001:db8::${rng.int(1, 9999)}`;
    case 'hostname':
      return 'example.com';
    default:
      return hints.words[0] ?? 'example';
  }
}

function pointer(root: unknown, path: string): unknown {
  let node = root;
  for (const raw of path.split('/').slice(1)) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    } catch {
      return undefined;
    }
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function mergeAll(base: Schema, parts: Schema[]): Schema {
  const merged: Schema = withoutKeys(base, ['allOf']);
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties') merged.properties = { ...(merged.properties as object), ...(value as object) };
      else if (key === 'required') merged.required = [...((merged.required as unknown[]) ?? []), ...(value as unknown[])];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

function withoutKeys(schema: Schema, keys: string[]): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
