import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { SeededRandom } from '../../../common/hash.js';
import { hintsFrom, valueForSchema } from './schema-values.js';

const ajv = new Ajv2020({ strict: false });
addFormats.default(ajv);

/** Edge schemas where a generator that is "usually right" goes wrong; each is tried with many seeds. */
const EDGES: Record<string, unknown>[] = [
  { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
  { type: 'number', minimum: 2.5, maximum: 2.6 },
  { type: 'integer', exclusiveMinimum: 3, exclusiveMaximum: 5 },
  { type: 'integer', multipleOf: 5, minimum: 11 },
  { type: 'integer', maximum: -3 },
  { type: 'number', exclusiveMaximum: -3 },
  { type: 'number', multipleOf: 0.5, minimum: 1, maximum: 3 },
  { type: 'string', format: 'time' },
  { type: 'string', format: 'date-time' },
  { type: 'string', format: 'hostname' },
  { type: 'string', format: 'ipv6' },
  { type: 'string', minLength: 3, maxLength: 3 },
  { type: 'array', items: { enum: ['a', 'b', 'c'] }, minItems: 3, uniqueItems: true },
  { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], minItems: 2 },
  { oneOf: [{ type: 'string' }, { type: 'integer' }] },
  { type: 'object', minProperties: 2 },
  { type: 'object', additionalProperties: { type: 'integer' }, required: ['k'] },
];

describe('valueForSchema', () => {
  test.each(EDGES.map((s) => [JSON.stringify(s), s] as const))(
    '%s validates for 100 seeds and several prompts',
    (_label, schema) => {
      const validate = ajv.compile(schema);
      for (let seed = 0; seed < 100; seed++) {
        for (const text of ['', 'Paris 12 and 7.5 Tokyo', 'x -4 100 1000']) {
          const value = valueForSchema(schema, new SeededRandom(seed), hintsFrom(text));
          expect(validate(value), `${JSON.stringify(value)} for seed ${seed}`).toBe(true);
        }
      }
    },
  );

  test('is a function of its inputs', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, n: { type: 'integer' } } };
    const once = valueForSchema(schema, new SeededRandom(7), hintsFrom('Ada Lovelace wrote 3 notes'));
    expect(valueForSchema(schema, new SeededRandom(7), hintsFrom('Ada Lovelace wrote 3 notes'))).toEqual(once);
    expect(once).toEqual({ name: 'Ada Lovelace', n: 3 });
  });
});
