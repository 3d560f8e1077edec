/**
 * Compiles a checked predicate into closures.
 *
 * Null handling follows segcore's bitmaps rather than SQL: every result carries a value bit and a "valid"
 * bit; comparisons on a null field are (false, invalid); `and`/`or` combine values and OR the valid bits;
 * `not` flips the value and then masks it with the valid bit (LogicalUnaryExpr / LogicalBinaryExpr.cpp).
 * So `not (x > 1)` skips rows where x is null, while `not (x > 1 and y > 1)` with y non-null keeps them.
 * Outside any `not` the valid bit cannot change the outcome, so those subtrees compile to plain booleans.
 */
import { compileLeaf, type Test } from './compile-leaf.js';
import type { RowAccessor } from './types.js';
import type { Pred } from './plan.js';

/** Three-valued result: invalid (null involved), false, true. */
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
type Tri = typeof NULL | typeof FALSE | typeof TRUE;
type TriTest = (row: RowAccessor) => Tri;

export function compileBool(p: Pred): Test {
  switch (p.k) {
    case 'const': {
      const value = p.value;
      return () => value;
    }
    case 'and': {
      const items = p.items.map(compileBool);
      if (items.length === 2) {
        const [left, right] = items as [Test, Test];
        return (row) => left(row) && right(row);
      }
      return (row) => items.every((item) => item(row));
    }
    case 'or': {
      const items = p.items.map(compileBool);
      if (items.length === 2) {
        const [left, right] = items as [Test, Test];
        return (row) => left(row) || right(row);
      }
      return (row) => items.some((item) => item(row));
    }
    case 'not': {
      const child = compileTri(p.child);
      return (row) => child(row) === FALSE;
    }
    default:
      return compileLeaf(p).test;
  }
}

function compileTri(p: Pred): TriTest {
  switch (p.k) {
    case 'const': {
      const value: Tri = p.value ? TRUE : FALSE;
      return () => value;
    }
    case 'and': {
      // True only if all are true; invalid only if all are invalid; otherwise false.
      const items = p.items.map(compileTri);
      return (row) => {
        let allNull = true;
        let allTrue = true;
        for (const item of items) {
          const value = item(row);
          if (value === FALSE) return FALSE;
          if (value !== NULL) allNull = false;
          if (value !== TRUE) allTrue = false;
        }
        return allTrue ? TRUE : allNull ? NULL : FALSE;
      };
    }
    case 'or': {
      // True if any is true; invalid only if all are invalid; otherwise false.
      const items = p.items.map(compileTri);
      return (row) => {
        let allNull = true;
        for (const item of items) {
          const value = item(row);
          if (value === TRUE) return TRUE;
          if (value !== NULL) allNull = false;
        }
        return allNull ? NULL : FALSE;
      };
    }
    case 'not': {
      const child = compileTri(p.child);
      return (row) => {
        const value = child(row);
        return value === NULL ? NULL : value === TRUE ? FALSE : TRUE;
      };
    }
    default: {
      const { test, valid } = compileLeaf(p);
      if (!valid) return (row) => (test(row) ? TRUE : FALSE);
      return (row) => (!valid(row) ? NULL : test(row) ? TRUE : FALSE);
    }
  }
}
