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
import { goUnmarshalList } from './go-json.js';

const TEXT_TYPES = new Set(['VarChar', 'Text']);

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
    const parsed = goUnmarshalList(raw, '[]string');
    if ('error' in parsed) return failure(`Parse ${label} failed, err: ${parsed.error}`);
    lists[key] = parsed.value as string[];
  }
  if ((lists.queries ?? []).length === 0) return failure('queries is required');
  if ((lists.input_fields ?? []).length === 0) return failure('input_field is required');
  for (const name of lists.input_fields ?? []) {
    const field = collection.schema.fields.find((f) => f.name === name);
    if (field && !TEXT_TYPES.has(field.type)) return failure(`input_field ${name} is not a VarChar or Text field`);
  }
  return failure('Zilliz client config error, lost endpoint config');
}
