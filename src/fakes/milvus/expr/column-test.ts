/**
 * A direct value test for the commonest single-column filters on int64-valued fields (Int64, Timestamptz):
 * one comparison, or an `and` of comparisons on the same field (what Milvus' rewriter turns into a
 * BinaryRangeExpr). A null value fails, as every comparison does on null.
 */
import type { Pred } from './plan.js';
import type { CmpOp } from './values.js';

type Bound = readonly [CmpOp, bigint];

function bound(p: Pred, field: string): Bound | undefined {
  if (p.k !== 'compare' || p.col.field !== field || p.col.path.length > 0) return undefined;
  if (p.col.type !== 'Int64' && p.col.type !== 'Timestamptz') return undefined;
  return typeof p.value.v === 'bigint' ? [p.op, p.value.v] : undefined;
}

function test1([op, c]: Bound): (v: bigint) => boolean {
  switch (op) {
    case 'EQ': return (v) => v === c;
    case 'NE': return (v) => v !== c;
    case 'LT': return (v) => v < c;
    case 'LE': return (v) => v <= c;
    case 'GT': return (v) => v > c;
    case 'GE': return (v) => v >= c;
  }
}

export function int64ColumnTest(pred: Pred, field: string): ((value: unknown) => boolean) | undefined {
  const items = pred.k === 'and' ? pred.items : [pred];
  const bounds = items.map((item) => bound(item, field));
  if (bounds.length === 0 || bounds.some((b) => b === undefined)) return undefined;
  const tests = (bounds as Bound[]).map(test1);
  if (tests.length === 1) {
    const a = tests[0] as (v: bigint) => boolean;
    return (v) => typeof v === 'bigint' && a(v);
  }
  if (tests.length === 2) {
    const [a, b] = tests as [(v: bigint) => boolean, (v: bigint) => boolean];
    return (v) => typeof v === 'bigint' && a(v) && b(v);
  }
  return (v) => typeof v === 'bigint' && tests.every((t) => t(v));
}
