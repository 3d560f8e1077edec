import type { SeededRandom } from '../../../common/hash.js';
import { splitRetrieval, subjectOf } from './understanding.js';
import { contentStems } from './words.js';

/**
 * Deterministic prose: plausible, topical sentences built from the prompt's own content words and
 * a fixed phrase bank, so answers read like a model's and change only when the request changes.
 */
const NOUNS = ['detail', 'factor', 'step', 'example', 'pattern', 'context', 'result', 'assumption', 'constraint',
  'trade-off', 'question', 'principle', 'structure', 'signal', 'source', 'case', 'idea', 'goal'];
const ADJECTIVES = ['key', 'simple', 'useful', 'important', 'practical', 'common', 'clear', 'subtle', 'central',
  'careful', 'reliable', 'main'];
const VERBS = ['check', 'compare', 'examine', 'consider', 'measure', 'review', 'test', 'outline', 'weigh'];

const ANSWER_OPENERS = [
  'Here is a short answer about {t}.',
  '{T} comes down to a few {a} {n}s.',
  'Good question about {t}.',
  'When it comes to {t}, a {a} {n} matters most.',
];
const ANSWER_BODY = [
  'In short, {t} depends on the {n} and the {n2}.',
  'A {a} way to look at {t} is through its {n}.',
  'Most {n}s related to {t} become {a} once the {n2} is clear.',
  'It helps to {v} the {n} before drawing conclusions.',
  'The {a} part is how {t} relates to the {n}.',
  'Start with the {n}, then {v} the {n2}.',
  'Each {n} adds a {a} {n2} to the picture.',
  'That is the core idea, and the details follow from it.',
];
const THINKING = [
  'Okay, the user is asking about {t}.',
  'I should {v} the {n} first.',
  'The {a} {n} here is probably the {n2}.',
  'Let me keep the answer {a} and focused on {t}.',
  'I will {v} the {n2} before answering.',
];

/**
 * The topic phrase of a prompt: the subject of the request, not its opener ("Describe how a rainbow
 * forms" is about "rainbow"); for a retrieval prompt, the subject of its question; else a neutral fallback.
 */
export function topicOf(prompt: string): string {
  const { question } = splitRetrieval(prompt);
  const subject = subjectOf(question || prompt);
  return subject === '' ? 'this topic' : subject;
}

export function answerProse(rng: SeededRandom, topic: string): string {
  const sentences = [fill(rng.pick(ANSWER_OPENERS), rng, topic)];
  const count = rng.int(1, 3);
  const body = [...ANSWER_BODY];
  for (let i = 0; i < count; i++) {
    const index = rng.int(0, body.length - 1);
    sentences.push(fill(body.splice(index, 1)[0] as string, rng, topic));
  }
  return sentences.join(' ');
}

/** Reasoning text for thinking models; longer for higher think levels. */
export function thinkingProse(rng: SeededRandom, topic: string, sentences: number): string {
  const out = [fill(THINKING[0] as string, rng, topic)];
  const rest = THINKING.slice(1);
  for (let i = 1; i < sentences && rest.length > 0; i++) {
    out.push(fill(rest.splice(rng.int(0, rest.length - 1), 1)[0] as string, rng, topic));
  }
  return out.join(' ');
}

/**
 * An answer from retrieved context, as a model answers a RAG prompt: the context sentences that share
 * the most words (by stem) with the question, in their own words; "I don't know" when none does. The
 * context is the prompt's own (LangChain's, LlamaIndex's templates, "Context: ... Question: ...") or, for
 * a chat, the system prompt's ("Use the following pieces of retrieved context ...").
 */
export function retrievalAnswer(promptText: string, systemText: string): string | undefined {
  let { question, context } = splitRetrieval(promptText);
  if (context.length === 0 && /\bcontext\b/i.test(systemText) && systemText.length > 80) {
    const split = splitRetrieval(`${systemText}\nQuestion: ${promptText}`);
    question = split.question;
    context = split.context.length > 0 ? split.context : systemText.split(/\n\s*\n/).slice(1);
  }
  if (context.length === 0 || question === '') return undefined;
  const asked = new Set(contentStems(question));
  const sentences = context.flatMap((passage) => passage.split(/(?<=[.!?])\s+(?=\p{Lu}|\d)/u)).map((s) => s.trim()).filter((s) => s !== '');
  const scored = sentences
    .map((sentence, index) => ({ sentence, index, score: contentStems(sentence).filter((s) => asked.has(s)).length }))
    // At least half of what the question asks about: one shared word ("world") is not an answer.
    .filter((s) => s.score > 0 && s.score >= Math.ceil(asked.size / 2))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 2)
    .sort((a, b) => a.index - b.index);
  if (scored.length === 0) return "I don't know: the context does not say.";
  return scored.map((s) => (/[.!?]$/.test(s.sentence) ? s.sentence : `${s.sentence}.`)).join(' ');
}

/** Wording that asks for length: "write a long essay", "in detail", "500 words", "three paragraphs". */
const LONG_FORM = /\b(long|lengthy|essay|article|story|detailed|in detail|thorough|comprehensive|at length|elaborate|in depth|\d{3,} words|(?:\d+|two|three|four|five|several|many) paragraphs)\b/i;

export function asksForLength(prompt: string): boolean {
  return LONG_FORM.test(prompt);
}

/**
 * A long answer: paragraphs of topical sentences until about `tokens` tokens (the caller cuts at
 * num_predict), so a client has a long stream to read, pace (timing.tokenDelayMs) or abort.
 */
export function longProse(rng: SeededRandom, topic: string, tokens: number, count: (text: string) => number): string {
  const paragraphs: string[] = [];
  let total = 0;
  while (total < tokens) {
    const paragraph = answerProse(rng, topic);
    paragraphs.push(paragraph);
    total += count(paragraph) + 1;
  }
  return paragraphs.join('\n\n');
}

function fill(template: string, rng: SeededRandom, topic: string): string {
  const n = rng.pick(NOUNS);
  let n2 = rng.pick(NOUNS);
  if (n2 === n) n2 = NOUNS[(NOUNS.indexOf(n) + 1) % NOUNS.length] as string;
  const values: Record<string, string> = {
    T: topic.charAt(0).toUpperCase() + topic.slice(1),
    t: topic,
    n,
    n2,
    a: rng.pick(ADJECTIVES),
    v: rng.pick(VERBS),
  };
  return template.replace(/\{(T|t|n2|n|a|v)\}/g, (_, key: string) => values[key] as string);
}
