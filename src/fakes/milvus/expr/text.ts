/**
 * The fake's analyzer for `text_match`: lowercase runs of letters and digits, an approximation of Milvus'
 * default `standard` analyzer (Unicode word segmentation plus lowercasing) that is exact for plain words.
 */
const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * @example
 * textTokens('Hello, World-42!'); // ['hello', 'world', '42']
 */
export function textTokens(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).slice();
}
