import { expect, test } from 'vitest';
import { FixedClock } from '../../../common/clock.js';
import { RestError } from './envelope.js';
import { annsFieldOf, queryVectors, searchIds } from './vectors.js';
import { MilvusService } from '../engine/service.js';

const service = new MilvusService({ clock: new FixedClock('2026-01-01T00:00:00Z') });
service.createCollection('default', {
  name: 'v',
  schema: {
    fields: [
      { name: 'pk', dataType: 'VarChar', isPrimaryKey: true, typeParams: { max_length: 8 } },
      { name: 'half', dataType: 'Float16Vector', typeParams: { dim: 2 } },
      { name: 'sparse', dataType: 'SparseFloatVector' },
    ],
  },
});
const collection = service.store.collection('default', 'v');
const field = (name: string) => annsFieldOf(collection, name);
const message = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof RestError) return `${error.code} ${error.message}`;
    throw error;
  }
  return 'no error';
};

test('Float16 queries may be floats or base64 of the half-precision bits', () => {
  const bits = Uint16Array.from([0x3c00, 0xc000]);
  const [fromBase64] = queryVectors(field('half'), [Buffer.from(bits.buffer).toString('base64')]);
  expect(fromBase64).toEqual(bits);
  expect(queryVectors(field('half'), [[1, -2]])).toEqual([[1, -2]]);
  expect(message(() => queryVectors(field('half'), ['AAAA']))).toBe(
    '1801 can only accept json format request, error: dimension: 2, bytesLen: 4, but length of []byte: 3: invalid parameter[expected=Float16Vector][actual=["AAAA"]]',
  );
});

test('sparse queries are maps', () => {
  expect(queryVectors(field('sparse'), [{ 3: 0.5 }])).toEqual([{ 3: 0.5 }]);
  expect(message(() => queryVectors(field('sparse'), [[1, 2]]))).toContain(
    '1801 can only accept json format request, error: invalid sparse float vector',
  );
});

test('search ids follow the key type', () => {
  expect(searchIds(collection, ['a', 'b'])).toEqual(['a', 'b']);
  expect(message(() => searchIds(collection, [1]))).toBe(
    '1100 invalid parameter, error: invalid id type at index 0: expected a string, got 1: invalid parameter',
  );
  expect(message(() => searchIds(collection, ['']))).toBe(
    '1100 invalid parameter, error: empty string id at index 0: invalid parameter',
  );
});
