import { tokenize } from './words.js';

/** The pieces a reply streams in: one token per chunk, as a model emits them. */
export function splitPieces(text: string): string[] {
  return text === '' ? [] : tokenize(text);
}
