/**
 * Checking a seed before anything starts: its shape (valibot: every problem with its key path, unknown keys
 * included) and then a dry run on a throwaway service, so what Milvus itself would refuse (an unknown
 * data type, a row without its primary key) is found with the collection that holds it, instead of a
 * container that exits while its caller waits for it to become healthy.
 */
import * as v from 'valibot';
import { FixedClock } from '../../../common/clock.js';
import { FakecontainersError } from '../../../common/errors.js';
import { assertShape, type SameKeys } from '../../../common/shape.js';
import type { FieldInput, FunctionInput, SchemaInput } from '../schema/index.js';
import { applySeed, type SeedCollection, type SeedDescription, type SeedIndex } from './seed.js';
import { MilvusService } from './service.js';

const scalar = v.union([v.string(), v.number(), v.boolean()]);
const row = v.record(v.string(), v.unknown());

const fieldSchema = v.strictObject({
  name: v.string(),
  dataType: v.union([v.string(), v.number()]),
  elementType: v.optional(v.union([v.string(), v.number()])),
  description: v.optional(v.string()),
  isPrimaryKey: v.optional(v.boolean()),
  autoID: v.optional(v.boolean()),
  nullable: v.optional(v.boolean()),
  defaultValue: v.optional(v.unknown()),
  typeParams: v.optional(v.record(v.string(), scalar)),
  isPartitionKey: v.optional(v.boolean()),
  isClusteringKey: v.optional(v.boolean()),
  isFunctionOutput: v.optional(v.boolean()),
  isDynamic: v.optional(v.boolean()),
});

const functionSchema = v.strictObject({
  name: v.string(),
  type: v.string(),
  description: v.optional(v.string()),
  inputFieldNames: v.array(v.string()),
  outputFieldNames: v.array(v.string()),
  params: v.optional(v.record(v.string(), v.string())),
});

const structFieldSchema = v.strictObject({
  name: v.string(),
  description: v.optional(v.string()),
  nullable: v.optional(v.boolean()),
  typeParams: v.optional(v.record(v.string(), scalar)),
  fields: v.array(fieldSchema),
});

const schemaInputSchema = v.strictObject({
  description: v.optional(v.string()),
  enableDynamicField: v.optional(v.boolean()),
  fields: v.array(fieldSchema),
  structFields: v.optional(v.array(structFieldSchema)),
  functions: v.optional(v.array(functionSchema)),
});

const indexSchema = v.strictObject({
  fieldName: v.string(),
  indexName: v.optional(v.string()),
  indexType: v.optional(v.string()),
  metricType: v.optional(v.string()),
  params: v.optional(v.record(v.string(), v.unknown())),
});

const collectionSchema = v.strictObject({
  database: v.optional(v.string()),
  name: v.string(),
  schema: v.optional(schemaInputSchema),
  dimension: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  metricType: v.optional(v.string()),
  idType: v.optional(v.picklist(['Int64', 'VarChar'])),
  autoId: v.optional(v.boolean()),
  consistencyLevel: v.optional(v.string()),
  shardsNum: v.optional(v.pipe(v.number(), v.integer())),
  numPartitions: v.optional(v.pipe(v.number(), v.integer())),
  properties: v.optional(v.record(v.string(), v.string())),
  partitions: v.optional(v.array(v.string())),
  indexes: v.optional(v.array(indexSchema)),
  aliases: v.optional(v.array(v.string())),
  rows: v.optional(v.array(row)),
  partitionRows: v.optional(v.record(v.string(), v.array(row))),
  load: v.optional(v.boolean()),
});

export const seedSchema = v.strictObject({
  databases: v.optional(v.array(v.strictObject({ name: v.string(), properties: v.optional(v.record(v.string(), v.string())) }))),
  collections: v.optional(v.array(collectionSchema)),
});

const _keys: [
  SameKeys<SeedDescription, v.InferOutput<typeof seedSchema>>,
  SameKeys<SeedCollection, v.InferOutput<typeof collectionSchema>>,
  SameKeys<SeedIndex, v.InferOutput<typeof indexSchema>>,
  SameKeys<SchemaInput, v.InferOutput<typeof schemaInputSchema>>,
  SameKeys<FieldInput, v.InferOutput<typeof fieldSchema>>,
  SameKeys<FunctionInput, v.InferOutput<typeof functionSchema>>,
] = [true, true, true, true, true, true];
void _keys;

/**
 * Returns the seed when a fresh Milvus would take it; else throws INVALID_CONFIG naming every shape
 * problem, or the first thing Milvus refuses and the collection it belongs to.
 *
 * @example
 * validateSeed(JSON.parse(readFileSync('seed.json', 'utf8')), 'seed file seed.json');
 */
export function validateSeed(seed: unknown, what = 'Milvus seed'): SeedDescription {
  const checked = assertShape(seedSchema, seed, what) as SeedDescription;
  const service = new MilvusService({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  try {
    applySeed(service, { databases: checked.databases ?? [] });
  } catch (error) {
    throw new FakecontainersError('INVALID_CONFIG', `${what}: databases: ${(error as Error).message}`, { cause: error });
  }
  for (const [i, collection] of (checked.collections ?? []).entries()) {
    try {
      applySeed(service, { collections: [collection] });
    } catch (error) {
      throw new FakecontainersError('INVALID_CONFIG', `${what}: collections[${i}] (${JSON.stringify(collection.name)}): ${(error as Error).message}`, { cause: error });
    }
  }
  return checked;
}
