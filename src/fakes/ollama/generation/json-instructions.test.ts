import { describe, expect, test } from 'vitest';
import { requestedShape, schemaOfExample } from './json-instructions.js';

describe('the JSON shape a prompt asks for', () => {
  test.each([
    ['Reply with JSON like {"name": "Ann", "age": 30}', { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] }],
    ['Return JSON with keys name, email and is_active.', { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' }, is_active: { type: 'boolean' } }, required: ['name', 'email', 'is_active'] }],
    ['Match this schema: {"type": "object", "properties": {"city": {"type": "string"}}}', { type: 'object', properties: { city: { type: 'string' } } }],
    ['Answer about {context} and {question}', undefined],
    ['Why is the sky blue?', undefined],
  ])('%s', (prompt, shape) => {
    expect(requestedShape(prompt)).toEqual(shape);
  });

  test('the last schema wins over an example schema shown before it', () => {
    const text = 'for the schema {"properties": {"foo": {"type": "array"}}} the object {"foo": ["bar"]} is fine.\nHere is the output schema:\n```\n{"properties": {"answer": {"type": "string"}}, "required": ["answer"]}\n```';
    expect(requestedShape(text)).toEqual({ properties: { answer: { type: 'string' } }, required: ['answer'] });
  });

  test('examples nest: arrays and objects keep their shape', () => {
    expect(schemaOfExample({ tags: ['a'], owner: { id: 1 } })).toEqual({
      type: 'object',
      properties: { tags: { type: 'array', items: { type: 'string' }, minItems: 1 }, owner: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } },
      required: ['tags', 'owner'],
    });
  });
});
