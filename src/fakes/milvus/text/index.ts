/**
 * Text analysis for full-text search: analyzers (tokenizers and filters), token hashes, the BM25
 * function's term counts and scoring pieces, and phrase matching. Pure and dependency-free apart from
 * the Porter2 stemmer; errors are {@link AnalyzerError}s for the layers above to map.
 */
export { AnalyzerError } from './analyzer-error.js';
export { analyzerFor, buildAnalyzer, type Analyzer } from './analyzer.js';
export { docValue, idf, termCounts, type TermCounts } from './bm25.js';
export { tokenHash } from './hash.js';
export { phraseMatches, phraseQuery, type PhraseQuery } from './phrase.js';
export { byteOffsets, type Token } from './tokenizers.js';
