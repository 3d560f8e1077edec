import { describe, expect, test } from 'vitest';
import { dwithinTest, formatNumber, parseGeom, parseGeometry, spatialTest, WktError } from './index.js';

describe('WKT output in go-geom spelling (encoding/wkt, strconv.FormatFloat(x, \'f\', -1, 64))', () => {
  test.each([
    ['point(1 2)', 'POINT (1 2)'],
    ['POINT(13.399710 52.518010)', 'POINT (13.39971 52.51801)'],
    ['linestring(0 0,1 1)', 'LINESTRING (0 0, 1 1)'],
    ['POLYGON((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))', 'POLYGON ((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))'],
    ['MULTIPOINT((0 0), (1 1))', 'MULTIPOINT (0 0, 1 1)'],
    ['MULTILINESTRING((0 0, 1 1), (2 2, 3 3))', 'MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))'],
    ['MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))', 'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))'],
    ['GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))', 'GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))'],
    ['POINT EMPTY', 'POINT EMPTY'],
    ['POINT Z(1 2 3)', 'POINT Z (1 2 3)'],
  ])('%s → %s', (input, output) => {
    expect(parseGeometry(input).wkt).toBe(output);
  });

  test.each([
    [1e-7, '0.0000001'],
    [1.5e21, '1500000000000000000000'],
    [-2.5e-8, '-0.000000025'],
    [-0, '0'],
    [123.456, '123.456'],
  ])('formatNumber(%s) = %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  test('malformed WKT is a WktError carrying the parser detail', () => {
    expect(() => parseGeometry('POINT(1)')).toThrow(WktError);
    expect(() => parseGeometry('CIRCLE(1 1)')).toThrow(/CIRCLE/);
  });
});

describe('predicates', () => {
  const square = parseGeom('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))');
  test('a bounding-box miss and a hit agree with JTS', () => {
    expect(spatialTest('within', square)(parseGeom('POINT(5 5)'))).toBe(true);
    expect(spatialTest('within', square)(parseGeom('POINT(50 5)'))).toBe(false);
    expect(spatialTest('touches', square)(parseGeom('POINT(10 5)'))).toBe(true);
  });

  test('ST_DWITHIN: points by Haversine; other shapes by degrees scaled at the query latitude', () => {
    const origin = parseGeom('POINT(0 0)');
    // One degree of longitude on the equator: 2πR/360 = 111194.93 m with R = 6371000.
    expect(dwithinTest(origin, 111195)(parseGeom('POINT(1 0)'))).toBe(true);
    expect(dwithinTest(origin, 111194)(parseGeom('POINT(1 0)'))).toBe(false);
    // A line one degree away at latitude 0: 1 × 111320 × sqrt((1 + cos²0)/2) = 111320 m.
    const line = parseGeom('LINESTRING(1 -1, 1 1)');
    expect(dwithinTest(origin, 111320)(line)).toBe(true);
    expect(dwithinTest(origin, 111319)(line)).toBe(false);
  });
});
