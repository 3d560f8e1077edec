import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** generate / chat / embed / embeddings through ollama-js, streaming and not. */
let fake: StartedFakeOllama;
let ollama: Ollama;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  ollama = new Ollama({ host: fake.url });
});
afterAll(() => fake.close());

const METRICS = [
  'total_duration',
  'load_duration',
  'prompt_eval_count',
  'prompt_eval_duration',
  'eval_count',
  'eval_duration',
];

describe('generate', () => {
  test('non-streaming: one object with the whole response, context and metrics', async () => {
    const res = await ollama.generate({ model: 'llama3.2', prompt: 'Why is the sky blue?' });
    expect(res).toMatchObject({
      model: 'llama3.2',
      created_at: '2026-01-01T00:00:00Z',
      done: true,
      done_reason: 'stop',
    });
    expect(res.response?.length).toBeGreaterThan(20);
    expect(Array.isArray(res.context)).toBe(true);
    for (const key of METRICS) expect(Number.isInteger((res as unknown as Record<string, number>)[key])).toBe(true);
    expect(res.eval_count).toBeGreaterThan(0);
  });

  test('streaming: pieces add up to the same text; only the last chunk has done, metrics and context', async () => {
    const request = { model: 'llama3.2', prompt: 'Explain tides briefly' };
    const whole = await ollama.generate(request);
    const chunks = [];
    for await (const chunk of await ollama.generate({ ...request, stream: true })) chunks.push(chunk);
    const last = chunks[chunks.length - 1]!;
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((c) => c.response).join('')).toBe(whole.response);
    expect(last).toMatchObject({ done: true, done_reason: 'stop', response: '', eval_count: whole.eval_count });
    expect(last.context).toEqual(whole.context);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.done).toBe(false);
      for (const key of [...METRICS, 'context', 'done_reason']) expect(chunk).not.toHaveProperty(key);
    }
  });

  test('raw: true leaves out context', async () => {
    const res = await ollama.generate({ model: 'llama3.2', prompt: 'hello there', raw: true });
    expect(res).not.toHaveProperty('context');
  });

  test('echoes the model exactly as sent', async () => {
    const res = await ollama.generate({ model: 'LLAMA3.2:latest', prompt: 'hi' });
    expect(res.model).toBe('LLAMA3.2:latest');
  });
});

describe('chat', () => {
  const messages = [{ role: 'user', content: 'What is a black hole?' }];

  test('non-streaming: assistant message with metrics', async () => {
    const res = await ollama.chat({ model: 'llama3.2', messages });
    expect(res.message.role).toBe('assistant');
    expect(res.message.content.length).toBeGreaterThan(10);
    expect(res).toMatchObject({ done: true, done_reason: 'stop' });
    expect(res.prompt_eval_count).toBeGreaterThan(0);
  });

  test('streaming: every chunk carries message.content; metrics only on the done chunk', async () => {
    const chunks = [];
    for await (const chunk of await ollama.chat({ model: 'llama3.2', messages, stream: true })) chunks.push(chunk);
    const last = chunks[chunks.length - 1]!;
    expect(last).toMatchObject({ done: true, done_reason: 'stop', message: { role: 'assistant', content: '' } });
    for (const chunk of chunks) expect(typeof chunk.message.content).toBe('string');
    for (const chunk of chunks.slice(0, -1)) expect(chunk).not.toHaveProperty('eval_count');
    const whole = await ollama.chat({ model: 'llama3.2', messages });
    expect(chunks.map((c) => c.message.content).join('')).toBe(whole.message.content);
  });
});

describe('embed and embeddings', () => {
  test('embed: one unit vector per input with the model dimension and prompt_eval_count', async () => {
    const res = await ollama.embed({ model: 'nomic-embed-text', input: ['first text', 'second text'] });
    expect(res.model).toBe('nomic-embed-text');
    expect(res.embeddings).toHaveLength(2);
    for (const v of res.embeddings) {
      expect(v).toHaveLength(768);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    expect(res.prompt_eval_count).toBeGreaterThan(0);
    expect(res.total_duration).toBeGreaterThan(0);
  });

  test('embed: a single string input and an empty input', async () => {
    expect((await ollama.embed({ model: 'all-minilm', input: 'one' })).embeddings).toHaveLength(1);
    expect(await ollama.embed({ model: 'all-minilm', input: [] })).toEqual({ model: 'all-minilm', embeddings: [] });
  });

  test('embeddings (legacy): one vector, not normalised; empty prompt gives []', async () => {
    const { embedding } = await ollama.embeddings({ model: 'all-minilm', prompt: 'hello world' });
    expect(embedding).toHaveLength(384);
    expect(Math.abs(Math.hypot(...embedding) - 1)).toBeGreaterThan(0.01);
    expect(await ollama.embeddings({ model: 'all-minilm', prompt: '' })).toEqual({ embedding: [] });
  });
});

describe('abort', () => {
  const messages = [{ role: 'user', content: 'Tell me a long story about the sea and ships' }];

  test('abort() on a stream rejects the iterator, and the journal shows the request aborted', async () => {
    await using slow = await startFakeOllama({ timing: { tokenDelayMs: 20 } });
    const client = new Ollama({ host: slow.url });
    const stream = await client.chat({ model: 'llama3.2', messages, stream: true });
    let seen = 0;
    const consume = (async () => {
      for await (const _ of stream) if (++seen === 2) stream.abort();
    })();
    await expect(consume).rejects.toMatchObject({ name: 'AbortError' });
    const entry = await waitFor(slow, (e) => e.aborted === true);
    expect(entry).toMatchObject({ route: 'chat', stream: true, aborted: true, status: 200 });
    expect(entry.chunksSent).toBeLessThan(10);
    const sentThen = entry.chunksSent;
    await new Promise((r) => setTimeout(r, 80));
    expect((await journal(slow))[0]!.chunksSent).toBe(sentThen);
  });
});

interface Entry {
  route: string;
  aborted: boolean;
  chunksSent: number;
  status?: number;
  stream: boolean;
}

async function journal(f: StartedFakeOllama): Promise<Entry[]> {
  const res = await fetch(`${f.url}/_fake/journal`);
  return ((await res.json()) as { entries: Entry[] }).entries;
}

async function waitFor(f: StartedFakeOllama, ok: (e: Entry) => boolean): Promise<Entry> {
  for (let i = 0; i < 100; i++) {
    const hit = (await journal(f)).find(ok);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('journal never showed the expected entry');
}
