/**
 * The spatial filter functions of Milvus 2.6 (`planpb.GISFunctionFilterExpr`), evaluated as segcore does
 * with GEOS: `ST_CONTAINS(field, wkt)` is "the row's geometry contains wkt", and so on for the OGC
 * predicates; `ST_DWITHIN(field, 'POINT (lon lat)', meters)` measures great-circle distance.
 */
import type { Geom } from './jsts.js';

export type SpatialOp = 'equals' | 'touches' | 'overlaps' | 'crosses' | 'contains' | 'intersects' | 'within';

/** Mean Earth radius of the Haversine formula segcore uses for point-to-point distance. */
const EARTH_RADIUS_M = 6371000;
/** Meters per degree of longitude at the equator, for distances GEOS measures in degrees. */
const METERS_PER_DEGREE = 111320;

const rad = (deg: number) => (deg * Math.PI) / 180;

export function haversineMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

/** A one-row test against a fixed query geometry. */
export type GeomTest = (row: Geom) => boolean;

/**
 * @example
 * spatialTest('within', readWkt('POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))'))(readWkt('POINT (1 1)')); // true
 */
export function spatialTest(op: SpatialOp, query: Geom): GeomTest {
  const box = query.getEnvelopeInternal();
  // A bounding-box miss decides intersects/within/contains/overlaps/crosses/touches/equals at once
  // (every one of them needs the two geometries to share a point), as the RTREE index prefilters.
  const near = (row: Geom) => row.getEnvelopeInternal().intersects(box);
  switch (op) {
    case 'equals':
      return (row) => near(row) && row.equalsTopo(query);
    case 'touches':
      return (row) => near(row) && row.touches(query);
    case 'overlaps':
      return (row) => near(row) && row.overlaps(query);
    case 'crosses':
      return (row) => near(row) && row.crosses(query);
    case 'contains':
      return (row) => near(row) && row.contains(query);
    case 'intersects':
      return (row) => near(row) && row.intersects(query);
    case 'within':
      return (row) => near(row) && row.within(query);
  }
}

/**
 * ST_DWITHIN: point rows use the Haversine distance to the query point; other geometries use the planar
 * distance in degrees scaled to meters at the query point's latitude.
 */
export function dwithinTest(point: Geom, meters: number): GeomTest {
  const c = point.getCoordinate();
  if (!c) return () => false;
  const scale = METERS_PER_DEGREE * Math.sqrt((1 + Math.cos(rad(c.y)) ** 2) / 2);
  return (row) => {
    if (row.isEmpty()) return false;
    if (row.getGeometryType() === 'Point') {
      const p = row.getCoordinate() as { x: number; y: number };
      return haversineMeters(c.x, c.y, p.x, p.y) <= meters;
    }
    return row.distance(point) * scale <= meters;
  };
}
