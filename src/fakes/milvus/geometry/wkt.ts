/**
 * WKT output in go-geom's encoding (`github.com/twpayne/go-geom/encoding/wkt`, which Milvus' proxy and
 * segcore use to turn stored WKB back into text): the type name, a space, then the coordinates;
 * `POINT (1 2)`, `LINESTRING (0 0, 1 1)`, `POLYGON ((0 0, 1 0, 1 1, 0 0))`, `MULTIPOINT (0 0, 1 1)`,
 * `GEOMETRYCOLLECTION (POINT (1 2))`, `POINT EMPTY`, `POINT Z (1 2 3)`. Numbers are written as Go's
 * `strconv.FormatFloat(x, 'f', -1, 64)`: the shortest exact digits, never an exponent.
 */
import type { Coordinate, Geom } from './jsts.js';

/** Shortest round-trip decimal without exponent (Go's 'f' format with precision -1). */
export function formatNumber(x: number): string {
  if (Object.is(x, -0)) return '0';
  const text = String(x);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const plain =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  Point: 'POINT',
  LineString: 'LINESTRING',
  LinearRing: 'LINESTRING',
  Polygon: 'POLYGON',
  MultiPoint: 'MULTIPOINT',
  MultiLineString: 'MULTILINESTRING',
  MultiPolygon: 'MULTIPOLYGON',
  GeometryCollection: 'GEOMETRYCOLLECTION',
};

function hasZ(g: Geom): boolean {
  const c = g.getCoordinate();
  return c !== null && !Number.isNaN(c.z);
}

function coordinate(c: Coordinate, z: boolean): string {
  const xy = `${formatNumber(c.x)} ${formatNumber(c.y)}`;
  return z ? `${xy} ${formatNumber(Number.isNaN(c.z) ? 0 : c.z)}` : xy;
}

function sequence(g: Geom, z: boolean): string {
  return `(${g.getCoordinates().map((c) => coordinate(c, z)).join(', ')})`;
}

function polygonBody(g: Geom, z: boolean): string {
  const rings = [sequence(g.getExteriorRing(), z)];
  for (let i = 0; i < g.getNumInteriorRing(); i++) rings.push(sequence(g.getInteriorRingN(i), z));
  return `(${rings.join(', ')})`;
}

function body(g: Geom, type: string, z: boolean): string {
  switch (type) {
    case 'Point':
    case 'LineString':
    case 'LinearRing':
      return sequence(g, z);
    case 'Polygon':
      return polygonBody(g, z);
    case 'MultiPoint':
      return `(${children(g).map((p) => (p.isEmpty() ? 'EMPTY' : coordinate(p.getCoordinates()[0] as Coordinate, z))).join(', ')})`;
    case 'MultiLineString':
      return `(${children(g).map((l) => (l.isEmpty() ? 'EMPTY' : sequence(l, z))).join(', ')})`;
    case 'MultiPolygon':
      return `(${children(g).map((p) => (p.isEmpty() ? 'EMPTY' : polygonBody(p, z))).join(', ')})`;
    default:
      return `(${children(g).map(formatWkt).join(', ')})`;
  }
}

function children(g: Geom): Geom[] {
  return Array.from({ length: g.getNumGeometries() }, (_, i) => g.getGeometryN(i));
}

/**
 * @example
 * formatWkt(readWkt('point(13.39971 52.51801)')); // 'POINT (13.39971 52.51801)'
 */
export function formatWkt(g: Geom): string {
  const type = g.getGeometryType();
  const name = TYPE_NAMES[type] ?? type.toUpperCase();
  if (g.isEmpty()) return `${name} EMPTY`;
  const z = hasZ(g);
  return `${name}${z ? ' Z' : ''} ${body(g, type, z)}`;
}
