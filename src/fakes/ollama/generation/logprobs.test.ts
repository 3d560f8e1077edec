import { describe, expect, test } from 'vitest';
import { logprobsFor } from './logprobs.js';
import { tokenize } from './words.js';

describe('logprobsFor', () => {
  const tokens = tokenize('The quick brown fox jumps over the lazy dog. Ünïcödé, 東京, emoji 🙂 and the the the; , . ! ?'.repeat(20));

  test('for every position and every count: chosen first and most likely, distinct, decreasing, at most 1 in total', () => {
    for (const top of [1, 2, 5, 20]) {
      for (const entry of logprobsFor(tokens, top, 7)) {
        const list = entry.top_logprobs ?? [];
        expect(list).toHaveLength(top);
        expect(list[0]?.token).toBe(entry.token);
        for (let i = 1; i < list.length; i++) expect(list[i]?.logprob).toBeLessThan(list[i - 1]?.logprob as number);
        expect(new Set(list.map((a) => a.token)).size).toBe(top);
        expect(list.reduce((sum, a) => sum + Math.exp(a.logprob), 0)).toBeLessThanOrEqual(1);
      }
    }
  });

  test('a pure function of tokens, count and salt; bytes are UTF-8', () => {
    expect(logprobsFor(tokens, 3, 7)).toEqual(logprobsFor(tokens, 3, 7));
    expect(logprobsFor(tokens, 3, 8)).not.toEqual(logprobsFor(tokens, 3, 7));
    const [emoji] = logprobsFor([' 🙂'], 0, 1);
    expect(emoji).toEqual({ token: ' 🙂', logprob: expect.any(Number), bytes: [32, 240, 159, 153, 130] });
  });
});
