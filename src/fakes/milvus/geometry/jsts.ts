/**
 * The one door to jsts (a JavaScript port of JTS, the Java original of GEOS, which Milvus' segcore uses).
 * jsts ships generated typings without the predicate methods its `monkey.js` adds, so this module
 * states the small surface the fake uses and casts once, here.
 */
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import WKTReader from 'jsts/org/locationtech/jts/io/WKTReader.js';
import 'jsts/org/locationtech/jts/monkey.js';

export interface Coordinate {
  readonly x: number;
  readonly y: number;
  /** NaN for 2-D coordinates. */
  readonly z: number;
}

export interface Envelope {
  getMinX(): number;
  getMaxX(): number;
  getMinY(): number;
  getMaxY(): number;
  intersects(other: Envelope): boolean;
  isNull(): boolean;
}

/** A parsed geometry, with the OGC predicates of JTS (DE-9IM, as GEOS computes them). */
export interface Geom {
  getGeometryType(): string;
  isEmpty(): boolean;
  getNumGeometries(): number;
  getGeometryN(n: number): Geom;
  getCoordinates(): Coordinate[];
  getCoordinate(): Coordinate | null;
  getEnvelopeInternal(): Envelope;
  getExteriorRing(): Geom;
  getNumInteriorRing(): number;
  getInteriorRingN(n: number): Geom;
  equalsTopo(other: Geom): boolean;
  touches(other: Geom): boolean;
  overlaps(other: Geom): boolean;
  crosses(other: Geom): boolean;
  contains(other: Geom): boolean;
  intersects(other: Geom): boolean;
  within(other: Geom): boolean;
  isValid(): boolean;
  distance(other: Geom): number;
}

const reader = new WKTReader(new GeometryFactory());

/** Parses WKT (keywords case-insensitive); throws jsts' own error for malformed text. */
export function readWkt(text: string): Geom {
  return reader.read(text) as unknown as Geom;
}
