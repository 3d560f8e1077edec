/**
 * Array of Structs fields (Milvus 2.6.4+): validation of `CollectionSchema.struct_array_fields` with the
 * proxy's rules and wording (`internal/proxy/validate_util.go`: `ValidateStructArrayField`,
 * `ValidateFieldsInStruct`, `validateStructArrayFieldMaxCapacity`, `validatePrimaryKey`,
 * `ValidateFieldAutoID`), and the normalised definition the store keeps.
 *
 * A struct field is kept among the collection's fields as a {@link FieldDef} of type `Array` without an
 * element type and with `structFields` set; each sub-field is a FieldDef typed by its element type
 * (`VarChar`, `FloatVector`, ...). A stored value is an array of plain objects, one per struct element,
 * keyed by sub-field name: scalars in the in-memory representation of data-types.ts, vectors as
 * Float32Array.
 *
 * Sub-fields arrive in the wire form the SDK sends (`utils/Schema.js formatStructArrayFieldSchema`):
 * `data_type` `Array` (scalar) or `ArrayOfVector` (vector) with the declared type as `element_type`.
 */
import { isScalarType } from './data-types.js';
import { buildField, parseDataType, validateFieldName, validateMaxCapacity } from './fields.js';
import { errors } from '../errors/status.js';
import type { FieldDef, FieldInput, KeyValue, StructFieldInput } from './types.js';

/** Proto enum value of `schema.DataType.ArrayOfVector` (not a column type of the fake). */
export const ARRAY_OF_VECTOR = 106;

/** Element types a struct may hold in 2.6 (milvus.io/docs/array-of-structs.md, "Limits"). */
const STRUCT_SCALARS = new Set(['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double', 'VarChar']);

export function isStructField(field: FieldDef): boolean {
  return field.structFields !== undefined;
}

function isArrayOfVector(dataType: string | number): boolean {
  return dataType === 'ArrayOfVector' || dataType === ARRAY_OF_VECTOR || dataType === String(ARRAY_OF_VECTOR);
}

function dataTypeName(dataType: string | number): string {
  if (isArrayOfVector(dataType)) return 'ArrayOfVector';
  return String(parseDataType(dataType) ?? dataType);
}

function buildSubField(input: FieldInput, fieldID: number, collection: string): FieldDef {
  // ValidateFieldsInStruct: the field name first, then the storage type.
  validateFieldName(input.name);
  const wire = dataTypeName(input.dataType);
  if (wire !== 'Array' && wire !== 'ArrayOfVector') {
    throw errors.invalidParameter(
      `fields in StructArrayField can only be array or array of struct, but field ${input.name} is ${wire}`,
    );
  }
  if (input.isPrimaryKey) throw errors.invalidParameter(`primary key is not supported for struct field, field name = ${input.name}`);
  if (input.autoID) throw errors.invalidParameter(`autoID is not supported for struct field, field name = ${input.name}`);
  // 2.6 docs: "Array of Structs fields are not nullable and accept no default values" (fake's wording).
  if (input.nullable) throw errors.invalidParameter(`struct sub-field ${input.name} can not be nullable`);
  if (input.defaultValue !== undefined && input.defaultValue !== null) {
    throw errors.invalidParameter(`struct sub-field ${input.name} can not have a default value`);
  }
  const element = parseDataType(input.elementType);
  if (wire === 'ArrayOfVector') {
    if (element !== 'FloatVector') {
      // Milvus 2.6 stores FloatVector embedding lists only; the fake words this refusal itself.
      throw errors.invalidParameter(
        `Unsupported element type ${String(element ?? input.elementType)} of ArrayOfVector field ${input.name}, only FloatVector is supported`,
      );
    }
    const vector = buildField({ ...input, dataType: 'FloatVector', elementType: undefined }, fieldID, collection);
    const maxCapacity = validateMaxCapacity(input, collection);
    return { ...vector, maxCapacity };
  }
  if (element !== undefined && element !== 'None' && isScalarType(element) && !STRUCT_SCALARS.has(element) && element !== 'String') {
    throw errors.invalidParameter(`element type ${element} is not supported`);
  }
  const array = buildField({ ...input, dataType: 'Array' }, fieldID, collection);
  const { elementType, ...rest } = array;
  if (elementType === undefined) throw errors.invalidParameter('element data type None is not valid');
  return { ...rest, type: elementType };
}

/**
 * Validates the struct fields of a new collection and assigns field IDs from `firstID` (the struct,
 * then its sub-fields, in order). `taken` holds the regular field names: every name (fields, structs,
 * sub-fields) must be unique (`validateDuplicatedFieldName`).
 */
export function buildStructFields(
  inputs: readonly StructFieldInput[],
  firstID: number,
  collection: string,
  taken: Set<string>,
): FieldDef[] {
  let nextID = firstID;
  const out: FieldDef[] = [];
  for (const input of inputs) {
    for (const name of [input.name, ...input.fields.map((f) => f.name)]) {
      if (taken.has(name)) throw errors.invalidParameter(`duplicated field name ${name} found`);
      taken.add(name);
    }
  }
  for (const input of inputs) {
    validateFieldName(input.name);
    if (input.fields.length === 0) throw errors.invalidParameter(`struct array field ${input.name} has no sub-fields`);
    if (input.nullable) throw errors.invalidParameter(`struct array field ${input.name} can not be nullable`);
    const fieldID = nextID++;
    const structCapacity = input.typeParams?.max_capacity;
    const subs = input.fields.map((sub) => {
      const params = { ...(structCapacity !== undefined ? { max_capacity: structCapacity } : {}), ...(sub.typeParams ?? {}) };
      return buildSubField({ ...sub, typeParams: params }, nextID++, collection);
    });
    const expected = subs[0]?.maxCapacity ?? 0;
    for (const sub of subs) {
      if (sub.maxCapacity !== expected) {
        throw errors.invalidParameter(
          `all sub-fields in struct array field must have the same max_capacity: structName=${input.name}, subFieldName=${sub.name}, max_capacity=${sub.maxCapacity ?? 0}, expected=${expected}`,
        );
      }
    }
    const typeParams: KeyValue[] = Object.entries(input.typeParams ?? {})
      .filter(([key]) => key !== 'max_capacity')
      .map(([key, value]) => ({ key, value: String(value) }));
    out.push({
      fieldID,
      name: input.name,
      description: input.description ?? '',
      type: 'Array',
      isPrimaryKey: false,
      autoID: false,
      nullable: false,
      maxCapacity: expected,
      isPartitionKey: false,
      isClusteringKey: false,
      isFunctionOutput: false,
      enableMatch: false,
      typeParams,
      structFields: subs,
    });
  }
  return out;
}
