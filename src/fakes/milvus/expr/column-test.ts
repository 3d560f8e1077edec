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
    const [op] = bounds[0] as Bound;
    // Skipping the type check is safe when a null cannot pass: `===` never matches null, and a
    // relational compare reads null as 0n, so it is only a risk when 0n itself passes.
    if (op === 'EQ' || (op !== 'NE' && !a(0n))) return a as (value: unknown) => boolean;
    return (v) => typeof v === 'bigint' && a(v);
  }
  if (tests.length === 2) {
    const range = rangeTest(bounds as Bound[]);
    if (range) return range;
    const [a, b] = tests as [(v: bigint) => boolean, (v: bigint) => boolean];
    return (v) => typeof v === 'bigint' && a(v) && b(v);
  }
  return (v) => typeof v === 'bigint' && tests.every((t) => t(v));
}

/**
 * `lo <(=) v <(=) hi` written out: one closure with both comparisons inline, since a range is the
 * commonest two-bound filter and per-row calls through two nested closures cost more than the compares.
 */
function rangeTest(bounds: readonly Bound[]): ((value: unknown) => boolean) | undefined {
  const lower = bounds.find(([op]) => op === 'GE' || op === 'GT');
  const upper = bounds.find(([op]) => op === 'LE' || op === 'LT');
  if (!lower || !upper) return undefined;
  const lo = lower[1];
  const hi = upper[1];
  // A relational compare reads null as 0n: the per-row type check (a measurable share of a scan) is
  // needed only when 0n lies inside the range.
  const zeroInside = (lower[0] === 'GE' ? 0n >= lo : 0n > lo) && (upper[0] === 'LT' ? 0n < hi : 0n <= hi);
  if (!zeroInside) {
    if (lower[0] === 'GE') return upper[0] === 'LT' ? (v) => (v as bigint) >= lo && (v as bigint) < hi : (v) => (v as bigint) >= lo && (v as bigint) <= hi;
    return upper[0] === 'LT' ? (v) => (v as bigint) > lo && (v as bigint) < hi : (v) => (v as bigint) > lo && (v as bigint) <= hi;
  }
  if (lower[0] === 'GE') {
    return upper[0] === 'LT'
      ? (v) => typeof v === 'bigint' && v >= lo && v < hi
      : (v) => typeof v === 'bigint' && v >= lo && v <= hi;
  }
  return upper[0] === 'LT'
    ? (v) => typeof v === 'bigint' && v > lo && v < hi
    : (v) => typeof v === 'bigint' && v > lo && v <= hi;
}
