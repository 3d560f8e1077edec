import { expect, test } from 'vitest';
import { Journal } from './journal.js';

const entry = (path: string, scope?: string) => ({ at: 0, method: 'GET', path, stream: false, ...(scope ? { scope } : {}) });

test('keeps the newest entries up to its capacity, in order, with sequence numbers that survive clearing', () => {
  const journal = new Journal(3);
  for (const path of ['/a', '/b', '/c', '/d', '/e']) journal.record(entry(path));
  expect(journal.list().map((e) => [e.seq, e.path])).toEqual([
    [3, '/c'],
    [4, '/d'],
    [5, '/e'],
  ]);
  expect(journal.list({ since: 4 }).map((e) => e.path)).toEqual(['/e']);
  journal.clear();
  expect(journal.list()).toEqual([]);
  journal.record(entry('/f', 's1'));
  journal.record(entry('/g'));
  expect(journal.list({ scope: 's1' }).map((e) => [e.seq, e.path])).toEqual([[6, '/f']]);
});
