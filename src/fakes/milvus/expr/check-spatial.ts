/**
 * The spatial functions of Milvus 2.6 (`ST_EQUALS`, `ST_TOUCHES`, `ST_OVERLAPS`, `ST_CROSSES`,
 * `ST_CONTAINS`, `ST_INTERSECTS`, `ST_WITHIN`, `ST_DWITHIN`, `ST_ISVALID`), checked as planparserv2's
 * `parser_visitor.go` does in VisitSpatialBinary / VisitSTDWithin / VisitSTIsValid: the field must be a
 * Geometry field, the WKT literal must parse (checkValidWKT; ST_DWITHIN wants a POINT, checkValidPoint),
 * and the ST_DWITHIN distance must be a non-negative numeric constant.
 */
import { parseGeom, WktError, type Geom, type SpatialOp } from '../geometry/index.js';
import type { Node } from './ast.js';
import type { CheckerHost } from './checker-host.js';
import { fail } from './errors.js';
import type { Typed } from './typed.js';

const BINARY: Readonly<Record<string, SpatialOp>> = {
  st_equals: 'equals',
  st_touches: 'touches',
  st_overlaps: 'overlaps',
  st_crosses: 'crosses',
  st_contains: 'contains',
  st_intersects: 'intersects',
  st_within: 'within',
};

/** The literal's text between its quotes; the real visitor slices the token the same way (no unescaping). */
function unquote(token: string): string {
  return token.slice(1, -1);
}

function geometryOf(text: string): Geom {
  try {
    return parseGeom(text);
  } catch (error) {
    // checkValidWKT's own wording was not available; the fake names the literal and the parser's reason.
    if (error instanceof WktError) return fail(`invalid WKT: ${text}, error: ${error.detail}`);
    throw error;
  }
}

export function checkSpatial(ch: CheckerHost, node: Extract<Node, { k: 'spatial' }>): Typed {
  const column = ch.check({ k: 'ident', name: node.field, span: node.span });
  const col = column.k === 'column' && column.col.type === 'Geometry' && column.col.path.length === 0 ? column.col : undefined;
  if (!col) {
    const what = node.fn === 'st_isvalid' ? 'STIsValid' : node.fn === 'st_dwithin' ? 'ST_DWITHIN' : 'spatial';
    return fail(`${what} operation are only supported on geometry fields now, got: ${ch.text(node)}`);
  }
  if (node.fn === 'st_isvalid') return { k: 'pred', p: { k: 'spatial', col, op: 'isvalid' } };
  const query = geometryOf(unquote(node.wkt ?? "''"));
  const op = BINARY[node.fn];
  if (op) return { k: 'pred', p: { k: 'spatial', col, op, query } };
  if (query.getGeometryType() !== 'Point') return fail(`ST_DWITHIN requires a POINT geometry, got: ${query.getGeometryType().toUpperCase()}`);
  const distanceNode = node.distance as Node;
  const distance = ch.check(distanceNode);
  if (distance.k !== 'const') {
    return fail(`distance parameter must be a constant numeric value, got: ${ch.text(distanceNode)}`);
  }
  if (distance.c.t !== 'Int64' && distance.c.t !== 'Double') {
    return fail(`distance parameter must be a numeric value (int or float), got: ${ch.text(distanceNode)}`);
  }
  const meters = Number(distance.c.v);
  // Go's %f: six decimals.
  if (meters < 0) return fail(`distance parameter must be non-negative, got: ${meters.toFixed(6)}`);
  return { k: 'pred', p: { k: 'spatial', col, op: 'dwithin', query, distance: meters } };
}
