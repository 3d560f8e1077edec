/**
 * The lexical highlighter's parameters as the 2.6 proxy reads them (highlighter.go
 * `NewLexicalHighlighter`): `pre_tags` / `post_tags` JSON string lists (default `<em>` / `</em>`),
 * `fragment_size` (> 0, default 100), `num_of_fragments` (≥ 0, default 5), `fragment_offset` (≥ 0,
 * default 0) as strconv.ParseInt reads them, `highlight_search_text` as strconv.ParseBool,
 * `highlight_query` a JSON list of `{type, field, text}` objects. Every refusal is
 * `merr.WrapErrParameterInvalidMsg` (1100, `...: invalid parameter`) in the proxy's words.
 */
import { errors } from '../errors/status.js';
import { goUnmarshalList } from './go-json.js';

export interface HighlightOptions {
  readonly pre: readonly string[];
  readonly post: readonly string[];
  readonly offset: number;
  readonly size: number;
  readonly count: number;
  readonly searchText: boolean;
  readonly queries: ReadonlyArray<{ readonly field: string; readonly text: string }>;
}

/** querypb.HighlightQueryType names the fake serves (TextMatch; another name is refused as unknown). */
const QUERY_TYPES = new Set(['TextMatch']);
const BOOLS: Readonly<Record<string, boolean>> = { 1: true, t: true, T: true, TRUE: true, true: true, True: true, 0: false, f: false, F: false, FALSE: false, false: false, False: false };
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;

const invalid = (message: string) => errors.invalidParameter(message);

function tags(raw: string | undefined, key: string, listWord: string, fallback: string): string[] {
  if (raw === undefined) return [fallback];
  const parsed = goUnmarshalList(raw, '[]string');
  if ('error' in parsed) throw invalid(`unmarshal ${key} as string ${listWord} failed: ${parsed.error}`);
  if (parsed.value.length === 0) throw invalid(`${key} cannot be empty list`);
  return parsed.value as string[];
}

/** strconv.ParseInt(raw, 10, 64) then the bound; a present but empty value is a parse error too. */
function int(raw: string | undefined, key: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const ok = /^[+-]?\d+$/.test(raw) && BigInt(raw) >= INT64[0] && BigInt(raw) <= INT64[1];
  if (!ok || Number(raw) < min) throw invalid(`invalid ${key}: ${raw}`);
  return Number(raw);
}

function bool(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const value = BOOLS[raw];
  if (value === undefined) {
    throw invalid(`unmarshal highlight_search_text as bool failed: strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`);
  }
  return value;
}

function queries(raw: string | undefined): HighlightOptions['queries'] {
  if (raw === undefined) return [];
  const parsed = goUnmarshalList(raw, '[]interface {}');
  if ('error' in parsed) throw invalid(`unmarshal highlight queries as json array failed: ${parsed.error}`);
  const failed = (why: string) => invalid(`unmarshal highlight queries failed: ${why}`);
  return parsed.value.map((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw failed('item in array is not json object');
    const q = item as Record<string, unknown>;
    const text = q.text;
    if (!('text' in q)) throw failed('must set `text` in query');
    if (typeof text !== 'string') throw failed('`text` must be string');
    if (!('type' in q)) throw failed('must set `type` in query');
    if (typeof q.type !== 'string') throw failed('`type` must be string');
    if (!QUERY_TYPES.has(q.type)) throw failed(`invalid highlight query type: ${q.type}`);
    if (!('field' in q)) throw failed('must set `field` in query');
    if (typeof q.field !== 'string') throw failed('`field` must be string');
    return { field: q.field, text };
  });
}

/**
 * The options of a lexical highlighter, or the proxy's 1100.
 *
 * @example
 * highlightOptions({ pre_tags: '["{"]', post_tags: '["}"]', highlight_search_text: 'true' });
 */
export function highlightOptions(p: Readonly<Record<string, string>>): HighlightOptions {
  return {
    pre: tags(p.pre_tags, 'pre_tags', 'array', '<em>'),
    post: tags(p.post_tags, 'post_tags', 'list', '</em>'),
    size: int(p.fragment_size, 'fragment_size', 100, 1),
    count: int(p.num_of_fragments, 'num_of_fragments', 5, 0),
    offset: int(p.fragment_offset, 'fragment_offset', 0, 0),
    searchText: bool(p.highlight_search_text),
    queries: queries(p.highlight_query),
  };
}
