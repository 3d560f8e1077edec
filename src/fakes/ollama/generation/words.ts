/**
 * Word-level text handling shared by generation, tool choice and embeddings: tokens that
 * concatenate back to the text, content words, and a light stemmer so that "cats" and "cat",
 * "running" and "run" land on the same feature.
 */

/** Splits text into pieces that join back to it exactly: a word or a symbol, with its leading space. */
export function tokenize(text: string): string[] {
  return text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]|\s+/gu) ?? [];
}

/** Token count the way the fake reports `prompt_eval_count` / `eval_count`. */
export function countTokens(text: string): number {
  return tokenize(text).length;
}

const STOPWORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto about as is are was were be been ' +
    'being am do does did doing have has had having i me my mine we us our you your he him his she her it its ' +
    'they them their this that these those what which who whom whose when where why how all any both each few ' +
    'more most other some such no nor not only own same so than too very can will just should would could may ' +
    'might must shall there here up down out over under again further once please tell give show me let get ' +
    'find say said also use using used'
  ).split(' '),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/** Lower-case words (letters and digits) of the text, in order. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Words that carry meaning: not stopwords, not single characters. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

const SUFFIXES = ['ational', 'ization', 'fulness', 'ousness', 'iveness', 'ations', 'ation', 'ments', 'ment', 'ness',
  'ings', 'ing', 'ies', 'ied', 'edly', 'ed', 'ers', 'er', 'ly', 'es', 's'];

/** A crude suffix-stripping stemmer: enough for "documents"/"document", "running"/"run". */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3) return w;
  for (const suffix of SUFFIXES) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      let base = w.slice(0, -suffix.length);
      if (suffix === 'ies' || suffix === 'ied') base += 'y';
      // "running" -> "runn" -> "run"
      if (base.length >= 3 && base[base.length - 1] === base[base.length - 2] && !/[aeiouls]/.test(base.slice(-1))) {
        base = base.slice(0, -1);
      }
      return base;
    }
  }
  return w;
}

/** Stems of the content words. */
export function contentStems(text: string): string[] {
  return contentWords(text).map(stem);
}

/** Sequences of capitalised words ("New York", "Tokyo") that are not at a sentence start only by grammar. */
export function properNouns(text: string): string[] {
  const found: string[] = [];
  const re = /\b(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)*)/gu;
  for (const match of text.matchAll(re)) {
    const phrase = match[1] as string;
    const start = match.index ?? 0;
    const before = text.slice(0, start).trimEnd();
    const sentenceStart = before === '' || /[.!?]$/.test(before);
    if (sentenceStart && isStopword(phrase.split(/\s+/)[0] as string)) continue;
    if (sentenceStart && !/\s/.test(phrase) && isCommonSentenceOpener(phrase)) continue;
    found.push(phrase);
  }
  return found;
}

function isCommonSentenceOpener(word: string): boolean {
  return /^(What|Whats|How|Why|When|Where|Which|Who|Please|Can|Could|Would|Is|Are|Do|Does|Tell|Give|Show|Find|Get|Hi|Hello|Hey|I|It|The|A|An)$/.test(
    word,
  );
}

/** Numbers written in the text, in order. */
export function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/**
 * The parts of identifiers written in the text: `likeMatcher` -> like, matcher; `HTTPServer2` -> http,
 * server, 2; `parse_json` and `kebab-case` are already words. Only tokens that split are returned
 * (the whole identifier stays a word of its own).
 */
export function identifierParts(text: string): string[] {
  const out: string[] = [];
  for (const token of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const parts = token.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u);
    if (parts.length > 1) for (const part of parts) out.push(part.toLowerCase());
  }
  return out;
}
