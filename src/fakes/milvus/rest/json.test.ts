import { describe, expect, test } from 'vitest';
import { float32Json, goJson, goSprintV, GoStruct, RawDocument } from './json.js';

describe('goJson', () => {
  test('sorts map keys, keeps struct field order, and writes int64 digits exactly', () => {
    const text = goJson({
      data: { b: 1, a: 9007199254740993n },
      code: 0,
      kv: [
        new GoStruct([
          ['key', 'k'],
          ['value', 'v'],
        ]),
      ],
    });
    expect(text).toBe('{"code":0,"data":{"a":9007199254740993,"b":1},"kv":[{"key":"k","value":"v"}]}');
  });

  test('stored JSON documents keep their key order; []byte is base64; HTML characters are escaped', () => {
    expect(goJson({ doc: new RawDocument({ z: 1, a: { y: 2, b: 3 } }) })).toBe('{"doc":{"z":1,"a":{"y":2,"b":3}}}');
    expect(goJson([Uint8Array.from([1, 2, 255])])).toBe('["AQL/"]');
    expect(goJson('<a href="x">&</a>\u2028')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028"');
  });
});

test('float32Json is the shortest decimal of the float32, as Go prints a float32', () => {
  expect(float32Json(0.1)).toBe(0.1);
  expect(float32Json(Math.fround(0.1) * Math.fround(0.1))).toBe(0.010000001);
  expect(float32Json(1 / 3)).toBe(0.33333334);
  expect(float32Json(16777217)).toBe(16777216);
  expect(float32Json(0)).toBe(0);
  for (const x of [0.12345678, 3.4e38, 1e-40, -2.5]) expect(Math.fround(float32Json(x))).toBe(Math.fround(x));
});

test("goSprintV prints decoded JSON the way fmt's %v does", () => {
  expect(goSprintV('text')).toBe('text');
  expect(goSprintV(86400)).toBe('86400');
  expect(goSprintV(100000)).toBe('100000');
  expect(goSprintV(1000000)).toBe('1e+06');
  expect(goSprintV(123456789)).toBe('1.23456789e+08');
  expect(goSprintV(0.5)).toBe('0.5');
  expect(goSprintV(0.00001)).toBe('1e-05');
  expect(goSprintV(true)).toBe('true');
  expect(goSprintV(null)).toBe('<nil>');
  expect(goSprintV([1, 'a'])).toBe('[1 a]');
  expect(goSprintV({ b: 1, a: 'x' })).toBe('map[a:x b:1]');
});
