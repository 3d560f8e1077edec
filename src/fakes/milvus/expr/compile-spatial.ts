/**
 * Spatial leaves: the row's stored geometry (parsed once, at insert) against the query geometry parsed
 * once, at planning. A null row is false here and invalid for `not` (compile.ts), so it never matches.
 */
import { dwithinTest, isGeometryValue, spatialTest, type Geom, type GeomTest } from '../geometry/index.js';
import { getter, type Test } from './access.js';
import type { Pred } from './plan.js';

export function spatialLeaf(p: Extract<Pred, { k: 'spatial' }>): Test {
  const get = getter(p.col);
  const test = geomTest(p);
  return (row) => {
    const value = get(row);
    return isGeometryValue(value) && test(value.geometry);
  };
}

function geomTest(p: Extract<Pred, { k: 'spatial' }>): GeomTest {
  if (p.op === 'isvalid') return (g) => g.isValid();
  const query = p.query as Geom;
  if (p.op === 'dwithin') return dwithinTest(query, p.distance ?? 0);
  return spatialTest(p.op, query);
}
