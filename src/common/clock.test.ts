import { expect, test } from 'vitest';
import { FixedClock, rfc3339 } from './clock.js';

test('FixedClock only moves when told to', () => {
  const clock = new FixedClock('2026-01-02T03:04:05.678Z');
  expect(clock.now()).toBe(Date.parse('2026-01-02T03:04:05.678Z'));
  clock.advance(1000);
  expect(rfc3339(clock.now())).toBe('2026-01-02T03:04:06.678Z');
  expect(() => clock.set('not a date')).toThrow(TypeError);
});
