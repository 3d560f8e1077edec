import { describe, expect, test } from 'vitest';
import { compileFilter, ExprError, type ExprSchema, type TemplateValues } from './index.js';

const schema: ExprSchema = {
  dynamicField: true,
  fields: [
    { name: 'id', type: 'Int64', nullable: false, isPrimaryKey: true },
    { name: 'age', type: 'Int32', nullable: true },
    { name: 'score', type: 'Float', nullable: false },
    { name: 'name', type: 'VarChar', nullable: false },
    { name: 'flag', type: 'Bool', nullable: false },
    { name: 'meta', type: 'JSON', nullable: false },
    { name: 'tags', type: 'Array', elementType: 'VarChar', nullable: false },
    { name: 'nums', type: 'Array', elementType: 'Int64', nullable: false },
    { name: 'vec', type: 'FloatVector', nullable: false },
  ],
};

function errorOf(filter: string, templates?: TemplateValues): ExprError {
  try {
    compileFilter(filter, schema, templates);
  } catch (error) {
    if (error instanceof ExprError) return error;
    throw error;
  }
  throw new Error(`expected ${filter} to be rejected`);
}

describe('ExprError', () => {
  test('carries code 1100 and builds the full Status.reason', () => {
    const error = errorOf('name == 1');
    expect(error.code).toBe(1100);
    expect(error.errorCode).toBe('IllegalArgument');
    expect(error.expression).toBe('name == 1');
    expect(error.detail).toBe('comparisons between VarChar and Int64 are not supported');
    expect(error.message).toBe('cannot parse expression: name == 1, error: comparisons between VarChar and Int64 are not supported');
    expect(error.reason()).toBe(`failed to create query plan: ${error.message}: invalid parameter`);
    expect(error.reason('delete')).toBe(`failed to create delete plan: ${error.message}: invalid parameter`);
  });

  test('syntax errors carry the position', () => {
    const error = errorOf('age >\n  and 1');
    expect(error.position).toEqual({ line: 2, column: 2 });
    expect(error.detail).toMatch(/^line 2:2 mismatched input 'and' expecting \{/);
  });
});

describe('type errors say what was wrong, in planparserv2 wording', () => {
  test.each([
    ['name == 1', 'comparisons between VarChar and Int64 are not supported'],
    ['1 < name', 'comparisons between Int64 and VarChar are not supported'],
    ['score != name', 'comparisons between Float and VarChar are not supported'],
    ['flag > 1', 'comparisons between Bool and Int64 are not supported'],
    ['vec > 1', 'comparisons between FloatVector and Int64 are not supported'],
    ['tags == [1, 2]', 'comparisons between Array[VarChar] and Array[Int64] are not supported'],
    ['tags > "a"', 'can not comparisons array fields directly'],
    ['id == 1.5', 'cannot cast value to Int64, value: float_val:1.5'],
    ['age > 1.5', 'cannot cast value to Int32, value: float_val:1.5'],
    ['1.0 < age < 2.0', 'invalid range operations'],
    ['true < flag < false', 'invalid range operations on boolean expr'],
    ['5 < age < 1', 'invalid range: lowerbound is greater than upperbound'],
    ['1 < age < 1', 'invalid range: lowerbound is greater than upperbound'],
    ['1 < age < x', 'upperbound cannot be a non-const expression: x'],
    ['age like "1%"', 'like operation on non-string or no-json field is unsupported'],
    ['tags like "a%"', 'can not comparisons array fields directly'],
    ['(age + 1) like "1%"', 'like operation on complicated expr is unsupported'],
    ['name + 1 == 2', "'add' can only be used between integer or floating or json field expressions"],
    ['"a" * 2 == 2', "'multiply' can only be used between integer or floating or json field expressions"],
    ['age + id == 3', 'not supported to do arithmetic operations between multiple fields'],
    ['(age + 1) * 2 == 4', 'complicated arithmetic operations are not supported'],
    ['10 - age == 3', 'module field is not yet supported'],
    ['score % 2 == 1', 'modulo can only apply on integer types'],
    ['age / 0 == 1', 'division or modulus by zero'],
    ['2 / 0 == age', 'cannot divide by zero'],
    ['age + 1.5 == 3', 'cannot cast value to Int64, value: float_val:1.5'],
    ['meta["x"] * 2 == 3.5', 'cannot cast value to Int64, value: float_val:3.5'],
    ['age ** 2 == 4', 'power can only apply on constants: age**2'],
    ['age << 1 == 2', 'shift is not supported: age<<1'],
    ['age & 1 == 1', 'BitAnd is not supported: age&1==1'],
    ['1 in [1, 2]', "'term' can only be used on non-const expression, but got: 1"],
    ['(age + 1) in [1]', "'term' can only be used on single field, but got: (age+1)"],
    ['age in 1', "the right-hand side of 'in' must be a list, but got: 1"],
    ['age in [1, "a"]', `value 'string_val:"a"' in list cannot be casted to Int32`],
    ['age in [x]', 'array element type must be generic value, but got: x'],
    ['tags in ["a"]', `value 'string_val:"a"' in list cannot be casted to Array`],
    ['-age > 1', 'unexpected op: -'],
    ['not age', 'not op can only be applied on boolean expression'],
    ['not age == 1', 'not op can only be applied on boolean expression'],
    ['flag and age > 1', "'and' can only be used between boolean expressions"],
    ['age > 1 or 1', "'or' can only be used between boolean expressions"],
    ['"a" == 1', 'comparison operations cannot be applied to two incompatible operands: "a"==1'],
    ['array_contains(name, "a")', 'contains operation are only supported on json or array fields now, got: name'],
    ['array_contains(tags, 1)', 'cannot cast value to VarChar, value: int64_val:1'],
    ['array_contains(tags, x)', 'contains operation are only supported explicitly specified element, got: x'],
    ['array_contains_all(tags, "a")', 'ContainsAll operation element must be an array'],
    ['array_contains_any(nums, ["a"])', "ContainsAny operation can't compare between array element type: Int64 and VarChar"],
    ['array_length(name) == 1', 'array_length operation are only supported on json or array fields now, got: array_length(name)'],
    ['array_length(tags) == 1.5', 'cannot cast value to Int64, value: float_val:1.5'],
    ['exists age', 'exists operations are only supportted on json field, got:Int32'],
    ['exists meta', 'exists operations are only supportted on json key'],
    ['vec is null', 'is null operations are not supported on vector field: vec'],
    ['age["a"] == 1', 'Int32 data type not supported accessed with []'],
    ['tags["a"] == "x"', 'can only access array field with integer index'],
    ['meta[""] == 1', 'invalid identifier: meta[""]'],
    ['text_match(name, "x")', 'field "name" does not enable match'],
    ['text_match(age, "x")', 'text match operation on non-string is unsupported'],
    ['id == 9223372036854775808', 'strconv.ParseInt: parsing "9223372036854775808": value out of range'],
    ['id == -9223372036854775809', 'strconv.ParseInt: parsing "-9223372036854775809": value out of range'],
    ['name == "\\q"', 'invalid syntax'],
    ['upper(name) == "A"', 'function upper is not supported by the fakecontainers Milvus fake'],
    ['phrase_match(name, "a b")', 'field "name" does not enable match'],
    ['name =~ "a.*"', 'regular expression match (=~, !~) is not supported'],
    ['{a} == 1', 'placeholder was not supported between two constants with operator: =='],
  ])('%s', (filter, detail) => {
    const error = errorOf(filter, { a: 1n });
    expect(error.detail).toBe(detail.startsWith('regular') ? `${detail} by the fakecontainers Milvus fake` : detail);
    expect(error.message).toBe(`cannot parse expression: ${filter}, error: ${error.detail}`);
  });

  test('errors Milvus reports without the "cannot parse expression" wrapper', () => {
    expect(errorOf('age').message).toBe('predicate is not a boolean expression: age, data type: Int32');
    expect(errorOf('flag').message).toBe('predicate is not a boolean expression: flag, data type: Bool');
    expect(errorOf('true').message).toBe('predicate is not a boolean expression: true, data type: Bool');
    expect(errorOf('array_length(tags)').message).toBe('predicate is not a boolean expression: array_length(tags), data type: Int64');
    expect(errorOf('meta["a"]').message).toBe('predicate is not a boolean expression: meta["a"], data type: JSON');
    expect(errorOf('id in {ids}').message).toBe('the value of expression template variable name {ids} is not found');
  });
});
