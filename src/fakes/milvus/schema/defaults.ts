/**
 * Default values: accepted only for scalar types, checked against the field's type and limits, and
 * kept in the in-memory representation (Int64 as bigint).
 */
import { INTEGER_BOUNDS, isVectorType, type DataTypeName } from './data-types.js';
import { errors } from '../errors/status.js';
import { isGeometryValue, parseGeometry, WktError } from '../geometry/index.js';
import { DEFAULT_TIMEZONE, parseTimestamptz } from './timestamptz.js';

interface DefaultTarget {
  readonly name: string;
  readonly type: DataTypeName;
  readonly isPrimaryKey: boolean;
  readonly maxLength?: number;
}

function mismatch(field: DefaultTarget, given: string): never {
  throw errors.invalidParameter(
    `type (${field.type}) of field (${field.name}) is not equal to the type(${given}) of default_value`,
  );
}

/** Converts a caller-given default into the stored representation, or throws a Milvus-style error. */
export function coerceDefaultValue(field: DefaultTarget, raw: unknown): unknown {
  if (field.isPrimaryKey) throw errors.invalidParameter('primary key can\'t be with default value');
  if (isVectorType(field.type) || field.type === 'Array' || field.type === 'JSON') {
    throw errors.invalidParameter(`${field.type} field ${field.name} does not support default value`);
  }
  switch (field.type) {
    case 'Bool':
      return typeof raw === 'boolean' ? raw : mismatch(field, typeof raw);
    case 'Int8':
    case 'Int16':
    case 'Int32': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n)) return mismatch(field, typeof raw);
      const [lo, hi] = INTEGER_BOUNDS[field.type];
      if (n < lo || n > hi) throw errors.invalidParameter(`the default value ${n} of field (${field.name}) out of range: [${lo}, ${hi}]`);
      return n;
    }
    case 'Int64': {
      if (typeof raw === 'bigint') return raw;
      if (typeof raw === 'number' && Number.isInteger(raw)) return BigInt(raw);
      if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return BigInt(raw);
      return mismatch(field, typeof raw);
    }
    case 'Timestamptz':
      // The SDK sends UTC microseconds (timestamptz_data); a string is read as ISO 8601, naive ones in
      // UTC (timestamptz.CheckAndRewriteTimestampTzDefaultValue uses the collection zone).
      if (typeof raw === 'bigint') return raw;
      if (typeof raw === 'number' && Number.isInteger(raw)) return BigInt(raw);
      if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return BigInt(raw);
      if (typeof raw === 'string') return parseTimestamptz(raw, DEFAULT_TIMEZONE);
      return mismatch(field, typeof raw);
    case 'Float':
      return typeof raw === 'number' ? Math.fround(raw) : mismatch(field, typeof raw);
    case 'Double':
      return typeof raw === 'number' ? raw : mismatch(field, typeof raw);
    case 'VarChar':
    case 'String': {
      if (typeof raw !== 'string') return mismatch(field, typeof raw);
      const length = Buffer.byteLength(raw, 'utf8');
      if (field.maxLength !== undefined && length > field.maxLength) {
        throw errors.invalidParameter(`the length (${length}) of string exceeds max length (${field.maxLength})`);
      }
      return raw;
    }
    case 'Geometry':
      // The default is WKT text, stored like an inserted value (normalized, parsed once).
      if (typeof raw !== 'string' && !isGeometryValue(raw)) return mismatch(field, typeof raw);
      try {
        return isGeometryValue(raw) ? raw : parseGeometry(raw);
      } catch (error) {
        if (error instanceof WktError) throw errors.invalidParameter(`invalid Geometry data, transform to wkb failed: ${error.detail}`);
        throw error;
      }
    default:
      return mismatch(field, typeof raw);
  }
}
