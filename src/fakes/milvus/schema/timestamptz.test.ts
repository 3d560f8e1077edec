import { describe, expect, test } from 'vitest';
import { FixedClock } from '../../../common/clock.js';
import { MilvusService } from '../engine/service.js';
import { applySeed } from '../engine/seed.js';
import { addInterval, formatTimestamptz, isTimezoneValid, parseInterval, parseTimestamptz } from './timestamptz.js';

// Cases from milvus pkg/util/timestamptz/timestamptz_test.go (TestValidateAndReturnUnixMicroTz,
// TestFormatTimeMicroWithoutTrailingZeros) restated as facts, not copied code.
describe('parseTimestamptz (ParseTimeTz)', () => {
  const expected = 1729697400123456n; // 2024-10-23T15:30:00.123456Z
  test.each([
    ['2024-10-23T15:30:00.123456Z', 'Asia/Tokyo'],
    ['2024-10-23T23:30:00.123456+08:00', 'UTC'],
    ['2024-10-23 23:30:00.123456', 'Asia/Shanghai'],
    ['2024-10-23 15:30:00.123456Z', 'Asia/Tokyo'],
    ['2024-10-23 17:30:00.123456+02', 'UTC'],
  ])('%s in %s', (text, zone) => {
    expect(parseTimestamptz(text, zone)).toBe(expected);
  });

  test('errors: unknown format, offset beyond +14/-12', () => {
    expect(() => parseTimestamptz('2024-13-01T00:00:00Z', 'UTC')).toThrow("invalid timestamp string: '2024-13-01T00:00:00Z'. Does not match any known format");
    expect(() => parseTimestamptz('2024-10-23T00:00:00-13:00', 'UTC')).toThrow('UTC offset hour -13 is out of the valid range [-12, 14]');
    expect(() => parseTimestamptz('2024-10-23T00:00:00', 'Bad/Zone')).toThrow('unknown or invalid IANA Time Zone ID: Bad/Zone');
  });
});

describe('formatTimestamptz (FormatTimeMicroWithoutTrailingZeros)', () => {
  test.each([
    [1761148800123456n, 'Asia/Shanghai', '2025-10-23T00:00:00.123456+08:00'],
    [1761148800123000n, 'Asia/Shanghai', '2025-10-23T00:00:00.123+08:00'],
    [1761148800000000n, 'Asia/Shanghai', '2025-10-23T00:00:00+08:00'],
    [1761148800000000n, 'UTC', '2025-10-22T16:00:00Z'],
    [1761148800000000n, 'America/New_York', '2025-10-22T12:00:00-04:00'],
  ])('%s in %s', (micros, zone, text) => {
    expect(formatTimestamptz(micros, zone)).toBe(text);
  });

  test('zones: IANA names and UTC are valid, others and the empty name are not', () => {
    expect(isTimezoneValid('Europe/Paris')).toBe(true);
    expect(isTimezoneValid('UTC')).toBe(true);
    expect(isTimezoneValid('')).toBe(false);
    expect(isTimezoneValid('Mars/Olympus')).toBe(false);
  });
});

describe('intervals (planparserv2 TestParseISO8601Duration)', () => {
  test('parts, empty forms, refusals', () => {
    expect(parseInterval('P1Y2M3DT4H5M6S')).toEqual({ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6 });
    expect(parseInterval('PT2M')).toMatchObject({ minutes: 2, months: 0 });
    expect(parseInterval('P')).toEqual({ years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(parseInterval('P1H')).toBeUndefined();
    expect(parseInterval('1Y')).toBeUndefined();
  });

  test('calendar months and clock hours', () => {
    const jan31 = parseTimestamptz('2025-01-31T00:00:00Z', 'UTC');
    expect(formatTimestamptz(addInterval(jan31, parseInterval('P1M') as never, 1), 'UTC')).toBe('2025-03-03T00:00:00Z');
    expect(formatTimestamptz(addInterval(jan31, parseInterval('PT36H') as never, -1), 'UTC')).toBe('2025-01-29T12:00:00Z');
  });
});

test('seed rows with a Timestamptz field are parsed in the collection timezone', () => {
  const service = new MilvusService({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  applySeed(service, {
    collections: [
      {
        name: 'events',
        schema: {
          fields: [
            { name: 'id', dataType: 'Int64', isPrimaryKey: true },
            { name: 'v', dataType: 'FloatVector', typeParams: { dim: 2 } },
            { name: 'at', dataType: 'Timestamptz' },
          ],
        },
        properties: { timezone: 'Asia/Shanghai' },
        indexes: [{ fieldName: 'v', indexType: 'FLAT', metricType: 'L2' }],
        rows: [{ id: 1, v: [0, 0], at: '2025-01-01 08:00:00' }],
      },
    ],
  } as never);
  const result = service.query('default', 'events', { filter: "at == ISO '2025-01-01T00:00:00Z'", outputFields: ['at'], timezone: 'UTC' });
  expect(result.columns.find((c) => c.name === 'at')?.values).toEqual(['2025-01-01T00:00:00Z']);
});
