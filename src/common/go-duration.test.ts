import { expect, test } from 'vitest';
import { parseGoDuration } from './go-duration.js';

test('parses Go durations and words errors as Go does', () => {
  expect(parseGoDuration('1h30m')).toBe(5_400_000);
  expect(parseGoDuration('1.5s')).toBe(1500);
  expect(parseGoDuration('-10s')).toBe(-10_000);
  expect(parseGoDuration('300ms')).toBe(300);
  expect(parseGoDuration('0')).toBe(0);
  expect(parseGoDuration('5')).toEqual(new Error('time: missing unit in duration "5"'));
  expect(parseGoDuration('5d')).toEqual(new Error('time: unknown unit "d" in duration "5d"'));
  expect(parseGoDuration('abc')).toEqual(new Error('time: invalid duration "abc"'));
});
