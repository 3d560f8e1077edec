/**
 * Analyzers built from `analyzer_params` the way tantivy-binding's `create_analyzer` does
 * (analyzer/analyzer.rs, build_in_analyzer.rs): empty params are the `standard` analyzer; `type` picks a
 * built-in (`standard` = standard tokenizer + lowercase, `english` = standard + lowercase + Porter2
 * stemmer + the English stop list, each plus optional `stop_words`); otherwise `tokenizer` is required
 * and `filter` lists the filters in order. Unknown keys and names fail with the binding's messages.
 */
import { invalid, unsupported } from './analyzer-error.js';
import { configuredFilter, namedFilter, type TokenFilter } from './filters.js';
import { englishStem } from './stemmer.js';
import { ENGLISH_STOP_WORDS, expandStopWords } from './stop-words.js';
import { standardTokenizer, whitespaceTokenizer, type Token, type Tokenizer } from './tokenizers.js';

export interface Analyzer {
  /** Tokens with positions and UTF-16 offsets, after every filter. */
  analyze(text: string): Token[];
  /** Token texts only (the BM25 function and text_match need nothing else). */
  terms(text: string): string[];
}

type Params = Readonly<Record<string, unknown>>;

function parseParams(params: string | Params | undefined): Params {
  if (params === undefined) return {};
  if (typeof params !== 'string') return params;
  if (params.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(params);
  } catch (error) {
    throw invalid(`JsonError: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('params should be a json map');
  return parsed as Params;
}

function pipeline(tokenizer: Tokenizer, filters: readonly TokenFilter[]): Analyzer {
  const analyze = (text: string): Token[] => {
    let tokens = tokenizer(text);
    for (const filter of filters) tokens = filter(tokens);
    return tokens;
  };
  return { analyze, terms: (text) => analyze(text).map((t) => t.text) };
}

function stopWordsOption(params: Params): TokenFilter[] {
  const value = params.stop_words;
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid('filter stop_words should be array of string');
  const words = new Set(expandStopWords(value as string[]));
  return words.size > 0 ? [(tokens) => tokens.filter((t) => !words.has(t.text))] : [];
}

function builtIn(type: string, params: Params): Analyzer {
  const lowercase = namedFilter('lowercase');
  switch (type) {
    case 'standard':
      return pipeline(standardTokenizer, [lowercase, ...stopWordsOption(params)]);
    case 'english': {
      const stop = new Set(ENGLISH_STOP_WORDS);
      const stem: TokenFilter = (tokens) => {
        for (const t of tokens) t.text = englishStem(t.text);
        return tokens;
      };
      // The stemmer runs before the stop filter (english_analyzer in build_in_analyzer.rs).
      return pipeline(standardTokenizer, [lowercase, stem, (tokens) => tokens.filter((t) => !stop.has(t.text)), ...stopWordsOption(params)]);
    }
    case 'chinese':
      throw unsupported('the chinese analyzer (jieba dictionary)');
    default:
      throw invalid(`unknown build-in analyzer type: ${type}`);
  }
}

function tokenizerOf(value: unknown): Tokenizer {
  if (value === undefined) throw invalid('tokenizer name or type must be set');
  let name: string;
  if (typeof value === 'string') name = value;
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    const type = (value as Params).type;
    if (type === undefined) throw invalid('costum tokenizer must set type');
    if (typeof type !== 'string') throw invalid('tokenizer type should be string');
    name = type;
  } else throw invalid('tokenizer name should be string or dict');
  switch (name) {
    case 'standard':
      return standardTokenizer;
    case 'whitespace':
      return whitespaceTokenizer;
    case 'jieba':
    case 'lindera':
    case 'icu':
    case 'language_identifier':
    case 'char_group':
    case 'grpc':
      throw unsupported(`the ${name} tokenizer`);
    default:
      throw invalid(`unsupported tokenizer: ${name}`);
  }
}

/**
 * Builds an analyzer, throwing {@link AnalyzerError} for parameters the server rejects or the fake lacks.
 *
 * @example
 * buildAnalyzer('{"type":"english"}').terms('The running dogs'); // ['run', 'dog']
 */
export function buildAnalyzer(params: string | Params | undefined): Analyzer {
  const p = parseParams(params);
  if (Object.keys(p).length === 0) return builtIn('standard', {});
  if ('analyzers' in p || 'by_field' in p) throw unsupported('multi-language analyzers');
  if (p.type !== undefined) {
    if (typeof p.type !== 'string') throw invalid('analyzer type shoud be string');
    return builtIn(p.type, p);
  }
  const tokenizer = tokenizerOf(p.tokenizer);
  const filters: TokenFilter[] = [];
  for (const [key, value] of Object.entries(p)) {
    if (key === 'tokenizer') continue;
    if (key !== 'filter') throw invalid(`unknown analyzer option key: ${key}`);
    if (!Array.isArray(value)) throw invalid('filter params should be array');
    for (const filter of value as unknown[]) {
      if (typeof filter === 'string') filters.push(namedFilter(filter));
      else if (filter && typeof filter === 'object' && !Array.isArray(filter)) filters.push(configuredFilter(filter as Params));
    }
  }
  return pipeline(tokenizer, filters);
}

const cache = new Map<string, Analyzer>();

/** {@link buildAnalyzer} for JSON text, memoized (schemas keep the text; every insert needs the analyzer). */
export function analyzerFor(params: string | undefined): Analyzer {
  const key = params ?? '';
  let analyzer = cache.get(key);
  if (!analyzer) {
    analyzer = buildAnalyzer(key);
    if (cache.size > 1000) cache.clear();
    cache.set(key, analyzer);
  }
  return analyzer;
}
