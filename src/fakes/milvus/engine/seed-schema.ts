/**
 * Checking a seed before anything starts: its shape (zod: every problem with its key path, unknown keys
 * included) and then a dry run on a throwaway service, so what Milvus itself would refuse (an unknown
 * data type, a row without its primary key) is found with the collection that holds it, instead of a
 * container that exits while its caller waits for it to become healthy.
 */
import { z } from 'zod';
import { FixedClock } from '../../../common/clock.js';
import { FakecontainersError } from '../../../common/errors.js';
import { assertShape, type SameKeys } from '../../../common/shape.js';
import type { FieldInput, FunctionInput, SchemaInput } from '../schema/index.js';
import { applySeed, type SeedCollection, type SeedDescription, type SeedIndex } from './seed.js';
import { MilvusService } from './service.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const row = z.record(z.string(), z.unknown());

const fieldSchema = z.strictObject({
  name: z.string(),
  dataType: z.union([z.string(), z.number()]),
  elementType: z.union([z.string(), z.number()]).optional(),
  description: z.string().optional(),
  isPrimaryKey: z.boolean().optional(),
  autoID: z.boolean().optional(),
  nullable: z.boolean().optional(),
  defaultValue: z.unknown().optional(),
  typeParams: z.record(z.string(), scalar).optional(),
  isPartitionKey: z.boolean().optional(),
  isClusteringKey: z.boolean().optional(),
  isFunctionOutput: z.boolean().optional(),
  isDynamic: z.boolean().optional(),
});

const functionSchema = z.strictObject({
  name: z.string(),
  type: z.string(),
  description: z.string().optional(),
  inputFieldNames: z.array(z.string()),
  outputFieldNames: z.array(z.string()),
  params: z.record(z.string(), z.string()).optional(),
});

const schemaInputSchema = z.strictObject({
  description: z.string().optional(),
  enableDynamicField: z.boolean().optional(),
  fields: z.array(fieldSchema),
  functions: z.array(functionSchema).optional(),
});

const indexSchema = z.strictObject({
  fieldName: z.string(),
  indexName: z.string().optional(),
  indexType: z.string().optional(),
  metricType: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

const collectionSchema = z.strictObject({
  database: z.string().optional(),
  name: z.string(),
  schema: schemaInputSchema.optional(),
  dimension: z.number().int().positive().optional(),
  metricType: z.string().optional(),
  idType: z.enum(['Int64', 'VarChar']).optional(),
  autoId: z.boolean().optional(),
  consistencyLevel: z.string().optional(),
  shardsNum: z.number().int().optional(),
  numPartitions: z.number().int().optional(),
  properties: z.record(z.string(), z.string()).optional(),
  partitions: z.array(z.string()).optional(),
  indexes: z.array(indexSchema).optional(),
  aliases: z.array(z.string()).optional(),
  rows: z.array(row).optional(),
  partitionRows: z.record(z.string(), z.array(row)).optional(),
  load: z.boolean().optional(),
});

export const seedSchema = z.strictObject({
  databases: z.array(z.strictObject({ name: z.string(), properties: z.record(z.string(), z.string()).optional() })).optional(),
  collections: z.array(collectionSchema).optional(),
});

const _keys: [
  SameKeys<SeedDescription, z.infer<typeof seedSchema>>,
  SameKeys<SeedCollection, z.infer<typeof collectionSchema>>,
  SameKeys<SeedIndex, z.infer<typeof indexSchema>>,
  SameKeys<SchemaInput, z.infer<typeof schemaInputSchema>>,
  SameKeys<FieldInput, z.infer<typeof fieldSchema>>,
  SameKeys<FunctionInput, z.infer<typeof functionSchema>>,
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
