import { contentWords, isStopword } from './words.js';

/**
 * The understanding pass: what a careful model reads in a prompt before it answers. Pure and
 * deterministic (regular expressions and small tables, no model): the subject of the request, the
 * typed entities it names, and, for retrieval prompts, the question apart from the quoted context.
 */
export type EntityType = 'person' | 'place' | 'organisation' | 'date' | 'time' | 'email' | 'phone' | 'url' | 'code' | 'number' | 'quoted';

export interface Entity {
  type: EntityType;
  /** As written in the prompt (a place code expanded: "NYC" -> "New York"). */
  text: string;
  /** Numbers: the value; dates: ISO `YYYY-MM-DD` when the year is known or assumed. */
  value?: number | string;
  /** Offset in the prompt, for "first"/"second" order (from Boston ... to Denver). */
  at: number;
}

export interface Understanding {
  /** The noun phrase the request is about ("rainbow", "sky blue"), or '' when none. */
  subject: string;
  entities: Entity[];
  /** For retrieval prompts: the question, and the context passages it should be answered from. */
  question: string;
  context: string[];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const URL_RE = /\bhttps?:\/\/[^\s)>\]"']+/g;
const PHONE = /(?<![\w.-])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])/g;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const MONTH_DAY = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'gi');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'gi');
const TIME = /\b(\d{1,2})(?::(\d{2}))?\s?(am|pm)\b|\b([01]?\d|2[0-3]):([0-5]\d)\b/gi;
const CODE_IN_PARENS = /\(([A-Z]{2,4})\)/g;
const QUOTED = /"([^"\n]{1,200})"|“([^”\n]{1,200})”/g;
const NUMBER = /(?<![\w.])-?\d+(?:[.,]\d+)?(?![\w])/g;

/** Common abbreviations of places, expanded as a model would. */
const PLACE_ABBREVIATIONS: Record<string, string> = {
  NYC: 'New York', LA: 'Los Angeles', SF: 'San Francisco', DC: 'Washington', UK: 'United Kingdom', USA: 'United States',
  US: 'United States', UAE: 'United Arab Emirates', HK: 'Hong Kong', BOS: 'Boston', DEN: 'Denver', JFK: 'New York',
  LAX: 'Los Angeles', SFO: 'San Francisco', ORD: 'Chicago', SEA: 'Seattle', LHR: 'London', CDG: 'Paris', NRT: 'Tokyo',
  HND: 'Tokyo', FRA: 'Frankfurt', AMS: 'Amsterdam', ATL: 'Atlanta', DFW: 'Dallas', MIA: 'Miami', BER: 'Berlin',
};

/** Words that open a request rather than name its subject. */
const OPENERS = new Set(
  ('explain describe tell write give list summarize summarise define compare show find what whats how hows why where when ' +
    'who whose which can could would please help me us you i im ive id ill is are was does do did make create generate provide ' +
    'outline discuss detail essay long short brief paragraph paragraphs article story words sentence sentences answer question ' +
    'know think want need like let lets briefly quickly simply detailed thorough comprehensive about forms work works happen ' +
    'contact book meet call send email schedule remind search check convert add calculate set look plan order buy translate ' +
    'play open get').split(' '),
);

const PLACE_PREPOSITIONS = /\b(?:in|at|from|to|near|for|of|around|visit(?:ing)?|into|toward|towards|between|and)\s+$/i;
const PERSON_CUES = /\b(?:name is|named|called|i am|i'm|contact|ask|email|call|meet|from|by|with|dear|hi|hello)\s+$/i;
const ORG_SUFFIX = /\b(?:Inc|Corp|Corporation|Ltd|LLC|GmbH|AG|Company|University|Bank|Labs?)\b/;

export function understand(text: string): Understanding {
  const { question, context } = splitRetrieval(text);
  const focus = question || text;
  return { subject: subjectOf(focus), entities: entitiesOf(text), question, context };
}

/** The subject: content words of the request that are not openers, in order, at most three. */
export function subjectOf(text: string): string {
  const words = contentWords(text.replace(EMAIL, ' ').replace(URL_RE, ' ').replace(/['’]s\b/g, '')).filter((w) => !OPENERS.has(w) && !/^\d+$/.test(w) && w.length <= 40);
  return words.slice(0, 3).join(' ');
}

export function entitiesOf(text: string): Entity[] {
  const found: Entity[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const add = (entity: Entity, length: number) => {
    if (!free(entity.at, entity.at + length)) return;
    taken.push([entity.at, entity.at + length]);
    found.push(entity);
  };
  for (const m of text.matchAll(EMAIL)) add({ type: 'email', text: m[0], at: m.index ?? 0 }, m[0].length);
  for (const m of text.matchAll(URL_RE)) add({ type: 'url', text: m[0], at: m.index ?? 0 }, m[0].length);
  for (const m of text.matchAll(ISO_DATE)) add({ type: 'date', text: m[0], value: m[0], at: m.index ?? 0 }, m[0].length);
  for (const m of text.matchAll(MONTH_DAY)) add({ type: 'date', text: m[0], value: isoDate(m[3], m[1] as string, m[2] as string), at: m.index ?? 0 }, m[0].length);
  for (const m of text.matchAll(DAY_MONTH)) add({ type: 'date', text: m[0], value: isoDate(m[3], m[2] as string, m[1] as string), at: m.index ?? 0 }, m[0].length);
  for (const m of text.matchAll(PHONE)) add({ type: 'phone', text: m[0].trim(), at: m.index ?? 0 }, m[0].length);
  for (const m of text.matchAll(TIME)) add({ type: 'time', text: m[0], at: m.index ?? 0 }, m[0].length);
  for (const m of text.matchAll(QUOTED)) add({ type: 'quoted', text: (m[1] ?? m[2]) as string, at: m.index ?? 0 }, m[0].length);
  for (const m of text.matchAll(CODE_IN_PARENS)) add({ type: 'code', text: m[1] as string, at: m.index ?? 0 }, m[0].length);
  for (const entity of namedEntities(text)) add(entity, entity.text.length);
  for (const m of text.matchAll(NUMBER)) {
    add({ type: 'number', text: m[0], value: Number(m[0].replace(',', '.')), at: m.index ?? 0 }, m[0].length);
  }
  return found.sort((a, b) => a.at - b.at);
}

/** Capitalised phrases, typed by what precedes them and by small tables. */
function namedEntities(text: string): Entity[] {
  const out: Entity[] = [];
  const re = /\b(\p{Lu}[\p{L}'’-]*(?:\s+(?:of\s+|de\s+|van\s+)?\p{Lu}[\p{L}'’-]*)*)/gu;
  for (const match of text.matchAll(re)) {
    let phrase = (match[1] as string).replace(/['’]s$/, '');
    const at = match.index ?? 0;
    let before = text.slice(Math.max(0, at - 24), at);
    let sentenceStart = /(^|[.!?:\n]\s*)$/.test(text.slice(0, at));
    const first = phrase.split(/\s+/)[0] as string;
    if (OPENERS.has(first.toLowerCase().replace(/['’].*$/, '')) || isStopword(first.toLowerCase())) {
      // "How's the weather", "Tell me": drop the opener and keep what follows, if anything.
      const rest = phrase.split(/\s+/).slice(1).join(' ');
      if (rest === '') continue;
      before = `${before}${first} `;
      phrase = rest;
      sentenceStart = false;
    }
    if (MONTHS.includes(phrase.toLowerCase()) || /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(phrase)) continue;
    const abbreviation = PLACE_ABBREVIATIONS[phrase];
    if (abbreviation && /^[A-Z]{2,4}$/.test(phrase)) {
      out.push({ type: 'place', text: abbreviation, at });
      continue;
    }
    if (/^[A-Z]{2,5}$/.test(phrase)) {
      out.push({ type: 'organisation', text: phrase, at });
      continue;
    }
    let type: EntityType;
    if (ORG_SUFFIX.test(phrase)) type = 'organisation';
    else if (PLACE_PREPOSITIONS.test(before)) type = 'place';
    else if (PERSON_CUES.test(before) || /^\s*,\s*\d{1,3}\b/.test(text.slice(at + phrase.length))) type = 'person';
    else if (sentenceStart) type = /^\s*(?:,|is|was|works|lives|has|wants|said)\b/.test(text.slice(at + phrase.length)) ? 'person' : 'organisation';
    else type = 'person';
    out.push({ type, text: phrase, at: at + (match[1] as string).indexOf(phrase) });
  }
  return out;
}

function isoDate(year: string | undefined, month: string, day: string): string {
  const index = MONTHS.findIndex((m) => m.startsWith(month.toLowerCase().slice(0, 3)));
  const y = year ?? '2025';
  return `${y}-${String(index + 1).padStart(2, '0')}-${String(Number(day)).padStart(2, '0')}`;
}

/**
 * Retrieval prompts of the major frameworks put context passages before (or after) the question:
 * LangChain's "Use the following pieces of context ... Question: ...", LlamaIndex's "Context information
 * is below. --- ... Query: ...", and plain "Context: ... Question: ..." blocks. Returns the question and the
 * passages, or '' and [] for a prompt that is not one.
 */
export function splitRetrieval(text: string): { question: string; context: string[] } {
  const question = /(?:^|\n)\s*(?:Question|Query|User question|Q)\s*:\s*([\s\S]+?)\s*(?:\n\s*(?:Helpful Answer|Answer|A)\s*:\s*)?$/i.exec(text);
  if (!question) return { question: '', context: [] };
  const before = text.slice(0, question.index);
  const block =
    /(?:context(?: information)?(?: is below)?[^\n]*:?\s*\n)([\s\S]+)$/i.exec(before)?.[1] ??
    /(?:pieces of context[^\n]*\n)([\s\S]+)$/i.exec(before)?.[1];
  if (block === undefined) return { question: '', context: [] };
  const passages = block
    .split(/\n\s*(?:-{3,}|={3,}|\*{3,})\s*\n|\n\s*\n/)
    .map((p) => p.replace(/^-{3,}$/gm, '').trim())
    .filter((p) => p !== '' && !/^given the context information/i.test(p));
  return { question: (question[1] as string).trim(), context: passages };
}
