import { describe, expect, test } from 'vitest';
import { bind, COLLECTION_NAME, DB_NAME, field, required, type StructSpec } from './binding.js';
import { RestError } from './envelope.js';

const Inner: StructSpec = { name: 'Inner', fields: [field('fieldName', 'string'), field('nullable', 'bool')] };
const Req: StructSpec = {
  name: 'QueryReqV2',
  fields: [
    DB_NAME,
    COLLECTION_NAME,
    field('outputFields', 'strings', { default: () => ['*'] }),
    field('limit', 'int32', { default: () => 100 }),
    field('params', 'map'),
    field('options', 'strmap'),
    field('schema', { struct: Inner }),
    field('items', { structs: Inner }),
    required('id', 'any', 'ID'),
  ],
};

const failure = (body: unknown) => {
  try {
    bind(Req, body);
  } catch (error) {
    if (error instanceof RestError) return { code: error.code, message: error.message };
    throw error;
  }
  return undefined;
};

describe('bind', () => {
  test('fills Go zero values and defaults, and matches keys case-insensitively when no exact key exists', () => {
    const bound = bind(Req, { CollectionName: 'docs', ID: 5, LIMIT: 7 });
    expect(bound).toEqual({
      dbName: '',
      collectionName: 'docs',
      outputFields: ['*'],
      limit: 7,
      params: null,
      options: null,
      schema: { fieldName: '', nullable: false },
      items: null,
      id: 5,
    });
  });

  test('null keeps scalars and structs at their defaults and clears slices, maps and interfaces', () => {
    const bound = bind(Req, {
      collectionName: 'docs',
      id: 1,
      limit: null,
      outputFields: null,
      schema: null,
      params: null,
    });
    expect(bound.limit).toBe(100);
    expect(bound.outputFields).toBeNull();
    expect(bound.schema).toEqual({ fieldName: '', nullable: false });
    expect(failure({ collectionName: 'docs', id: null })?.code).toBe(1802);
  });

  test('a value of the wrong type is json.UnmarshalTypeError, code 1801, naming the innermost struct and the path', () => {
    expect(failure({ collectionName: 5, id: 1 })).toEqual({
      code: 1801,
      message:
        'can only accept json format request, error: json: cannot unmarshal number into Go struct field QueryReqV2.collectionName of type string',
    });
    expect(failure({ collectionName: 'c', id: 1, limit: '10' })?.message).toContain(
      'cannot unmarshal string into Go struct field QueryReqV2.limit of type int32',
    );
    expect(failure({ collectionName: 'c', id: 1, limit: 1.5 })?.message).toContain(
      'cannot unmarshal number 1.5 into Go struct field QueryReqV2.limit of type int32',
    );
    expect(failure({ collectionName: 'c', id: 1, limit: 3000000000 })?.message).toContain(
      'cannot unmarshal number 3000000000 into Go struct field QueryReqV2.limit of type int32',
    );
    expect(failure({ collectionName: 'c', id: 1, outputFields: ['a', 2] })?.message).toContain(
      'cannot unmarshal number into Go struct field QueryReqV2.outputFields of type string',
    );
    expect(failure({ collectionName: 'c', id: 1, params: [] })?.message).toContain(
      'cannot unmarshal array into Go struct field QueryReqV2.params of type map[string]interface {}',
    );
    expect(failure({ collectionName: 'c', id: 1, options: { a: 1 } })?.message).toContain(
      'Go struct field QueryReqV2.options.a of type string',
    );
    expect(failure({ collectionName: 'c', id: 1, schema: { nullable: 'yes' } })?.message).toContain(
      'Go struct field Inner.schema.nullable of type bool',
    );
    expect(failure({ collectionName: 'c', id: 1, items: [7] })?.message).toContain(
      'cannot unmarshal number into Go struct field QueryReqV2.items of type httpserver.Inner',
    );
    expect(failure([1])?.message).toBe(
      'can only accept json format request, error: json: cannot unmarshal array into Go value of type httpserver.QueryReqV2',
    );
  });

  test('required fields that are missing or zero are one validator line each, code 1802', () => {
    expect(failure({ collectionName: '' })).toEqual({
      code: 1802,
      message:
        "missing required parameters, error: Key: 'QueryReqV2.CollectionName' Error:Field validation for 'CollectionName' failed on the 'required' tag\n" +
        "Key: 'QueryReqV2.ID' Error:Field validation for 'ID' failed on the 'required' tag",
    });
    // An empty list is a value for `required`; only nil is missing.
    expect(bind({ name: 'R', fields: [required('data', 'rows')] }, { data: [] })).toEqual({ data: [] });
  });

  test("a nested struct's required fields are checked under Outer.Field.Inner, its own required tag is not", () => {
    // validator v10 skips `required` on a non-pointer struct field and validates the struct's fields in place.
    const Fn: StructSpec = { name: 'FunctionSchema', fields: [required('name', 'string', 'FunctionName'), required('inputFieldNames', 'strings')] };
    const Outer: StructSpec = { name: 'CollectionAddFunction', fields: [COLLECTION_NAME, required('function', { struct: Fn })] };
    const message = (body: unknown) => {
      try {
        bind(Outer, body);
      } catch (error) {
        return (error as RestError).message;
      }
      return undefined;
    };
    expect(message({ collectionName: 'c' })).toBe(
      "missing required parameters, error: Key: 'CollectionAddFunction.Function.FunctionName' Error:Field validation for 'FunctionName' failed on the 'required' tag\n" +
        "Key: 'CollectionAddFunction.Function.InputFieldNames' Error:Field validation for 'InputFieldNames' failed on the 'required' tag",
    );
    expect(message({ collectionName: 'c', function: { name: 'f', inputFieldNames: [] } })).toBeUndefined();
  });
});
