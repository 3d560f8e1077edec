/**
 * Name resolution against the collection schema, with Milvus' rules: a name that is not a field reads the
 * dynamic field (`age` means `$meta["age"]`) when the collection has one, and is an error otherwise.
 */
import type { ExprField } from './types.js';
import { fail } from './errors.js';
import type { ColumnRef } from './plan.js';

export class SchemaView {
  private readonly byName: ReadonlyMap<string, ExprField>;

  constructor(
    fields: readonly ExprField[],
    readonly dynamicField: boolean,
  ) {
    this.byName = new Map(fields.map((field) => [field.name, field]));
  }

  field(name: string): ExprField | undefined {
    return this.byName.get(name);
  }

  /** The column an identifier names: a schema field, the whole `$meta`, or a dynamic key. */
  identifier(name: string): ColumnRef {
    const field = this.byName.get(name);
    if (field?.struct) return refuseStruct(name);
    if (field) return columnOf(field, []);
    if (!this.dynamicField) return fail(`field ${name} not exist`);
    return name === '$meta' ? this.meta([]) : this.meta([name]);
  }

  /** A JSON path (`meta["a"][0]`, `$meta["k"]`) or an array index (`tags[2]`). */
  path(base: string, rawSteps: readonly string[], text: string): ColumnRef {
    const steps = rawSteps.map((raw) => stepKey(raw, text));
    const field = this.byName.get(base);
    if (field?.struct) return refuseStruct(base);
    if (field) {
      if (field.type !== 'JSON' && field.type !== 'Array') {
        return fail(`${field.type} data type not supported accessed with []`);
      }
      if (field.type === 'Array') {
        if (rawSteps.some((raw) => !/^[0-9]+$/.test(raw))) return fail('can only access array field with integer index');
        if (steps.length > 1) return fail(`invalid identifier: ${text}`);
      }
      return columnOf(field, steps);
    }
    if (!this.dynamicField) return fail(`field ${base} not exist`);
    return this.meta(base === '$meta' ? steps : [base, ...steps]);
  }

  private meta(path: readonly string[]): ColumnRef {
    return { field: '$meta', type: 'JSON', nullable: false, isPrimaryKey: false, path };
  }
}

/** Milvus 2.6 filters on struct sub-fields (`element_filter`, `$[sub]`) are not implemented by the fake. */
function refuseStruct(name: string): never {
  return fail(`filters on the Array of Structs field ${name} are not supported by fakecontainers' fake Milvus`);
}

function columnOf(field: ExprField, path: readonly string[]): ColumnRef {
  const base = { field: field.name, type: field.type, nullable: field.nullable, isPrimaryKey: field.isPrimaryKey === true };
  return field.elementType ? { ...base, elementType: field.elementType, path } : { ...base, path };
}

/**
 * Path keys are taken verbatim between the quotes (Milvus does not unescape them); an empty key is invalid.
 */
function stepKey(raw: string, text: string): string {
  if (/^[0-9]+$/.test(raw)) return raw;
  const key = raw.replace(/^(?:u8|u|U|L|r|R)?["']/, '').slice(0, -1);
  return key === '' ? fail(`invalid identifier: ${text}`) : key;
}
