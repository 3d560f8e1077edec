/**
 * Stop word lists of `filter/stop_words` in tantivy-binding. Only `_english_` (the 33-word Snowball /
 * Lucene list the `english` analyzer uses) ships with the fake; the other `_language_` lists are refused
 * rather than treated as literal words, so a missing list never silently changes results.
 */
import { unsupported } from './analyzer-error.js';

export const ENGLISH_STOP_WORDS: readonly string[] = [
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of',
  'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
];

/** Languages whose `_name_` list the server knows (stop_words.rs `fetch_language_stop_words`). */
const SERVER_LISTS = new Set(['_danish_', '_dutch_', '_finnish_', '_french_', '_german_', '_hungarian_', '_italian_',
  '_norwegian_', '_portuguese_', '_russian_', '_spanish_', '_swedish_', '_chinese_']);

/** `get_stop_words_list`: `_english_` expands to its list, other words stay as they are. */
export function expandStopWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (word === '_english_') out.push(...ENGLISH_STOP_WORDS);
    else if (SERVER_LISTS.has(word)) throw unsupported(`stop word list ${word}`);
    else out.push(word);
  }
  return out;
}
