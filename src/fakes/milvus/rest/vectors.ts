/**
 * What a REST v2 search targets: the vector field (`annsField`, or the only one), the query vectors in
 * a form the service takes (number arrays, base64 for Binary/Float16/BFloat16, sparse maps) checked as
 * convertQueries2Placeholder checks them (code 1801), and primary keys for search by ids.
 */
import type { Collection } from '../engine/collection.js';
import { isVectorType } from '../schema/data-types.js';
import { RestCodes, RestError } from './envelope.js';
import { goJson } from './json.js';
import type { FieldDef } from '../schema/index.js';
import { Codes } from '../errors/status.js';
import type { PrimaryKey } from '../storage/table.js';

const formatError = (detail: string) =>
  new RestError(RestCodes.incorrectParameterFormat, `can only accept json format request, error: ${detail}`);

/** The vector field a search targets: `annsField`, else the only vector field. */
export function annsFieldOf(collection: Collection, annsField: string): FieldDef {
  const vectors = collection.schema.fields.filter((f) => isVectorType(f.type));
  if (!annsField) {
    if (vectors.length > 1) {
      throw formatError(
        `search without annsField, but already found multiple vector fields: [${vectors[0]?.name}, ${vectors[1]?.name},,,]: invalid parameter`,
      );
    }
    if (vectors[0]) return vectors[0];
  }
  const found = vectors.find((f) => f.name === annsField);
  if (!found) throw formatError(`cannot find a vector field: field not found[field=${annsField}]`);
  return found;
}

/** convertQueries2Placeholder: query vectors in a form the service takes, with the REST layer's checks. */
export function queryVectors(field: FieldDef, data: readonly unknown[]): unknown[] {
  const raw = goJson(data);
  const dim = field.dim ?? 0;
  const wrong = (message: string): never => {
    throw formatError(`${message}: invalid parameter[expected=${field.type}][actual=${raw}]`);
  };
  return data.map((vector) => {
    // A BM25 function output field takes raw text (convertQueries2Placeholder's VarChar placeholder).
    if (field.isFunctionOutput) return typeof vector === 'string' ? vector : wrong('invalid text for a function output field');
    if (field.type === 'SparseFloatVector')
      return typeof vector === 'object' && vector !== null && !Array.isArray(vector)
        ? vector
        : wrong('invalid sparse float vector');
    if (typeof vector === 'string' && field.type !== 'FloatVector' && field.type !== 'Int8Vector') {
      const bytes = Buffer.from(vector, 'base64');
      const expected = field.type === 'BinaryVector' ? dim / 8 : dim * 2;
      if (bytes.length !== expected)
        wrong(`dimension: ${dim}, bytesLen: ${expected}, but length of []byte: ${bytes.length}`);
      const copy = new Uint8Array(bytes);
      return field.type === 'BinaryVector' ? copy : new Uint16Array(copy.buffer);
    }
    if (!Array.isArray(vector) || !vector.every((x) => typeof x === 'number'))
      return wrong('invalid vector: expected an array of numbers');
    const expected = field.type === 'BinaryVector' ? dim / 8 : dim;
    if (vector.length !== expected) wrong(`dimension: ${dim}, but length of []float: ${vector.length}`);
    return vector;
  });
}

/** convertIDsToSchemapbIDs: ids in the primary key's type. */
export function searchIds(collection: Collection, ids: readonly unknown[]): PrimaryKey[] {
  const pk = collection.schema.fields.find((f) => f.isPrimaryKey);
  return ids.map((id, i) => {
    if (pk?.type === 'VarChar') {
      if (typeof id !== 'string')
        throw new RestError(
          Codes.parameterInvalid,
          `invalid parameter, error: invalid id type at index ${i}: expected a string, got ${goJson(id)}: invalid parameter`,
        );
      if (id === '')
        throw new RestError(
          Codes.parameterInvalid,
          `invalid parameter, error: empty string id at index ${i}: invalid parameter`,
        );
      return id;
    }
    if (typeof id === 'bigint' || (typeof id === 'number' && Number.isInteger(id))) return BigInt(id);
    if (typeof id === 'string' && /^-?\d+$/.test(id)) return BigInt(id);
    throw new RestError(
      Codes.parameterInvalid,
      `invalid parameter, error: invalid id type at index ${i}: expected an integer, got ${goJson(id)}: invalid parameter`,
    );
  });
}
