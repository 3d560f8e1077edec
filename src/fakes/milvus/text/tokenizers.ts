/**
 * Tokenizers of Milvus' analyzer (tantivy-binding `tokenizers/tokenizer.rs`):
 * - `standard`: tantivy's SimpleTokenizer (the default of `standard_tokenizer.rs` is asserted equal to
 *   it): maximal runs of characters for which Rust's `char::is_alphanumeric` holds (Unicode Alphabetic
 *   or Numeric), so `_`, `-`, `'` and `.` split words;
 * - `whitespace`: tantivy's WhitespaceTokenizer: maximal runs of non-White_Space characters.
 * Positions count tokens from 0; offsets are UTF-16 indexes here and become UTF-8 byte offsets only
 * when RunAnalyzer reports them (see `byteOffsets`).
 */
export interface Token {
  text: string;
  /** UTF-16 index of the first character in the source text. */
  readonly start: number;
  /** UTF-16 index after the last character. */
  readonly end: number;
  readonly position: number;
}

export type Tokenizer = (text: string) => Token[];

const ALNUM_RUN = /[\p{Alphabetic}\p{N}]+/gu;
const NON_SPACE_RUN = /\P{White_Space}+/gu;

function runs(pattern: RegExp): Tokenizer {
  return (text) => {
    const out: Token[] = [];
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null) {
      out.push({ text: m[0], start: m.index, end: m.index + m[0].length, position: out.length });
    }
    return out;
  };
}

export const standardTokenizer: Tokenizer = runs(ALNUM_RUN);
export const whitespaceTokenizer: Tokenizer = runs(NON_SPACE_RUN);

/**
 * UTF-8 byte offsets of UTF-16 indexes (ascending), as tantivy reports `offset_from` / `offset_to`.
 *
 * @example
 * byteOffsets('é a', [0, 1, 2]); // [0, 2, 3]
 */
export function byteOffsets(text: string, indexes: readonly number[]): number[] {
  const out: number[] = [];
  let bytes = 0;
  let at = 0;
  for (const index of indexes) {
    for (; at < index; at++) {
      const c = text.charCodeAt(at);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        bytes += 4;
        at++;
      } else bytes += 3;
    }
    out.push(bytes);
  }
  return out;
}
