/**
 * The lexical highlighter (docs text-highlighter.md, Milvus 2.6.8+), run on the final hits. Terms come
 * from the BM25 search text (`highlight_search_text`) and from `highlight_query` TextMatch entries, each
 * analysed with the text field's analyzer; a token of the stored text is a match when its analysed term
 * is one of them. Fragments: from `fragment_offset` characters before a match (not before the text)
 * for `fragment_size` characters of source text (tags do not count); the next fragment starts at the
 * first match beyond the previous one; at most `num_of_fragments`. Matches are wrapped in
 * `pre_tags[i % n]` / `post_tags[i % m]`, i counting matches. Defaults: offset 0, size 100, 5
 * fragments (highlight-options.ts). The docs show no fragment scores; none are returned.
 */
import type { Collection } from './collection.js';
import type { FieldDef } from '../schema/index.js';
import type { Hit } from './topk.js';
import { errors } from '../errors/status.js';
import { fieldAnalyzer } from './bm25-function.js';
import type { Token } from '../text/index.js';
import { semanticHighlighterFailure } from './semantic-highlight.js';
import { highlightOptions, type HighlightOptions } from './highlight-options.js';

export interface HighlighterInput {
  /** `Lexical` or `Semantic` (HighlightType), or the number of an enum value the proto does not name. */
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface HighlightResult {
  readonly fieldName: string;
  /** One per hit, in hit order. */
  readonly datas: ReadonlyArray<{ readonly fragments: readonly string[]; readonly scores: readonly number[] }>;
}

/**
 * What the proxy checks while it prepares the search (task_search.go `addHighlightTask`,
 * `createLexicalHighlighter`, `initHighlightQueries`), before any hit exists: the type (1100
 * `unsupported highlight type: N`), the semantic highlighter's failure (semantic-highlight.ts), the
 * lexical parameters (highlight-options.ts), `highlight_search_text` only on a BM25 search (the message
 * quotes the request's metric type before the proxy has set it: empty), query fields in the schema.
 */
export function checkHighlighter(collection: Collection, input: HighlighterInput, bm25Search: boolean): void {
  if (input.type === 'Semantic') throw semanticHighlighterFailure(collection, input.params);
  if (input.type !== 'Lexical') throw errors.invalidParameter(`unsupported highlight type: ${input.type}`);
  const o = highlightOptions(input.params);
  if (o.searchText && !bm25Search) throw errors.invalidParameter('Search highlight only support with metric type "BM25" but was: ');
  const missing = o.queries.find((q) => !collection.schema.fields.some((f) => f.name === q.field));
  if (missing) throw errors.invalidParameter(`highlight field not found in schema: ${missing.field}`);
}

function render(text: string, matches: readonly Token[], o: HighlightOptions): string[] {
  const fragments: string[] = [];
  let tagIndex = 0;
  let i = 0;
  while (i < matches.length && fragments.length < o.count) {
    const first = matches[i] as Token;
    const start = Math.max(0, first.start - o.offset);
    const end = Math.min(text.length, start + o.size);
    let out = '';
    let at = start;
    while (i < matches.length && (matches[i] as Token).start < end) {
      const m = matches[i] as Token;
      const stop = Math.min(m.end, end);
      out += text.slice(at, m.start) + (o.pre[tagIndex % o.pre.length] ?? '') + text.slice(m.start, stop) + (o.post[tagIndex % o.post.length] ?? '');
      tagIndex++;
      at = stop;
      i++;
    }
    fragments.push(out + text.slice(at, end));
  }
  return fragments;
}

function textField(collection: Collection, name: string): FieldDef {
  const field = collection.schema.fields.find((f) => f.name === name);
  if (!field || field.type !== 'VarChar') throw errors.invalidParameter(`highlight field ${name} is not a VarChar field`);
  return field;
}

/**
 * Highlights for the hits of a search. `hitsPerQuery` are the final hits of each query; `searchField`
 * is the BM25 input field and `queryTexts` the texts searched, when the search was a full text search.
 */
export function highlight(
  collection: Collection,
  input: HighlighterInput,
  hitsPerQuery: readonly (readonly Hit[])[],
  search: { readonly field?: FieldDef; readonly texts: readonly unknown[] },
): HighlightResult[] {
  const o = highlightOptions(input.params);
  const fields = new Map<string, FieldDef>();
  // checkHighlighter made sure a search-text highlight has its BM25 field.
  if (o.searchText && search.field) fields.set(search.field.name, search.field);
  for (const q of o.queries) fields.set(q.field, textField(collection, q.field));
  return [...fields.values()].map((field) => {
    const analyzer = fieldAnalyzer(field);
    const fixed = o.queries.filter((q) => q.field === field.name).flatMap((q) => analyzer.terms(q.text));
    const column = collection.table.scalars.get(field.name) ?? [];
    const datas = hitsPerQuery.flatMap((hits, q) => {
      const terms = new Set(fixed);
      const text = search.texts[q];
      if (o.searchText && field === search.field && typeof text === 'string') for (const t of analyzer.terms(text)) terms.add(t);
      return hits.map((hit) => {
        const value = column[hit.row];
        if (typeof value !== 'string') return { fragments: [], scores: [] };
        const matches = analyzer.analyze(value).filter((t) => terms.has(t.text));
        return { fragments: render(value, matches, o), scores: [] };
      });
    });
    return { fieldName: field.name, datas };
  });
}
