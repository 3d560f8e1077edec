import { SeededRandom, hashParts } from '../../../common/hash.js';
import { splitPieces } from './stream-pieces.js';

/**
 * Token log-probabilities for a generated reply, shaped as Ollama's api.Logprob (api/types.go):
 * `{token, logprob, bytes, top_logprobs?}`, `bytes` being the token's UTF-8 bytes (server/logprob.go
 * toAPILogprobs) and `top_logprobs` left out when none were asked for.
 *
 * A pure function of the tokens and a salt: the tokens are the pieces the reply streams in, so they
 * concatenate to the text; the chosen token always has a probability above one half and every
 * alternative shares what is left, in decreasing order, so the chosen token is the most likely one and
 * the probabilities of a position never sum to more than 1.
 */
export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes?: number[];
}

export interface Logprob extends TokenLogprob {
  top_logprobs?: TokenLogprob[];
}

/** Plausible runner-up pieces; a leading space follows the chosen token's own. */
const ALTERNATIVES = [
  'the', 'a', 'and', 'of', 'to', 'in', 'is', 'it', 'that', 'this', 'for', 'with', 'as', 'on', 'be', 'by', 'an',
  'are', 'or', 'can', 'more', 'one', 'not', 'at', 'from', 'which', 'also', 'has', 'its', 'their',
  '.', ',', ':', ';', '!', '?', '-', '\n',
];

const encoder = new TextEncoder();

function entry(token: string, logprob: number): TokenLogprob {
  // toAPILogprobs leaves `bytes` out for an empty token.
  return token === '' ? { token, logprob } : { token, logprob, bytes: Array.from(encoder.encode(token)) };
}

/** Logprobs of `tokens`, each with `top` alternatives (0-20, the chosen token first). */
export function logprobsFor(tokens: readonly string[], top: number, salt: number, offset = 0): Logprob[] {
  return tokens.map((token, i) => {
    const rng = new SeededRandom(hashParts('logprob', salt, offset + i, token));
    // Chosen: p in (0.5, 0.995]; alternatives split the remainder, each less than half of what is left.
    const chosenP = 0.5 + 0.495 * (1 - rng.next() ** 2);
    const chosen = round(Math.log(chosenP));
    const out: Logprob = entry(token, chosen);
    if (top <= 0) return out;
    const list: TokenLogprob[] = [entry(token, chosen)];
    const space = /^\s/.test(token) ? ' ' : '';
    // A little mass is left unassigned, so rounding never pushes a position past a total of 1.
    let remaining = (1 - chosenP) * 0.99;
    const start = Math.floor(rng.next() * ALTERNATIVES.length);
    // 38 candidates, at most one of them the chosen token: always enough for 20.
    for (let k = 0; k < ALTERNATIVES.length && list.length < top; k++) {
      const base = ALTERNATIVES[(start + k) % ALTERNATIVES.length] as string;
      const candidate = /^\p{L}/u.test(base) ? `${space}${base}` : base;
      if (candidate === token) continue;
      // At least half of what is left, so the next one (at most 0.6 of the other half) is always smaller.
      const share = remaining * (0.5 + 0.1 * rng.next());
      remaining -= share;
      list.push(entry(candidate, round(Math.log(share))));
    }
    out.top_logprobs = list;
    return out;
  });
}

/** Six significant digits: enough to look like a model's floats, stable across engines. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

/** What a request asked for: `logprobs: true` (top_logprobs alone turns nothing on, as in Ollama). */
export interface LogprobRequest {
  top: number;
}

/** The logprobs of a reply's streamed pieces: thinking first, then content, as the runner emits them. */
export function replyLogprobs(reply: { thinking: string; content: string; salt: number }, request: LogprobRequest) {
  const thinking = splitPieces(reply.thinking);
  return {
    thinking: logprobsFor(thinking, request.top, reply.salt),
    content: logprobsFor(splitPieces(reply.content), request.top, reply.salt, thinking.length),
  };
}
