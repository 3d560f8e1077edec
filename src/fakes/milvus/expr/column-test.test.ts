import { describe, expect, test } from 'vitest';
import { compileFilter } from './index.js';
import type { ExprSchema } from './types.js';

const schema: ExprSchema = {
  dynamicField: false,
  fields: [
    { name: 'id', type: 'Int64', nullable: false, isPrimaryKey: true, enableMatch: false },
    { name: 'x', type: 'Int64', nullable: true, isPrimaryKey: false, enableMatch: false },
  ],
};

// The column fast path drops its per-row type check when a null (read as 0n by a relational compare)
// cannot pass; these cases pin that a null never matches either way, and that values still do.
describe('int64 column tests', () => {
  test.each([
    ['x > 3', [4n], [3n, 0n, null]],
    ['x < 3', [2n, 0n, -9n], [3n, null]],
    ['x == 0', [0n], [1n, null]],
    ['x != 0', [1n, -1n], [0n, null]],
    ['x >= -5 and x < 5', [-5n, 0n, 4n], [5n, -6n, null]],
    ['x > 10 and x <= 20', [11n, 20n], [10n, 21n, 0n, null]],
    ['x > -20 and x <= -10', [-10n, -19n], [-20n, 0n, null]],
  ] as const)('%s', (filter, pass, fail) => {
    const column = compileFilter(filter, schema).column;
    expect(column?.field).toBe('x');
    for (const v of pass) expect(column?.matches(v), `${String(v)} passes`).toBe(true);
    for (const v of fail) expect(column?.matches(v), `${String(v)} fails`).toBe(false);
  });
});
