/**
 * The `stemmer` filter. The server's is tantivy's Stemmer, i.e. rust-stemmers' Snowball algorithms;
 * Snowball "english" is Porter2, which `wink-porter2-stemmer` implements (checked against Porter2's
 * own examples: generously → generous, skies → sky, dying → die, news → news; the npm `@orama/stemmers`
 * English stemmer is the 1980 Porter algorithm and differs). Other languages are refused.
 */
import winkStem from 'wink-porter2-stemmer';
import { invalid, unsupported } from './analyzer-error.js';

/** Languages `stemmer_filter.rs` accepts (case-insensitive; `arabig` is its typo alias). */
const SERVER_LANGUAGES = new Set(['arabic', 'arabig', 'danish', 'dutch', 'english', 'finnish', 'french', 'german', 'greek',
  'hungarian', 'italian', 'norwegian', 'portuguese', 'romanian', 'russian', 'spanish', 'swedish', 'tamil', 'turkish']);

const cache = new Map<string, string>();

/**
 * Porter2 of one token. wink lowercases its input while rust-stemmers leaves case alone, so for a token
 * with capitals the stem's common prefix keeps the token's own letters.
 *
 * @example
 * englishStem('running'); // 'run'
 */
export function englishStem(token: string): string {
  let stem = cache.get(token);
  if (stem !== undefined) return stem;
  const lower = token.toLowerCase();
  stem = winkStem(lower);
  if (lower !== token && lower.length === token.length) {
    let common = 0;
    while (common < stem.length && stem[common] === lower[common]) common++;
    stem = token.slice(0, common) + stem.slice(common);
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(token, stem);
  return stem;
}

export function stemmerFor(language: unknown): (token: string) => string {
  if (typeof language !== 'string') throw invalid('stemmer language field should be string');
  const lang = language.toLowerCase();
  if (!SERVER_LANGUAGES.has(lang)) throw invalid(`create stemmer failed : unsupport language: ${lang}`);
  if (lang !== 'english') throw unsupported(`the ${lang} stemmer`);
  return englishStem;
}
