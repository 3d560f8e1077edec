import { describe, expect, test } from 'vitest';
import { FixedClock } from '../../../common/clock.js';
import { MilvusService } from './service.js';
import { applySeed } from './seed.js';
import { MilvusError } from '../errors/status.js';

function service(): MilvusService {
  return new MilvusService({ clock: new FixedClock('2026-01-01T00:00:00Z') });
}

function failure(fn: () => unknown): MilvusError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MilvusError) return error;
    throw error;
  }
  throw new Error('expected a MilvusError');
}

const vectors = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0.9, 0.1, 0, 0],
  [0, 0, 1, 0],
];

function seeded(metric = 'L2'): MilvusService {
  const s = service();
  applySeed(s, {
    collections: [
      {
        name: 'docs',
        schema: {
          enableDynamicField: true,
          fields: [
            { name: 'id', dataType: 'Int64', isPrimaryKey: true },
            { name: 'vector', dataType: 'FloatVector', typeParams: { dim: 4 } },
            { name: 'tag', dataType: 'VarChar', typeParams: { max_length: 16 }, nullable: true },
          ],
        },
        indexes: [{ fieldName: 'vector', metricType: metric }],
        rows: vectors.map((vector, i) => ({ id: i + 1, vector, tag: i % 2 ? 'odd' : 'even', n: i })),
      },
    ],
  });
  return s;
}

describe('MilvusService', () => {
  test('exact L2 search returns squared distances, nearest first', () => {
    const s = seeded('L2');
    const result = s.search('default', 'docs', { vectors: [[1, 0, 0, 0]], topk: 3, outputFields: ['id'] });
    expect(result.hits.map((h) => h.pk)).toEqual([1n, 3n, 2n]);
    const dx = 1 - Math.fround(0.9);
    const dy = Math.fround(0.1);
    expect(result.hits[1]?.score).toBe(Math.fround(dx * dx + dy * dy));
    expect(result.hits[2]?.score).toBe(2);
  });

  test('ties are broken by primary key, independent of insertion order', () => {
    const s = service();
    applySeed(s, { collections: [{ name: 'c', dimension: 2, metricType: 'IP', rows: [{ id: 9, vector: [1, 0] }, { id: 3, vector: [1, 0] }, { id: 5, vector: [1, 0] }] }] });
    const result = s.search('default', 'c', { vectors: [[1, 0]], topk: 3, outputFields: [] });
    expect(result.hits.map((h) => h.pk)).toEqual([3n, 5n, 9n]);
  });

  test('query filters, orders by primary key, and enforces the limit rule', () => {
    const s = seeded();
    const result = s.query('default', 'docs', { filter: 'tag == "even"', outputFields: ['tag', 'n'] });
    expect(result.columns.map((c) => c.name)).toEqual(['tag', 'id', '$meta']);
    expect(result.columns[1]?.values).toEqual([1n, 3n]);
    expect(failure(() => s.query('default', 'docs', { filter: '', outputFields: ['*'] })).message).toBe(
      'empty expression should be used with limit: invalid parameter',
    );
    const count = s.query('default', 'docs', { filter: '', outputFields: ['count(*)'] });
    expect(count.columns[0]?.values).toEqual([4n]);
  });

  test('search on a released collection fails like Milvus', () => {
    const s = seeded();
    s.releaseCollection('default', 'docs');
    const error = failure(() => s.search('default', 'docs', { vectors: [[1, 0, 0, 0]], topk: 1, outputFields: [] }));
    expect(error.code).toBe(101);
    expect(error.message).toMatch(/^failed to search: collection not loaded\[collection=\d+\]$/);
  });

  test('upsert replaces and delete removes by key', () => {
    const s = seeded();
    s.upsert('default', 'docs', { rows: [{ id: 1, vector: [0, 0, 0, 1], tag: null }] });
    // Statistics count stored rows: the upserted-over row stays until a compaction.
    expect(s.collectionStatistics('default', 'docs').rowCount).toBe(5);
    const deleted = s.delete('default', 'docs', { filter: 'id in [2, 3, 77]' });
    expect(deleted.deleteCount).toBe(3);
    expect(s.collectionStatistics('default', 'docs').rowCount).toBe(5);
    s.compact('default', 'docs');
    expect(s.collectionStatistics('default', 'docs').rowCount).toBe(2);
    const rows = s.query('default', 'docs', { filter: 'id >= 0', outputFields: ['tag'] });
    expect(rows.columns[0]?.values).toEqual([null, 'odd']);
  });

  test('auto ids come from the clock-driven TSO and exceed 2^53', () => {
    const s = service();
    applySeed(s, { collections: [{ name: 'a', dimension: 2, autoId: true }] });
    const { ids } = s.insert('default', 'a', { rows: [{ vector: [1, 2] }, { vector: [3, 4] }] });
    expect(ids).toHaveLength(2);
    expect((ids[0] as bigint) > 2n ** 53n).toBe(true);
    expect(ids[1]).toBe((ids[0] as bigint) + 1n);
  });

  test('partial upsert keeps stored values of fields it does not send', () => {
    const s = seeded();
    s.upsert('default', 'docs', { rows: [{ id: 2, tag: 'changed' }], partialUpdate: true });
    const row = s.query('default', 'docs', { filter: 'id == 2', outputFields: ['tag', 'vector', 'n'] });
    expect(row.columns.map((c) => [c.name, c.values[0]])).toEqual([
      ['tag', 'changed'],
      ['vector', Float32Array.from(vectors[1] as number[])],
      ['id', 2n],
      ['$meta', { n: 1 }],
    ]);
    expect(failure(() => s.upsert('default', 'docs', { rows: [{ id: 99, tag: 'x' }], partialUpdate: true })).message).toBe(
      'fieldSchema(vector) has no corresponding fieldData pass in: invalid parameter',
    );
  });

  test('upsert into an auto-id collection replaces the sent keys with new ones', () => {
    const s = service();
    applySeed(s, { collections: [{ name: 'a', dimension: 2, autoId: true }] });
    const [first] = s.insert('default', 'a', { rows: [{ vector: [1, 2] }] }).ids;
    const { ids } = s.upsert('default', 'a', { rows: [{ id: first, vector: [3, 4] }] });
    expect(ids[0]).not.toBe(first);
    const all = s.query('default', 'a', { filter: '', limit: 10, outputFields: ['id'] });
    expect(all.columns[0]?.values).toEqual([ids[0]]);
  });

  test('VarChar auto ids are the decimal strings of TSO values', () => {
    const s = service();
    applySeed(s, { collections: [{ name: 'v', dimension: 2, autoId: true, idType: 'VarChar' }] });
    const { ids } = s.insert('default', 'v', { rows: [{ vector: [1, 2] }] });
    expect(typeof ids[0]).toBe('string');
    expect(BigInt(ids[0] as string) > 2n ** 53n).toBe(true);
  });

  test('altering max_length changes what later inserts accept', () => {
    const s = seeded();
    const row = { id: 10, vector: [0, 0, 0, 1], tag: 'x'.repeat(20) };
    expect(failure(() => s.insert('default', 'docs', { rows: [row] })).message).toContain('exceeds max length');
    s.alterField('default', 'docs', 'tag', [{ key: 'max_length', value: '32' }]);
    expect(s.insert('default', 'docs', { rows: [row] }).insertCount).toBe(1);
    expect(s.describeCollection('default', 'docs').collection.schema.fields[2]?.typeParams).toEqual([{ key: 'max_length', value: '32' }]);
  });

  test('rows with unknown keys are refused without a dynamic field; deletes stay inside their partition', () => {
    const s = service();
    applySeed(s, {
      collections: [
        {
          name: 'p',
          schema: { fields: [{ name: 'id', dataType: 'Int64', isPrimaryKey: true }, { name: 'v', dataType: 'FloatVector', typeParams: { dim: 2 } }] },
          partitions: ['x'],
          indexes: [{ fieldName: 'v' }],
          rows: [{ id: 1, v: [1, 0] }],
          partitionRows: { x: [{ id: 2, v: [0, 1] }] },
        },
      ],
    });
    expect(failure(() => s.insert('default', 'p', { rows: [{ id: 3, v: [1, 1], extra: 1 }] })).message).toBe(
      'fieldName extra not exist in collection schema',
    );
    s.delete('default', 'p', { filter: 'id in [1, 2]', partitionName: 'x' });
    const left = s.query('default', 'p', { filter: 'id > 0', outputFields: [] });
    expect(left.columns[0]?.values).toEqual([1n]);
  });

  test('auto-id collections refuse sent keys unless allow_insert_auto_id is set', () => {
    const s = service();
    applySeed(s, { collections: [{ name: 'a', dimension: 2, autoId: true }] });
    const columns = [
      { name: 'id', isDynamic: false, payload: 'long_data', values: [5n] },
      { name: 'vector', isDynamic: false, payload: 'float_vector', vectorDim: 2, floats: [1, 2] },
    ];
    expect(failure(() => s.insert('default', 'a', { columns, numRows: 1 })).message).toBe(
      'can not assign primary field data when auto id enabled id: invalid parameter',
    );
    s.alterCollection('default', 'a', [{ key: 'allow_insert_auto_id', value: 'true' }]);
    expect(s.insert('default', 'a', { columns, numRows: 1 }).ids).toEqual([5n]);
  });
});

