import { describe, expect, test } from 'vitest';
import { decodeToken, encodeToken } from './iterator-token.js';

describe('search iterator cursors', () => {
  test('a token gives back the hit it was made from, Int64 and VarChar keys alike', () => {
    expect(decodeToken(encodeToken({ row: 7, score: 0.25, pk: 9007199254740993n }))).toEqual({ score: 0.25, pk: 9007199254740993n });
    expect(decodeToken(encodeToken({ row: 0, score: -1.5, pk: 'doc "1"' }))).toEqual({ score: -1.5, pk: 'doc "1"' });
  });

  test("a token that is not the fake's own (absent, a real server id, damaged) starts from the top", () => {
    for (const token of [undefined, '', '456981239', 'fake-iter:!!!', 42]) expect(decodeToken(token)).toBeUndefined();
  });
});
