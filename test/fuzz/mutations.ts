/**
 * Deterministic mutations of JSON request bodies for the fuzz tests: malformed JSON, wrong types,
 * deep nesting, huge strings, invalid UTF-8 and extreme values. Everything comes from a SeededRandom,
 * so a failing case is reproduced by its seed and index alone.
 */
import type { SeededRandom } from '../../src/common/hash.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A body kind and the bytes to send. */
export interface BodyCase {
  kind: string;
  body: Buffer;
}

const ODD_VALUES: readonly Json[] = [
  null, true, false, 0, -1, 1.5, -0.0, 1e308, -1e308, 2 ** 53 + 1, 4294967296, 2 ** 63, '', ' ', 'x', '\u0000',
  '-1', '1e9', 'NaN', '\ud800', '🦙'.repeat(3), [], [null], [1, 'a', {}], {}, { '': '' }, { a: { b: { c: [] } } },
];

function mutateValue(rng: SeededRandom, value: Json, depth: number): Json {
  if (depth > 6 || rng.next() < 0.25) return rng.pick(ODD_VALUES);
  if (Array.isArray(value)) {
    if (value.length === 0) return [rng.pick(ODD_VALUES)];
    const copy = [...value];
    const i = rng.int(0, copy.length - 1);
    copy[i] = mutateValue(rng, copy[i] as Json, depth + 1);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const copy = { ...value };
    if (keys.length === 0 || rng.next() < 0.15) {
      copy[rng.pick(['model', 'options', 'format', 'tools', 'messages', 'stream', 'extra', 'think', 'keep_alive'])] = rng.pick(ODD_VALUES);
      return copy;
    }
    const key = rng.pick(keys);
    copy[key] = mutateValue(rng, copy[key] as Json, depth + 1);
    return copy;
  }
  return rng.pick(ODD_VALUES);
}

/** A valid body with one value anywhere in it replaced by a value of another type or an extreme one. */
export function wrongTypes(rng: SeededRandom, template: Json): BodyCase {
  return { kind: 'wrong-type', body: Buffer.from(JSON.stringify(mutateValue(rng, template, 0))) };
}

/** Broken JSON: cut short, a byte changed, bad escapes, unbalanced brackets, trailing garbage. */
export function malformed(rng: SeededRandom, template: Json): BodyCase {
  const text = JSON.stringify(template);
  const at = rng.int(0, Math.max(0, text.length - 1));
  const variants: Array<() => string> = [
    () => text.slice(0, at),
    () => text.slice(0, at) + rng.pick(['\\', '"', '{', '}', '[', ']', ',', ':', '\u0001', 'x', '\u00ff']) + text.slice(at + 1),
    () => text.replace(/"([a-z_]+)":"/, '"$1":"\\uZZZZ'),
    () => text.replace(/"([a-z_]+)":"/, '"$1":"\\u12'),
    () => text.replace(/"([a-z_]+)":"/, '"$1":"\\x41'),
    () => text.replace(/"([a-z_]+)":"/, '"$1":"\\ud800\\u0041'),
    () => `${text}${rng.pick(['}', ']', ',', 'garbage', '\u0000', '{"a":1}'])}`,
    () => `\ufeff${text}`,
    () => text.replace(/:(\d+|true|false|null)/, rng.pick([':NaN', ':Infinity', ':-Infinity', ':01', ':1e99999', ':-', ':.5', ':+1', ':0x10'])),
    () => `{${text}`,
    () => text.replace(/,/g, ',,'),
    () => rng.pick(['', ' ', 'null', '[]', '"model"', '0', 'true', '{', '}', '{"model":}', '{"model"', '{"model":"x",}']),
  ];
  return { kind: 'malformed', body: Buffer.from(rng.pick(variants)(), 'utf8') };
}

/** Nesting far deeper than any real request, at the top or inside a field. */
export function deepNesting(rng: SeededRandom, template: Json): BodyCase {
  const depth = rng.pick([1_000, 9_999, 10_001, 100_000, 400_000]);
  const open = rng.pick(['[', '{"a":']);
  const close = open === '[' ? ']' : '}';
  const nested = open.repeat(depth) + (rng.next() < 0.5 ? '1' : '') + close.repeat(rng.next() < 0.8 ? depth : depth - 1);
  const field = rng.pick(['format', 'options', 'messages', 'tools', 'input', 'prompt', 'model', 'extra']);
  const base = JSON.stringify(template);
  const text = rng.next() < 0.3 ? nested : `${base.slice(0, -1)}${base.length > 2 ? ',' : ''}"${field}":${nested}}`;
  return { kind: `deep-${depth}`, body: Buffer.from(text) };
}

/** Huge strings, many keys or long arrays in one field. */
export function huge(rng: SeededRandom, template: Json): BodyCase {
  const size = rng.pick([70_000, 1_000_000, 4_000_000]);
  const field = rng.pick(['model', 'prompt', 'name', 'system', 'suffix', 'template', 'input', 'content', 'from', 'destination']);
  const value: Json = rng.pick<() => Json>([
    () => 'a'.repeat(size),
    () => '🦙'.repeat(size / 4),
    () => Array.from({ length: Math.min(size / 10, 100_000) }, (_, i) => i),
    // Long enough to be refused or answered at length, short enough that a real answer (an embedding
    // per text) fits the per-case budget on a busy machine.
    () => Array.from({ length: Math.min(size / 100, 2_000) }, (_, i) => `text ${i}`),
    () => Object.fromEntries(Array.from({ length: Math.min(size / 20, 50_000) }, (_, i) => [`k${i}`, i])),
  ])();
  const body = { ...(template as Record<string, Json>), [field]: value };
  return { kind: 'huge', body: Buffer.from(JSON.stringify(body)) };
}

/** Bytes that are not UTF-8, in a string value or between tokens. */
export function invalidUtf8(rng: SeededRandom, template: Json): BodyCase {
  const text = Buffer.from(JSON.stringify(template));
  const bad = rng.pick([[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xe2, 0x82]]);
  const quote = text.indexOf('"', text.indexOf(':'));
  const at = rng.next() < 0.7 && quote > 0 ? quote + 1 : rng.int(0, text.length);
  return { kind: 'invalid-utf8', body: Buffer.concat([text.subarray(0, at), Buffer.from(bad), text.subarray(at)]) };
}

const EXTREME_SCHEMAS: readonly Json[] = [
  { type: 'array', minItems: 1_000_000_000, items: { type: 'string' } },
  { type: 'string', minLength: 1_000_000_000 },
  { type: 'string', pattern: '^(a+)+$' },
  { $ref: '#' },
  { type: 'object', properties: { self: { $ref: '#' } }, required: ['self'] },
  { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' },
  { type: 'integer', minimum: 1e308, maximum: -1e308 },
  { type: 'number', multipleOf: 0 },
  { enum: [] },
  { anyOf: [] },
  { type: 'object', properties: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`p${i}`, { type: 'string' }])) },
  { type: ['null', 'object', 'array'], items: { type: 'array', items: { type: 'array', minItems: 1000, items: { type: 'array', minItems: 1000 } } } },
];

/** Valid JSON with values no client sends but nothing forbids: sizes, limits and schemas at the extremes. */
export function extremeValues(rng: SeededRandom, template: Json): BodyCase {
  const body = { ...(template as Record<string, Json>) };
  const pick = rng.int(0, 9);
  if (pick <= 2) body.format = rng.pick(EXTREME_SCHEMAS);
  else if (pick === 3) body.options = { num_predict: rng.pick([1e9, 2 ** 31, -2, 0]), num_ctx: rng.pick([1e9, 0, -1]), seed: rng.pick([2 ** 63, -1]) };
  else if (pick === 4) body.dimensions = rng.pick([1e9, 2 ** 31, -1, 0, 1.5]);
  else if (pick === 5) body.tools = Array.from({ length: 1_000 }, (_, i) => ({ type: 'function', function: { name: `f${i}`, parameters: rng.pick(EXTREME_SCHEMAS) } }));
  else if (pick === 6) body.messages = Array.from({ length: 20_000 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}` }));
  else if (pick === 7) body.images = [rng.pick(['not base64!', '', 'AAAA', 'iVBORw0KGgo='])];
  else if (pick === 8) body.top_logprobs = rng.pick([21, -1, 1e9]);
  else body.response_format = { type: 'json_schema', json_schema: { name: 'x', schema: rng.pick(EXTREME_SCHEMAS) } };
  return { kind: `extreme-${pick}`, body: Buffer.from(JSON.stringify(body)) };
}

export const BODY_MUTATIONS = { wrongTypes, malformed, deepNesting, huge, invalidUtf8, extremeValues } as const;
