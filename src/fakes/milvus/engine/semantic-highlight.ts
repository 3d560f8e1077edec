/**
 * The semantic highlighter (HighlightType Semantic, Milvus 2.6.9+, milvus#46449) as a standalone without
 * a model service answers it. The proxy builds it while preparing the search (task_search.go
 * `addHighlightTask` → highlighter.go `newSemanticHighlighter` → function/highlight
 * semantic_highlight.go `NewSemanticHighlight`): `queries` and `input_fields` are parsed as JSON string
 * lists and must not be empty, a named schema field must be VarChar or Text, then the only provider,
 * Zilliz's model service (zilliz_highlight_provider.go), is dialled with the
 * `function.providers.zilliz` config a standalone does not have: models/zilliz `loadConfig` fails with
 * `Zilliz client config error, lost endpoint config`. Every failure is wrapped as
 * `merr.WrapErrParameterInvalidMsg("Create SemanticHighlight failed: %v ", err)` (1100, note the space
 * before the suffix). Names that are not schema fields pass NewSemanticHighlight (2.6 treats them as
 * dynamic fields, semantic_highlight_test.go) and so reach the provider error too.
 */
import type { Collection } from './collection.js';
import { errors, type MilvusError } from '../errors/status.js';

const TEXT_TYPES = new Set(['VarChar', 'Text']);

const jsonKind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v);

/**
 * json.Unmarshal of a param into `[]string`, with Go's error text for the common failures: a value of
 * another type, a non-string element, a bare word. Other syntax errors carry JavaScript's wording.
 */
function stringList(raw: string): { value: string[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    const first = raw.trimStart()[0];
    if (first === undefined) return { error: 'unexpected end of JSON input' };
    if (!/[[{"\-0-9tfn]/.test(first)) return { error: `invalid character '${first}' looking for beginning of value` };
    return { error: (error as Error).message };
  }
  if (parsed === null) return { value: [] };
  if (!Array.isArray(parsed)) return { error: `json: cannot unmarshal ${jsonKind(parsed)} into Go value of type []string` };
  const bad = parsed.find((item) => item !== null && typeof item !== 'string');
  if (bad !== undefined) return { error: `json: cannot unmarshal ${jsonKind(bad)} into Go value of type string` };
  return { value: parsed.map((item) => (typeof item === 'string' ? item : '')) };
}

function failure(reason: string): MilvusError {
  return errors.invalidParameter(`Create SemanticHighlight failed: ${reason} `);
}

/**
 * The error a semantic highlighter on `collection` gets from a standalone (there is no success: the
 * fake, like a standalone, reaches no model service).
 *
 * @example
 * throw semanticHighlighterFailure(collection, { queries: '["q"]', input_fields: '["text"]' });
 */
export function semanticHighlighterFailure(collection: Collection, params: Readonly<Record<string, string>>): MilvusError {
  const lists: Record<string, string[]> = { queries: [], input_fields: [] };
  for (const [key, label] of [['queries', 'queries'], ['input_fields', 'input_field']] as const) {
    const raw = params[key];
    if (raw === undefined) continue;
    const parsed = stringList(raw);
    if ('error' in parsed) return failure(`Parse ${label} failed, err: ${parsed.error}`);
    lists[key] = parsed.value;
  }
  if ((lists.queries ?? []).length === 0) return failure('queries is required');
  if ((lists.input_fields ?? []).length === 0) return failure('input_field is required');
  for (const name of lists.input_fields ?? []) {
    const field = collection.schema.fields.find((f) => f.name === name);
    if (field && !TEXT_TYPES.has(field.type)) return failure(`input_field ${name} is not a VarChar or Text field`);
  }
  return failure('Zilliz client config error, lost endpoint config');
}
