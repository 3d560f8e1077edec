/**
 * The filter compiler the service uses (the expression module from the `expr` branch), the bridge from
 * a collection schema to its schema shape, and the mapping of its errors to Milvus statuses.
 */
import { compileFilter, ExprError, type ExprSchema } from '../expr/index.js';
import { analyzerParamsOf, type CollectionSchemaDef } from '../schema/index.js';
import { Codes, MilvusError } from '../errors/status.js';

export { compileFilter };

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
        ...(f.structFields ? { struct: true } : {}),
        ...(analyzerParamsOf(f) !== undefined ? { analyzerParams: analyzerParamsOf(f) as string } : {}),
      })),
    };
    schemaCache.set(schema, cached);
  }
  return cached;
}

/** Filter failures as the proxy reports them: 1100 "failed to create <query|delete> plan: ...". */
export function asPlanError(error: unknown, plan: 'query' | 'delete'): MilvusError {
  if (error instanceof ExprError) return new MilvusError(Codes.parameterInvalid, error.reason(plan));
  if (error instanceof MilvusError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new MilvusError(Codes.parameterInvalid, `failed to create ${plan} plan: ${text}: invalid parameter`);
}
