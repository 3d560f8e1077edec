/**
 * The in-memory form of a Geometry value: the normalized WKT the server hands back, with the parsed
 * geometry kept beside it so filters never parse a row twice. Real Milvus stores WKB (the proxy converts
 * the WKT clients send) and prints it back as WKT, so `point(1 2)` comes back as `POINT (1 2)`.
 */
import { readWkt, type Geom } from './jsts.js';
import { formatWkt } from './wkt.js';

export class GeometryValue {
  constructor(
    /** Normalized WKT (go-geom's spelling). */
    readonly wkt: string,
    readonly geometry: Geom,
  ) {}

  toString(): string {
    return this.wkt;
  }

  toJSON(): string {
    return this.wkt;
  }
}

/** A WKT text the parser refused; `detail` is the parser's own message. */
export class WktError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'WktError';
  }
}

/** Parses WKT into a geometry; throws WktError. */
export function parseGeom(text: string): Geom {
  try {
    return readWkt(text);
  } catch (error) {
    throw new WktError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * @example
 * parseGeometry('point(1 2)').wkt; // 'POINT (1 2)'
 */
export function parseGeometry(text: string): GeometryValue {
  const geometry = parseGeom(text);
  return new GeometryValue(formatWkt(geometry), geometry);
}

export function isGeometryValue(value: unknown): value is GeometryValue {
  return value instanceof GeometryValue;
}
