import { describe, expect, test } from 'vitest';
import { ApiError } from './replies.js';
import { parseGoDuration, parseKeepAlive, parseThink } from './request-options.js';

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return `${error.status} ${error.message}`;
    throw error;
  }
  return 'no error';
};

describe('keep_alive as api.Duration reads it', () => {
  test('numbers are seconds (fractions too), strings Go durations, negatives forever', () => {
    expect(parseKeepAlive(undefined)).toBe(300_000);
    expect(parseKeepAlive(null)).toBe(300_000);
    expect(parseKeepAlive(0)).toBe(0);
    expect(parseKeepAlive(1.5)).toBe(1500);
    expect(parseKeepAlive('1h30m')).toBe(5_400_000);
    expect(parseKeepAlive('250ms')).toBe(250);
    expect(parseKeepAlive(-1)).toBe(-1);
    expect(parseKeepAlive('-5m')).toBe(-1);
    expect(parseKeepAlive('0')).toBe(0);
  });

  test('errors are time.ParseDuration’s and Duration.UnmarshalJSON’s', () => {
    expect(message(() => parseKeepAlive('-1'))).toBe('400 time: missing unit in duration "-1"');
    expect(message(() => parseKeepAlive('5 minutes'))).toBe(
      '400 time: unknown unit " minutes" in duration "5 minutes"',
    );
    expect(message(() => parseKeepAlive(''))).toBe('400 time: invalid duration ""');
    expect(message(() => parseKeepAlive(true))).toBe("400 Unsupported type: 'bool'");
    expect(message(() => parseKeepAlive({}))).toBe("400 Unsupported type: 'map[string]interface {}'");
    expect(parseGoDuration('1.5s')).toBe(1500);
  });
});

describe('think', () => {
  test('booleans and levels pass; anything else is the ThinkValue error', () => {
    expect(parseThink(undefined)).toBeUndefined();
    expect(parseThink(false)).toBe(false);
    expect(parseThink('max')).toBe('max');
    expect(message(() => parseThink('extreme'))).toBe(
      '400 invalid think value: "extreme" (must be "high", "medium", "low", "max", true, or false)',
    );
    expect(message(() => parseThink('true'))).toBe(
      '400 invalid think value: "true" (must be "high", "medium", "low", "max", true, or false)',
    );
    expect(message(() => parseThink(1))).toBe(
      '400 think must be a boolean or string ("high", "medium", "low", "max", true, or false)',
    );
  });
});
