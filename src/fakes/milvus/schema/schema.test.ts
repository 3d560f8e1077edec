import { describe, expect, test } from 'vitest';
import { buildCollectionSchema, buildAddedField, schemaFingerprint, validateCollectionName, type FieldInput } from './index.js';
import { MilvusError } from '../errors/status.js';

const pk: FieldInput = { name: 'id', dataType: 'Int64', isPrimaryKey: true };
const vec: FieldInput = { name: 'vector', dataType: 'FloatVector', typeParams: { dim: 4 } };

function failure(fn: () => unknown): MilvusError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MilvusError) return error;
    throw error;
  }
  throw new Error('expected a MilvusError');
}

describe('buildCollectionSchema', () => {
  test('assigns field ids from 100 in order and keeps type params', () => {
    const schema = buildCollectionSchema('docs', {
      fields: [pk, vec, { name: 'title', dataType: 21, typeParams: { max_length: 64 } }],
      enableDynamicField: true,
    });
    expect(schema.fields.map((f) => [f.fieldID, f.name, f.type])).toEqual([
      [100, 'id', 'Int64'],
      [101, 'vector', 'FloatVector'],
      [102, 'title', 'VarChar'],
    ]);
    expect(schema.fields[1]?.dim).toBe(4);
    expect(schema.fields[2]?.maxLength).toBe(64);
    expect(schema.enableDynamicField).toBe(true);
  });

  test('rejects schemas the proxy rejects, with its codes and words', () => {
    expect(failure(() => buildCollectionSchema('docs', { fields: [pk] })).message).toBe(
      'schema does not contain vector field: invalid parameter',
    );
    expect(failure(() => buildCollectionSchema('docs', { fields: [vec] })).message).toBe(
      'primary key is not specified: invalid parameter',
    );
    const dim1 = failure(() => buildCollectionSchema('docs', { fields: [pk, { ...vec, typeParams: { dim: 1 } }] }));
    expect([dim1.code, dim1.message]).toEqual([1100, 'invalid dimension: 1. should be in range 2 ~ 32768: invalid parameter']);
    const noLength = failure(() => buildCollectionSchema('docs', { fields: [pk, vec, { name: 's', dataType: 'VarChar' }] }));
    expect([noLength.code, noLength.message]).toEqual([
      1101,
      'type param(max_length) should be specified for the field(s) of collection docs: missing parameter',
    ]);
    const tooLong = failure(() =>
      buildCollectionSchema('docs', { fields: [pk, vec, { name: 's', dataType: 'VarChar', typeParams: { max_length: 65536 } }] }),
    );
    expect([tooLong.code, tooLong.errorCode]).toEqual([1100, 'IllegalArgument']);
    expect(failure(() => buildCollectionSchema('1abc', { fields: [pk, vec] })).message).toBe(
      'Invalid collection name: 1abc.  the first character of a collection name must be an underscore or letter: invalid parameter',
    );
    const binary = failure(() =>
      buildCollectionSchema('docs', { fields: [pk, { name: 'b', dataType: 'BinaryVector', typeParams: { dim: 12 } }] }),
    );
    expect(binary.message).toContain('binary vector dimension should be multiple of 8');
    const twoPks = failure(() => buildCollectionSchema('docs', { fields: [pk, { ...pk, name: 'id2' }, vec] }));
    expect(twoPks.message).toBe('there are more than one primary key, field name = id, id2: invalid parameter');
  });

  test('validates default values against the field type', () => {
    const schema = buildCollectionSchema('docs', {
      fields: [pk, vec, { name: 'n', dataType: 'Int64', defaultValue: '9007199254740993' }],
    });
    expect(schema.fields[2]?.defaultValue).toBe(9007199254740993n);
    const wrong = failure(() => buildCollectionSchema('docs', { fields: [pk, vec, { name: 'n', dataType: 'Int32', defaultValue: 'x' }] }));
    expect(wrong.code).toBe(1100);
  });

  test('partition keys need Int64 or VarChar and num_partitions only with a key', () => {
    const keyed = buildCollectionSchema('docs', {
      fields: [pk, vec, { name: 'tenant', dataType: 'VarChar', typeParams: { max_length: 8 }, isPartitionKey: true }],
    });
    expect(keyed.fields[2]?.isPartitionKey).toBe(true);
    expect(failure(() => buildCollectionSchema('docs', { fields: [pk, vec] }, { numPartitions: 4 })).message).toBe(
      'num_partitions should only be specified with partition key field enabled: invalid parameter',
    );
  });

  test('the fingerprint distinguishes different schemas only', () => {
    const a = buildCollectionSchema('docs', { fields: [pk, vec] });
    const b = buildCollectionSchema('docs', { fields: [pk, vec] });
    const c = buildCollectionSchema('docs', { fields: [pk, { ...vec, typeParams: { dim: 8 } }] });
    expect(schemaFingerprint(a)).toBe(schemaFingerprint(b));
    expect(schemaFingerprint(a)).not.toBe(schemaFingerprint(c));
  });

  test('added fields must be nullable and new', () => {
    const schema = buildCollectionSchema('docs', { fields: [pk, vec] });
    expect(buildAddedField(schema, { name: 'x', dataType: 'Int32', nullable: true }, 102).fieldID).toBe(102);
    expect(failure(() => buildAddedField(schema, { name: 'x', dataType: 'Int32' }, 102)).code).toBe(1100);
    expect(failure(() => buildAddedField(schema, { name: 'id', dataType: 'Int32', nullable: true }, 102)).code).toBe(1100);
  });
});

test('validateCollectionName trims and checks characters', () => {
  expect(() => validateCollectionName('ok_name_1')).not.toThrow();
  expect(failure(() => validateCollectionName('  ')).message).toBe('collection name should not be empty: invalid parameter');
  expect(failure(() => validateCollectionName('a-b')).message).toContain('can only contain numbers, letters and underscores');
});
