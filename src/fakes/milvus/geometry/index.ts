/** Geometry values (WKT in, normalized WKT out) and the spatial predicates of Milvus' filter language. */
export { formatNumber, formatWkt } from './wkt.js';
export { GeometryValue, isGeometryValue, parseGeom, parseGeometry, WktError } from './value.js';
export { dwithinTest, haversineMeters, spatialTest, type GeomTest, type SpatialOp } from './predicates.js';
export type { Geom } from './jsts.js';
