/**
 * Geometry cells on the way in: the WKT text a client sends becomes a {@link GeometryValue}. The proxy
 * converts each WKT to WKB before storing it and refuses the whole insert on the first bad one
 * (`internal/proxy/validate_util.go`, checkGeometryData: `merr.WrapErrParameterInvalidMsg("invalid
 * Geometry data, transform to wkb failed: %s", err)`); the detail text is jsts' parser message where
 * Milvus prints go-geom's.
 */
import { GeometryValue, parseGeometry, WktError } from '../geometry/index.js';
import { errors } from '../errors/status.js';

export function toGeometryValue(value: unknown): GeometryValue {
  if (value instanceof GeometryValue) return value;
  try {
    return parseGeometry(String(value));
  } catch (error) {
    if (error instanceof WktError) throw errors.invalidParameter(`invalid Geometry data, transform to wkb failed: ${error.detail}`);
    throw error;
  }
}
