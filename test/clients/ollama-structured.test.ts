import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** Structured outputs: `format: 'json'` and `format: <schema>`, checked with ajv. */
let fake: StartedFakeOllama;
let ollama: Ollama;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

beforeAll(async () => {
  fake = await startFakeOllama();
  ollama = new Ollama({ host: fake.url });
});
afterAll(() => fake.close());

const SCHEMAS: Record<string, Record<string, unknown>> = {
  'nested objects and required': {
    type: 'object',
    properties: {
      city: { type: 'string' },
      weather: {
        type: 'object',
        properties: { temp: { type: 'number' }, sunny: { type: 'boolean' } },
        required: ['temp', 'sunny'],
      },
    },
    required: ['city', 'weather'],
    additionalProperties: false,
  },
  'arrays with minItems / maxItems and unique items': {
    type: 'object',
    properties: {
      tags: { type: 'array', items: { type: 'string' }, minItems: 4, maxItems: 6, uniqueItems: true },
      scores: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 5 }, minItems: 1, maxItems: 1 },
    },
    required: ['tags', 'scores'],
  },
  'enums and const': {
    type: 'object',
    properties: {
      mood: { enum: ['happy', 'sad', 'angry'] },
      kind: { const: 'review' },
      level: { type: 'integer', enum: [1, 2, 3] },
    },
    required: ['mood', 'kind', 'level'],
  },
  'numeric bounds, inclusive and exclusive': {
    type: 'object',
    properties: {
      ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      count: { type: 'integer', minimum: 10, maximum: 12 },
      above: { type: 'integer', exclusiveMinimum: 99 },
      below: { type: 'number', maximum: -5 },
      even: { type: 'integer', multipleOf: 2, minimum: 3, maximum: 9 },
    },
    required: ['ratio', 'count', 'above', 'below', 'even'],
  },
  'string formats and lengths': {
    type: 'object',
    properties: {
      when: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
      email: { type: 'string', format: 'email' },
      site: { type: 'string', format: 'uri' },
      id: { type: 'string', format: 'uuid' },
      ip: { type: 'string', format: 'ipv4' },
      code: { type: 'string', minLength: 12, maxLength: 14 },
    },
    required: ['when', 'day', 'email', 'site', 'id', 'ip', 'code'],
  },
  '$defs and $ref': {
    type: 'object',
    $defs: {
      person: {
        type: 'object',
        properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0, maximum: 120 } },
        required: ['name', 'age'],
      },
    },
    properties: {
      author: { $ref: '#/$defs/person' },
      readers: { type: 'array', items: { $ref: '#/$defs/person' }, minItems: 2 },
    },
    required: ['author', 'readers'],
  },
  'anyOf, allOf and nullable types': {
    type: 'object',
    properties: {
      value: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 5, maximum: 6 }] },
      both: {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'boolean' } }, required: ['b'] },
        ],
      },
      maybe: { type: ['string', 'null'], maxLength: 3 },
    },
    required: ['value', 'both', 'maybe'],
  },
  'a top-level array': {
    type: 'array',
    items: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
    minItems: 3,
  },
};

describe('format: <schema>', () => {
  test.each(Object.entries(SCHEMAS))('%s: generate and chat answers validate', async (_name, schema) => {
    const validate = ajv.compile(schema);
    for (const prompt of ['Give me the data', 'Describe Paris in France for a report on 12 May']) {
      const generated = JSON.parse(
        (await ollama.generate({ model: 'llama3.2', prompt, format: schema })).response!,
      ) as unknown;
      expect(validate(generated), JSON.stringify(validate.errors)).toBe(true);
      const chat = await ollama.chat({
        model: 'qwen3:0.6b',
        messages: [{ role: 'user', content: prompt }],
        format: schema,
      });
      expect(validate(JSON.parse(chat.message.content)), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  test('values are drawn from the prompt where they fit', async () => {
    const schema = SCHEMAS['nested objects and required']!;
    const res = await ollama.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'What is the weather in Lisbon?' }],
      format: schema,
    });
    expect((JSON.parse(res.message.content) as { city: string }).city).toBe('Lisbon');
    const mood = await ollama.generate({
      model: 'llama3.2',
      prompt: 'I am so angry about this',
      format: SCHEMAS['enums and const']!,
    });
    expect((JSON.parse(mood.response!) as { mood: string }).mood).toBe('angry');
  });

  test('a thinking model thinks first, then answers with the schema value', async () => {
    const res = await ollama.chat({
      model: 'qwen3:0.6b',
      messages: [{ role: 'user', content: 'Rate it' }],
      format: SCHEMAS['enums and const']!,
    });
    expect(res.message.thinking!.length).toBeGreaterThan(0);
    expect(ajv.validate(SCHEMAS['enums and const']!, JSON.parse(res.message.content))).toBe(true);
  });
});

describe("format: 'json'", () => {
  test('generate and chat give a parseable JSON object, streaming included', async () => {
    const generated = JSON.parse(
      (await ollama.generate({ model: 'llama3.2', prompt: 'Facts about Mars', format: 'json' })).response!,
    ) as unknown;
    expect(generated).toBeTypeOf('object');
    let text = '';
    for await (const c of await ollama.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Facts about Mars' }],
      format: 'json',
      stream: true,
    })) {
      text += c.message.content;
    }
    const value = JSON.parse(text) as unknown;
    expect(value !== null && typeof value === 'object' && !Array.isArray(value)).toBe(true);
  });
});
