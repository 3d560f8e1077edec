/**
 * Fuzz cases for the fake Ollama: every route of its table with valid-looking bodies broken in every
 * way the mutations know, odd URLs and methods, and raw transport oddities. Each case says which error
 * format a refusal must have (the route's own), so the check can tell a real answer from a crash.
 */
import { SeededRandom } from '../../src/common/hash.js';
import { ROUTE_TABLE } from '../../src/fakes/ollama/router.js';
import { BODY_MUTATIONS, type Json } from './mutations.js';
import { requestBytes } from './raw-http.js';

export type ErrorFormat = 'ollama' | 'openai' | 'anthropic' | 'milvus' | 'text' | 'any';

export interface FuzzCase {
  id: string;
  kind: string;
  bytes: Buffer;
  /** The format of a 4xx answer, from the route the path matches. */
  format: ErrorFormat;
  /** Whether the client half-closes after sending (false: it keeps the connection open, waiting). */
  end: boolean;
  /** False when the server may rightly wait for bytes that never come (an incomplete body). */
  mustAnswer: boolean;
}

const TOOL = { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
const MESSAGES = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is the weather in Paris?' }];

/** A plausible body per JSON route; mutations start from these. */
const TEMPLATES: Readonly<Record<string, Json>> = {
  show: { model: 'llama3.2' },
  generate: { model: 'llama3.2', prompt: 'Why is the sky blue?', stream: false, format: { type: 'object', properties: { a: { type: 'string' } } }, options: { seed: 1, num_predict: 20, stop: ['\n'] }, keep_alive: '5m' },
  chat: { model: 'llama3.2', messages: MESSAGES, tools: [TOOL], stream: true, think: false, options: { temperature: 0.2 } },
  embed: { model: 'all-minilm', input: ['a', 'b'], truncate: true, dimensions: 8 },
  embeddings: { model: 'all-minilm', prompt: 'hello' },
  pull: { model: 'llama3.2', stream: false },
  push: { model: 'llama3.2', stream: false },
  create: { model: 'mine', from: 'llama3.2', system: 'You are terse.', parameters: { temperature: 0.1 }, stream: false },
  copy: { source: 'llama3.2', destination: 'copy-of-llama' },
  delete: { model: 'copy-of-llama' },
  'openai.chat': { model: 'llama3.2', messages: MESSAGES, tools: [TOOL], stream: false, response_format: { type: 'json_object' }, max_tokens: 20 },
  'openai.completions': { model: 'llama3.2', prompt: 'Say hi', max_tokens: 10, stream: true },
  'openai.embeddings': { model: 'all-minilm', input: 'hello', encoding_format: 'float' },
  'openai.responses': {
    model: 'qwen3:0.6b',
    instructions: 'Be brief.',
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] }, { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' }, { type: 'function_call_output', call_id: 'c1', output: 'sunny' }],
    tools: [{ type: 'function', name: 'get_weather', parameters: TOOL.function.parameters }],
    reasoning: { effort: 'low' },
    text: { format: { type: 'json_schema', name: 'w', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
    max_output_tokens: 30,
    stream: true,
  },
  'anthropic.messages': {
    model: 'qwen3:0.6b',
    max_tokens: 30,
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [{ role: 'user', content: 'Weather in Paris?' }, { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'get_weather', input: { city: 'Paris' } }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content: 'sunny' }] }],
    tools: [{ name: 'get_weather', input_schema: TOOL.function.parameters }],
    thinking: { type: 'enabled', budget_tokens: 100 },
    stop_sequences: ['\n'],
    stream: true,
  },
};

/** A concrete path for a route pattern (the table's regular expressions are anchored literals). */
function pathOf(pattern: RegExp): string {
  return pattern.source
    .replace(/^\^|\$$/g, '')
    .replace(/\(\?<digest>[^)]*\)/, `sha256:${'0'.repeat(64)}`)
    .replace(/\(\?<model>[^)]*\)/, 'llama3.2')
    .replace(/\\\//g, '/');
}

const ODD_TARGETS = [
  '/api/chat?x=%zz', '//api/chat', '/api/../api/chat', '/api/blobs/%', '/api/blobs/%E0%A4%A', '/v1/models/%ff', '/api/chat/',
  `/api/chat?${'q='.repeat(2000)}`, '/api/chat#frag', 'http://127.0.0.1/api/chat', '*', '/%00', '/api/%2e%2e/chat',
  `/${'a'.repeat(10_000)}`, '/api/tags?%', '/\u00e9t\u00e9', '/api/blobs/..%2f..%2fetc%2fpasswd', '/v1/models/a%2Fb',
];
const ODD_METHODS = ['PROPFIND', 'PATCH', 'PUT', 'OPTIONS', 'TRACE', 'CONNECT', 'HEAD', 'GET', 'DELETE', 'X-CUSTOM'];

function formatOf(path: string): ErrorFormat {
  const route = ROUTE_TABLE.find((r) => r.pattern.test(path.split('?')[0] as string));
  return route ? route.format : 'text';
}

/** Raw byte sequences that no well-behaved client sends. */
function transportCase(rng: SeededRandom, target: string): { kind: string; bytes: Buffer; end: boolean; mustAnswer: boolean } {
  const body = Buffer.from(JSON.stringify(TEMPLATES.chat));
  const variants: Array<() => { kind: string; bytes: Buffer; end: boolean; mustAnswer: boolean }> = [
    () => ({ kind: 'garbage', bytes: Buffer.from(rng.string(rng.int(1, 300), 'ab\r\n :/\u0000\u00ff{}[]"')), end: true, mustAnswer: false }),
    () => ({ kind: 'http2-preface', bytes: Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0000\u0000', 'latin1'), end: true, mustAnswer: false }),
    () => ({ kind: 'bad-chunked', bytes: requestBytes('POST', target, { 'transfer-encoding': 'chunked' }, Buffer.from('zz\r\nabc\r\n0\r\n\r\n')), end: true, mustAnswer: false }),
    () => ({ kind: 'chunked-ok', bytes: requestBytes('POST', target, { 'transfer-encoding': 'chunked' }, Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])), end: true, mustAnswer: true }),
    () => ({ kind: 'short-body-closed', bytes: requestBytes('POST', target, { 'content-length': '5000' }, body), end: true, mustAnswer: false }),
    () => ({ kind: 'short-body-open', bytes: requestBytes('POST', target, { 'content-length': '5000' }, body), end: false, mustAnswer: false }),
    () => ({ kind: 'get-with-unsent-body', bytes: requestBytes('GET', '/api/version', { 'content-length': '100' }), end: false, mustAnswer: true }),
    () => ({ kind: 'unknown-path-with-unsent-body', bytes: requestBytes('POST', '/api/nope', { 'content-length': '100' }), end: false, mustAnswer: true }),
    () => ({ kind: 'two-content-lengths', bytes: requestBytes('POST', target, { 'content-length': `${body.length}, 3` }, body), end: true, mustAnswer: true }),
    () => ({ kind: 'huge-header', bytes: requestBytes('GET', '/api/version', { 'x-big': 'a'.repeat(100_000) }), end: true, mustAnswer: false }),
    () => ({ kind: 'http10', bytes: Buffer.from(`GET /api/version HTTP/1.0\r\n\r\n`), end: true, mustAnswer: true }),
    () => ({ kind: 'pipelined', bytes: Buffer.concat([requestBytes('GET', '/api/version', { connection: 'keep-alive' }), requestBytes('POST', target, {}, body)]), end: true, mustAnswer: true }),
    () => ({ kind: 'expect-continue', bytes: requestBytes('POST', target, { expect: '100-continue', 'content-length': String(body.length) }), end: false, mustAnswer: false }),
    () => ({ kind: 'gzip-garbage', bytes: requestBytes('POST', target, { 'content-encoding': 'gzip' }, Buffer.from('not gzip')), end: true, mustAnswer: true }),
    () => ({ kind: 'bad-header-bytes', bytes: Buffer.from(`GET /api/version HTTP/1.1\r\nhost: x\r\nx-a\u0000b: 1\r\nconnection: close\r\n\r\n`, 'latin1'), end: true, mustAnswer: false }),
  ];
  return rng.pick(variants)();
}

/** `count` cases from `seed`; the same arguments give the same cases in every process. */
export function ollamaCases(seed: number, count: number): FuzzCase[] {
  const rng = new SeededRandom(seed);
  const jsonRoutes = ROUTE_TABLE.filter((r) => r.json);
  const cases: FuzzCase[] = [];
  const mutations = Object.entries(BODY_MUTATIONS);
  for (let i = 0; i < count; i++) {
    const id = `ollama#${seed}/${i}`;
    const roll = rng.next();
    if (roll < 0.75) {
      const route = rng.pick(jsonRoutes);
      const [name, mutate] = rng.pick(mutations);
      const { kind, body } = mutate(rng, TEMPLATES[route.name] ?? { model: 'llama3.2' });
      const method = route.methods[0] as string;
      const headers: Record<string, string> = rng.next() < 0.2 ? { 'content-type': rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']) } : { 'content-type': 'application/json' };
      if (rng.next() < 0.1) headers.origin = rng.pick(['http://evil.example', 'null', 'http://localhost:3000']);
      cases.push({ id, kind: `${route.name}:${name}:${kind}`, bytes: requestBytes(method, pathOf(route.pattern), headers, body), format: route.format, end: true, mustAnswer: true });
    } else if (roll < 0.87) {
      const target = rng.pick(ODD_TARGETS);
      const method = rng.pick(ODD_METHODS);
      const body = rng.next() < 0.5 ? Buffer.from(JSON.stringify(TEMPLATES.chat)) : undefined;
      cases.push({ id, kind: `url:${method}`, bytes: requestBytes(method, target, {}, body), format: 'any', end: true, mustAnswer: !target.includes('\u00e9') });
    } else {
      const route = rng.pick(jsonRoutes);
      const path = pathOf(route.pattern);
      const t = transportCase(rng, path);
      cases.push({ id, kind: `transport:${t.kind}`, bytes: t.bytes, format: formatOf(path), end: t.end, mustAnswer: t.mustAnswer });
    }
  }
  return cases;
}
