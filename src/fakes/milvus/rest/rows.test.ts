import { beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../../common/clock.js';
import { RestError } from './envelope.js';
import { goJson } from './json.js';
import { prepareRows, renderRows } from './rows.js';
import { MilvusService } from '../engine/service.js';

const service = new MilvusService({ clock: new FixedClock('2026-01-01T00:00:00Z') });
const collection = () => service.store.collection('default', 'rows');

beforeAll(() => {
  service.createCollection('default', {
    name: 'rows',
    schema: {
      enableDynamicField: true,
      fields: [
        { name: 'id', dataType: 'Int64', isPrimaryKey: true },
        { name: 'f', dataType: 'Float' },
        { name: 'doc', dataType: 'JSON', nullable: true },
        { name: 'tags', dataType: 'Array', elementType: 'Int64', typeParams: { max_capacity: 4 } },
        { name: 'bits', dataType: 'BinaryVector', typeParams: { dim: 16 } },
        { name: 'half', dataType: 'Float16Vector', typeParams: { dim: 2 } },
        { name: 'sparse', dataType: 'SparseFloatVector' },
      ],
    },
  });
  for (const fieldName of ['bits', 'half', 'sparse'])
    service.createIndex('default', 'rows', { fieldName, extraParams: [] });
  service.loadCollection('default', 'rows');
});

const row = {
  id: 9007199254740993n,
  f: 0.1,
  doc: { z: 1, a: 2 },
  tags: [1, 9007199254740995n],
  bits: 'AQI=',
  half: [1, -2],
  sparse: { 7: 0.5, 2: 1.25 },
  extra: 'dyn',
};

describe('rows in and out', () => {
  test('base64 vectors are accepted, and every value comes back in the REST shapes', () => {
    const prepared = prepareRows(collection(), [row], 'insert', false);
    service.insert('default', 'rows', prepared);
    const result = service.query('default', 'rows', { filter: '', outputFields: ['*'], limit: 10 });
    const rows = renderRows(result.columns, { allowInt64: false });
    expect(goJson(rows)).toBe(
      '[{"bits":"AQI=","doc":{"z":1,"a":2},"extra":"dyn","f":0.1,"half":"ADwAwA==","id":"9007199254740993",' +
        '"sparse":{"2":1.25,"7":0.5},"tags":["1","9007199254740995"]}]',
    );
    expect(goJson(renderRows(result.columns, { allowInt64: true }))).toContain('"id":9007199254740993,');
  });

  test('count(*) is an Int64 column', () => {
    const result = service.query('default', 'rows', { filter: '', outputFields: ['count(*)'] });
    expect(renderRows(result.columns, { allowInt64: false })).toEqual([{ 'count(*)': '1' }]);
    expect(renderRows(result.columns, { allowInt64: true })).toEqual([{ 'count(*)': 1n }]);
  });

  test('search rows take the key and distance from the hits', () => {
    const rows = renderRows([], { allowInt64: false, pkName: 'id', pks: [5n, 6n], scores: [0.1, Math.fround(0.2)] });
    expect(rows).toEqual([
      { id: '5', distance: 0.1 },
      { id: '6', distance: 0.2 },
    ]);
  });
});

describe('checkAndSetData', () => {
  const fail = (rows: Array<Record<string, unknown>>, mode: 'insert' | 'upsert' = 'insert') => {
    try {
      prepareRows(collection(), rows, mode, false);
    } catch (error) {
      if (error instanceof RestError) return `${error.code} ${error.message}`;
      throw error;
    }
    return 'no error';
  };

  test('a non-nullable field without a default must be in every row; nullable ones may be left out', () => {
    const { doc: _doc, ...noDoc } = row;
    expect(fail([noDoc])).toBe('no error');
    const { f: _f, ...noF } = row;
    expect(fail([row, noF])).toBe('1804 fail to deal the insert data, error: row 1 does not has field f');
  });

  test('values of the wrong type are 1804 with the field named', () => {
    expect(fail([{ ...row, f: 'high' }])).toBe(
      '1804 fail to deal the insert data, error: field f expects a number, got "high"',
    );
  });

  test('an auto-id key must not be sent on insert', () => {
    service.createCollection('default', {
      name: 'auto',
      schema: {
        fields: [
          { name: 'pk', dataType: 'Int64', isPrimaryKey: true, autoID: true },
          { name: 'v', dataType: 'FloatVector', typeParams: { dim: 2 } },
        ],
      },
    });
    const auto = service.store.collection('default', 'auto');
    expect(() => prepareRows(auto, [{ pk: 1, v: [0, 1] }], 'insert', false)).toThrow(
      'fail to deal the insert data, error: no need to pass pk field(pk) when autoid==true in insert: invalid parameter',
    );
    expect(prepareRows(auto, [{ v: [0, 1] }], 'insert', false).numRows).toBe(1);
  });
});
