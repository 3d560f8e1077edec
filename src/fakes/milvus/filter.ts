/**
 * The filter compiler the service uses, and the bridge from a collection schema to the expression
 * module's schema shape. Switch `compileFilter` to `./expr/index.js` once the expr branch is merged.
 */
import type { CollectionSchemaDef } from './schema.js';
import type { ExprSchema, FilterCompiler } from './filter-contract.js';
import { compileFilterLite } from './filter-lite.js';

export const compileFilter: FilterCompiler = compileFilterLite;

const schemaCache = new WeakMap<CollectionSchemaDef, ExprSchema>();

export function exprSchemaOf(schema: CollectionSchemaDef): ExprSchema {
  let cached = schemaCache.get(schema);
  if (!cached) {
    cached = {
      dynamicField: schema.enableDynamicField,
      fields: schema.fields.map((f) => ({
        name: f.name,
        type: f.type,
        ...(f.elementType ? { elementType: f.elementType } : {}),
        nullable: f.nullable,
        isPrimaryKey: f.isPrimaryKey,
        ...(f.maxCapacity !== undefined ? { maxCapacity: f.maxCapacity } : {}),
        enableMatch: f.enableMatch,
      })),
    };
    schemaCache.set(schema, cached);
  }
  return cached;
}
