import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AnalyzerError, buildAnalyzer, byteOffsets, docValue, idf, phraseMatches, phraseQuery, termCounts, tokenHash } from './index.js';

const terms = (params: unknown, text: string) => buildAnalyzer(params as Record<string, unknown>).terms(text);
const failure = (params: unknown): AnalyzerError => {
  try {
    buildAnalyzer(params as Record<string, unknown>);
  } catch (error) {
    if (error instanceof AnalyzerError) return error;
    throw error;
  }
  throw new Error('expected an AnalyzerError');
};

describe('built-in analyzers (milvus.io standard-analyzer.md, english-analyzer.md; build_in_analyzer.rs)', () => {
  it('standard: alphanumeric runs, lowercased (empty params too)', () => {
    expect(terms({ type: 'standard' }, 'The Milvus vector database is built for scale!')).toEqual([
      'the', 'milvus', 'vector', 'database', 'is', 'built', 'for', 'scale',
    ]);
    expect(terms({}, 'DEF_456 dog\'s 32.3')).toEqual(['def', '456', 'dog', 's', '32', '3']);
  });

  it('standard with stop_words, _english_ expanded', () => {
    expect(terms({ type: 'standard', stop_words: ['_english_', 'milvus'] }, 'The Milvus vector is fast')).toEqual(['vector', 'fast']);
  });

  it('english: lowercase, Porter2 stemmer, then the English stop list', () => {
    expect(terms({ type: 'english' }, 'The Milvus vector database is built for scale!')).toEqual([
      'milvus', 'vector', 'databas', 'built', 'scale',
    ]);
    expect(terms({ type: 'english' }, 'generously skies dying news')).toEqual(['generous', 'sky', 'die', 'news']);
  });
});

describe('custom analyzers (analyzer.rs, filter.rs)', () => {
  it('whitespace tokenizer keeps punctuation; filters apply in order', () => {
    expect(terms({ tokenizer: 'whitespace' }, 'Hello, World-42 !')).toEqual(['Hello,', 'World-42', '!']);
    expect(terms({ tokenizer: 'standard', filter: ['lowercase', { type: 'length', max: 5 }] }, 'Short LONGERWORD tiny')).toEqual([
      'short', 'tiny',
    ]);
    expect(terms({ tokenizer: 'whitespace', filter: ['alphanumonly'] }, 'abc a-b 42 café')).toEqual(['abc', '42']);
    expect(terms({ tokenizer: 'standard', filter: ['asciifolding', 'lowercase'] }, 'Café naïve Straße')).toEqual(['cafe', 'naive', 'strasse']);
    expect(terms({ tokenizer: 'standard', filter: [{ type: 'regex', expr: '^(?!test)' }] }, 'test milvus tester go')).toEqual(['milvus', 'go']);
    expect(terms({ tokenizer: 'standard', filter: [{ type: 'stop', stop_words: ['of', 'the'] }] }, 'the art of the deal')).toEqual(['art', 'deal']);
    expect(terms({ tokenizer: 'standard', filter: ['lowercase', { type: 'stemmer', language: 'english' }] }, 'Running dogs')).toEqual(['run', 'dog']);
  });

  it('positions survive removed tokens; offsets are UTF-8 bytes', () => {
    const tokens = buildAnalyzer({ type: 'english' }).analyze('the quick fox');
    expect(tokens.map((t) => [t.text, t.position])).toEqual([['quick', 1], ['fox', 2]]);
    expect(byteOffsets('é a', [0, 1, 2, 3])).toEqual([0, 2, 3, 4]);
  });

  it('rejects what the binding rejects, in its words', () => {
    expect(failure({ tokenizer: 'nope' }).message).toBe('unsupported tokenizer: nope');
    expect(failure({ filter: ['lowercase'] }).message).toBe('tokenizer name or type must be set');
    expect(failure({ tokenizer: 'standard', other: 1 }).message).toBe('unknown analyzer option key: other');
    expect(failure({ tokenizer: 'standard', filter: ['nope'] }).message).toBe('build analyzer failed, filter not found :nope');
    expect(failure({ tokenizer: 'standard', filter: [{ type: 'nope' }] }).message).toBe('unsupport filter type: nope');
    expect(failure({ tokenizer: 'standard', filter: [{ type: 'length' }] }).message).toBe('lenth max param was none or not uint');
    expect(failure({ tokenizer: 'standard', filter: [{ type: 'stemmer', language: 'klingon' }] }).message).toBe(
      'create stemmer failed : unsupport language: klingon',
    );
    expect(failure({ type: 'nope' }).message).toBe('unknown build-in analyzer type: nope');
  });

  it('refuses, as unsupported, what the fake lacks (dictionary tokenizers, other stemmers)', () => {
    for (const params of [{ tokenizer: 'jieba' }, { type: 'chinese' }, { tokenizer: { type: 'lindera', dict_kind: 'ipadic' } },
      { tokenizer: 'standard', filter: [{ type: 'stemmer', language: 'french' }] }]) {
      expect(failure(params).kind).toBe('unsupported');
    }
  });
});

describe('BM25 pieces (bm25_function.go, BM25Stats.BuildIDF, knowhere sparse_utils.h)', () => {
  it('hash is CRC-32/IEEE of the UTF-8 bytes modulo 2^32-1', () => {
    expect(tokenHash('milvus')).toBe(crc32('milvus') % 0xffffffff);
    expect(tokenHash('x'.repeat(150))).toBe(crc32('x'.repeat(100)) % 0xffffffff);
  });

  it('term counts per hash, sorted by index', () => {
    const counts = termCounts(['a', 'b', 'a']);
    const map = Object.fromEntries(Array.from(counts.indices, (index, i) => [index, counts.values[i]]));
    expect(map).toEqual({ [tokenHash('a')]: 2, [tokenHash('b')]: 1 });
    expect([...counts.indices]).toEqual([...counts.indices].sort((x, y) => x - y));
  });

  it('idf and the document value in float32', () => {
    expect(idf(3, 1)).toBe(Math.fround(Math.log(1 + 2.5 / 1.5)));
    // tf 2, dl 4, k1 1.2, b 0.75, avgdl 2: 2·2.2 / (2 + 1.2·(0.25 + 0.75·2)) = 4.4 / 4.1
    expect(docValue(2, 4, 1.2, 0.75, 2)).toBeCloseTo(4.4 / 4.1, 6);
  });
});

describe('phrase_match slop (tantivy PhraseQuery)', () => {
  const a = buildAnalyzer({});
  const match = (doc: string, q: string, slop: number) => phraseMatches(a.analyze(doc), phraseQuery(a.analyze(q)), slop);
  it('exact phrase at slop 0, words between need slop', () => {
    expect(match('machine learning rocks', 'machine learning', 0)).toBe(true);
    expect(match('machine deep learning', 'machine learning', 0)).toBe(false);
    expect(match('machine deep learning', 'machine learning', 1)).toBe(true);
    expect(match('learning machine', 'machine learning', 3)).toBe(false);
  });
});
