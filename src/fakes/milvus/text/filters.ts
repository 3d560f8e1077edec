/**
 * Token filters of tantivy-binding `filter/filter.rs`, each a pass over the token list. Removing a
 * token keeps the positions of the others (tantivy filters never renumber), which phrase_match's slop
 * depends on.
 */
import { invalid, unsupported } from './analyzer-error.js';
import { stemmerFor } from './stemmer.js';
import { expandStopWords } from './stop-words.js';
import type { Token } from './tokenizers.js';

export type TokenFilter = (tokens: Token[]) => Token[];

const keep = (test: (text: string) => boolean): TokenFilter => (tokens) => tokens.filter((t) => test(t.text));
const map = (change: (text: string) => string): TokenFilter => (tokens) => {
  for (const t of tokens) t.text = change(t.text);
  return tokens;
};

/** Ligatures and letters NFD does not decompose (a subset of Lucene's ASCIIFoldingFilter table). */
const FOLD_EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', ł: 'l', Ł: 'L',
  þ: 'th', Þ: 'TH', ı: 'i', ŀ: 'l', Ŀ: 'L', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ĳ: 'ij', Ĳ: 'IJ', ﬁ: 'fi', ﬂ: 'fl',
};

/** asciifolding: NFD, drop combining marks, then the extra table; approximates Lucene's table. */
export function asciiFold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  const stripped = text.normalize('NFD').replace(/\p{M}/gu, '');
  return stripped.replace(/[^\u0000-\u007f]/gu, (c) => FOLD_EXTRA[c] ?? c);
}

const ASCII_ALNUM = /^[A-Za-z0-9]*$/;
const HAN = /^\p{Script=Han}*$/u;
const HAN_OR_ALNUM = /^[\p{Script=Han}A-Za-z0-9]*$/u;
const PUNCT_ONLY = /^\p{P}+$/u;
const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Filters named by a string (`From<&str> for SystemFilter`). */
export function namedFilter(name: string): TokenFilter {
  switch (name) {
    case 'lowercase':
      return map((t) => t.toLowerCase());
    case 'asciifolding':
      return map(asciiFold);
    case 'alphanumonly':
      return keep((t) => ASCII_ALNUM.test(t));
    case 'cncharonly':
      return keep((t) => HAN.test(t));
    case 'cnalphanumonly':
      return keep((t) => HAN_OR_ALNUM.test(t));
    case 'removepunct':
      return keep((t) => !PUNCT_ONLY.test(t));
    default:
      throw invalid(`build analyzer failed, filter not found :${name}`);
  }
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value)) throw invalid(`${what} should be array`);
  return value.map((v) => {
    if (typeof v !== 'string') throw invalid(`${what} item should be string`);
    return v;
  });
}

/** Filters given as objects with a `type` (`create_filter`). */
export function configuredFilter(params: Readonly<Record<string, unknown>>): TokenFilter {
  const type = params.type;
  if (type === undefined) throw invalid('no type field in filter params');
  if (typeof type !== 'string') throw invalid('filter type should be string');
  switch (type) {
    case 'length': {
      const max = params.max;
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) throw invalid('lenth max param was none or not uint');
      // RemoveLongFilter::limit(max + 1): byte length strictly below the limit stays.
      return keep((t) => utf8Length(t) <= max);
    }
    case 'stop': {
      if (params.stop_words_file !== undefined) throw unsupported('stop_words_file (file resources)');
      const words = new Set(params.stop_words === undefined ? [] : expandStopWords(stringList(params.stop_words, 'stop_words')));
      return keep((t) => !words.has(t));
    }
    case 'stemmer':
      return map(stemmerFor(params.language));
    case 'regex': {
      const expr = params.expr;
      if (expr === undefined) throw invalid('must set expr for regex filter');
      if (typeof expr !== 'string') throw invalid('expr must be string');
      let re: RegExp;
      try {
        re = new RegExp(expr, 'u');
      } catch (error) {
        throw invalid(`regex expression invalid, expr:${expr}, err: ${(error as Error).message}`);
      }
      return keep((t) => re.test(t));
    }
    case 'decompounder':
    case 'synonym':
      throw unsupported(`the ${type} filter`);
    default:
      throw invalid(`unsupport filter type: ${type}`);
  }
}
