import { describe, expect, test } from 'vitest';
import { decodeFieldData, decodeSparseRow, encodeOutputColumn, encodeSparseRow } from './field-data.js';
import { rowsToColumns } from '../storage/rows.js';
import { buildCollectionSchema, type FieldDef } from '../schema/index.js';
import { RowTable } from '../storage/table.js';
import { buildBatch } from '../storage/insert-batch.js';
import { MilvusError } from '../errors/status.js';

const schema = buildCollectionSchema('c', {
  enableDynamicField: true,
  fields: [
    { name: 'id', dataType: 'Int64', isPrimaryKey: true },
    { name: 'v', dataType: 'FloatVector', typeParams: { dim: 2 }, nullable: true },
    { name: 'n', dataType: 'Int64', nullable: true },
    { name: 'tags', dataType: 'Array', elementType: 'Int64', typeParams: { max_capacity: 3 } },
    { name: 'j', dataType: 'JSON' },
    { name: 'sp', dataType: 'SparseFloatVector' },
  ],
});
const field = (name: string) => schema.fields.find((f) => f.name === name) as FieldDef;

describe('FieldData decoding', () => {
  test('int64 as bigint, JSON parsed, arrays per row, compact valid_data kept', () => {
    const n = decodeFieldData({ field_name: 'n', scalars: { long_data: { data: ['9007199254740993'] }, data: 'long_data' }, valid_data: [false, true] });
    expect(n).toMatchObject({ name: 'n', payload: 'long_data', values: [9007199254740993n], validData: [false, true] });
    const arrays = decodeFieldData({
      field_name: 'tags',
      scalars: { array_data: { data: [{ long_data: { data: ['1', '2'] }, data: 'long_data' }, { long_data: { data: [] }, data: 'long_data' }] }, data: 'array_data' },
    });
    expect(arrays.values).toEqual([[1n, 2n], []]);
    expect(arrays.elementPayloads).toEqual(['long_data', 'long_data']);
    const json = decodeFieldData({ field_name: '$meta', is_dynamic: true, scalars: { json_data: { data: [Buffer.from('{"a":[1]}')] }, data: 'json_data' } });
    expect(json).toMatchObject({ isDynamic: true, values: [{ a: [1] }] });
  });

  test('sparse rows are (uint32 index, float32 value) little-endian pairs', () => {
    const row = { indices: Uint32Array.from([3, 4000000000]), values: Float32Array.from([0.5, -2]) };
    const bytes = encodeSparseRow(row);
    expect(bytes.toString('hex')).toBe('030000000000003f0028 6bee000000c0'.replace(' ', ''));
    expect(decodeSparseRow(bytes)).toEqual(row);
    expect(() => decodeSparseRow(new Uint8Array(5))).toThrow(MilvusError);
  });
});

describe('FieldData encoding', () => {
  test('scalars are row-dense with valid_data; nullable vectors are compact', () => {
    const scalars = encodeOutputColumn({ field: field('n'), name: 'n', kind: 'field', values: [5n, null] });
    expect(scalars).toMatchObject({ type: 'Int64', field_name: 'n', valid_data: [true, false], scalars: { long_data: { data: ['5', '0'] } } });
    const vectors = encodeOutputColumn({ field: field('v'), name: 'v', kind: 'field', values: [null, new Float32Array([1, 2])] });
    expect(vectors).toMatchObject({ valid_data: [false, true], vectors: { dim: '2', float_vector: { data: [1, 2] } } });
    const count = encodeOutputColumn({ name: 'count(*)', kind: 'count', values: [3n] });
    expect(count).toEqual({ type: 'Int64', field_name: 'count(*)', scalars: { long_data: { data: ['3'] } } });
    const sparse = encodeOutputColumn({ field: field('sp'), name: 'sp', kind: 'field', values: [{ indices: Uint32Array.from([9]), values: Float32Array.from([1]) }] });
    expect(sparse).toMatchObject({ vectors: { dim: '10', sparse_float_vector: { dim: '10' } } });
  });
});

describe('rows and batches', () => {
  test('JSON rows become typed columns; unknown keys go to $meta', () => {
    const columns = rowsToColumns(schema, [
      { id: '12', v: [1, 2], n: 3, tags: [1], j: { x: 1 }, sp: { 7: 0.5 }, color: 'red' },
      { id: 13, v: null, tags: [], j: null, sp: { indices: [1], values: [2] } },
    ]);
    const byName = Object.fromEntries(columns.map((c) => [c.name, c]));
    expect(byName.id?.values).toEqual([12n, 13n]);
    expect(byName.v).toMatchObject({ payload: 'float_vector', validData: [true, false] });
    expect(byName.n).toMatchObject({ values: [3n], validData: [true, false] });
    expect(byName.$meta?.values).toEqual([{ color: 'red' }, {}]);
    expect(() => rowsToColumns(schema, [{ id: 'x' }])).toThrow(/expects an int64/);
  });

  test('a batch fills nulls and defaults; a key inserted twice keeps both copies; compaction keeps order', () => {
    const table = new RowTable(schema);
    const options = { mode: 'insert' as const, allocateIds: () => 1n, partitionsFor: (_s: unknown, pks: readonly unknown[]) => pks.map(() => 0), table };
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: i, v: [i, 0], tags: [], j: { i }, sp: { 1: 1 } }));
    table.append(buildBatch(schema, rowsToColumns(schema, rows), rows.length, options).batch);
    const again = [...rows].reverse().map((r) => (r.id % 2 === 0 ? { ...r, n: 7 } : r));
    table.append(buildBatch(schema, rowsToColumns(schema, again), again.length, options).batch);
    // Insert never deduplicates; the copy from the later write is the one reads return.
    expect([table.liveCount, table.size, table.copies.size]).toEqual([10000, 10000, 5000]);
    expect(table.pkIndex.get(0n)).toBe(9999);
    const n = () => table.scalars.get('n') ?? [];
    expect(n()[table.pkIndex.get(0n) as number]).toBe(7n);
    // A delete removes every copy of a key.
    for (let id = 0; id < 5000; id += 2) expect(table.deleteKey(BigInt(id))).toBe(2);
    expect([table.liveCount, table.statRowCounts(1)]).toEqual([5000, [10000]]);
    table.maybeCompact();
    expect(table.size).toBe(5000);
    expect(table.statRowCounts(1)).toEqual([10000]);
    expect(table.pks.slice(0, 3)).toEqual([1n, 3n, 5n]);
    expect(table.rowsOf(1n)).toEqual([0, 4999]);
    expect(table.pkIndex.get(1n)).toBe(4999);
    expect(n()[4999]).toBe(null);
    table.compactStats();
    expect(table.statRowCounts(1)).toEqual([5000]);
  });
});
