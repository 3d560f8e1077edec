/**
 * `phrase_match(field, 'text', slop)`: the query's tokens must occur in the document in order, as
 * tantivy's PhraseQuery checks them: each term's positions are shifted back by the term's position in
 * the query, and every next term must sit at a shifted position r with l ≤ r ≤ l + slop for some
 * surviving position l of the term before (tantivy `intersection_with_slop`). Slop 0 is an exact phrase.
 */
import type { Token } from './tokenizers.js';

export interface PhraseQuery {
  readonly terms: readonly string[];
  readonly offsets: readonly number[];
}

export function phraseQuery(tokens: readonly Token[]): PhraseQuery {
  const base = tokens[0]?.position ?? 0;
  return { terms: tokens.map((t) => t.text), offsets: tokens.map((t) => t.position - base) };
}

/**
 * @example
 * phraseMatches(docTokens, phraseQuery(queryTokens), 1);
 */
export function phraseMatches(doc: readonly Token[], query: PhraseQuery, slop: number): boolean {
  if (query.terms.length === 0) return false;
  const positions = new Map<string, number[]>();
  for (const t of doc) {
    const list = positions.get(t.text);
    if (list) list.push(t.position);
    else positions.set(t.text, [t.position]);
  }
  let current = (positions.get(query.terms[0] as string) ?? []).map((p) => p - (query.offsets[0] as number));
  for (let i = 1; i < query.terms.length && current.length > 0; i++) {
    const shifted = (positions.get(query.terms[i] as string) ?? []).map((p) => p - (query.offsets[i] as number));
    current = shifted.filter((r) => current.some((l) => l <= r && r - l <= slop));
  }
  return current.length > 0;
}
