import { describe, expect, test } from 'vitest';
import { goJson, goTime } from './replies.js';

describe('Go encodings', () => {
  test('goTime prints RFC3339Nano as Go does: no trailing zeros, no fraction on whole seconds', () => {
    expect(goTime(Date.parse('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00Z');
    expect(goTime(Date.parse('2026-01-01T00:00:10Z'))).toBe('2026-01-01T00:00:10Z');
    expect(goTime(Date.parse('2026-01-01T00:00:05.120Z'))).toBe('2026-01-01T00:00:05.12Z');
    expect(goTime(Date.parse('2026-01-01T00:00:05.007Z'))).toBe('2026-01-01T00:00:05.007Z');
  });

  test('goJson escapes what json.Marshal escapes, and only inside strings', () => {
    expect(goJson({ a: '<b> & \u2028', n: [1, 2] })).toBe('{"a":"\\u003cb\\u003e \\u0026 \\u2028","n":[1,2]}');
    expect(JSON.parse(goJson({ a: '<&>' }))).toEqual({ a: '<&>' });
  });
});
