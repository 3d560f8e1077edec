import { fail } from './errors.js';
import { foldedConst, type Typed } from './typed.js';

/**
 * `and`/`or`. Boolean constants fold away (`true and x` is `x`), as in Milvus 2.6+; anything else must
 * already be a predicate, which is why a bare Bool field is not accepted (`flag and x > 1`).
 */
export function logical(op: 'AND' | 'OR', left: Typed, right: Typed): Typed {
  const name = op === 'AND' ? 'and' : 'or';
  if (left.k === 'const' && right.k === 'const') {
    if (left.c.t !== 'Bool' || right.c.t !== 'Bool') return fail(`${name} can only apply on boolean`);
    return foldedConst({ t: 'Bool', v: op === 'AND' ? left.c.v && right.c.v : left.c.v || right.c.v });
  }
  const invalid = (t: Typed) => (t.k === 'const' ? t.c.t !== 'Bool' : t.k !== 'pred');
  if (invalid(left) || invalid(right)) return fail(`'${name}' can only be used between boolean expressions`);
  if (left.k === 'const' || right.k === 'const') {
    const constant = (left.k === 'const' ? left : right) as Extract<Typed, { k: 'const' }>;
    const other = left.k === 'const' ? right : left;
    const absorbing = constant.c.v === (op === 'OR');
    return absorbing ? foldedConst({ t: 'Bool', v: op === 'OR' }) : other;
  }
  if (left.k !== 'pred' || right.k !== 'pred') return fail(`'${name}' can only be used between boolean expressions`);
  const kind = op === 'AND' ? 'and' : 'or';
  const items = [left.p, right.p].flatMap((p) => (p.k === kind ? p.items : [p]));
  return { k: 'pred', p: { k: kind, items } };
}
