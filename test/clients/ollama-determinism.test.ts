import fetch from 'node-fetch';
import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** Same request, same bytes; and the options that are meant to change or cut an answer. */
const at = '2026-01-01T00:00:00Z';
let a: StartedFakeOllama;
let b: StartedFakeOllama;
let ollama: Ollama;

beforeAll(async () => {
  [a, b] = await Promise.all([
    startFakeOllama({ clock: new FixedClock(at) }),
    startFakeOllama({ clock: new FixedClock(at) }),
  ]);
  ollama = new Ollama({ host: a.url });
});
afterAll(() => Promise.all([a.close(), b.close()]));

const raw = async (fake: StartedFakeOllama, path: string, body: unknown) => {
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return Buffer.from(await res.arrayBuffer());
};

describe('byte-identical replies with a FixedClock', () => {
  test.each([
    ['/api/generate', { model: 'llama3.2', prompt: 'Why is the sky blue?' }],
    ['/api/chat', { model: 'qwen3:0.6b', stream: false, messages: [{ role: 'user', content: 'Plan a trip to Rome' }] }],
    ['/api/embed', { model: 'nomic-embed-text', input: ['one text', 'another text'] }],
    ['/v1/chat/completions', { model: 'llama3.2', stream: true, messages: [{ role: 'user', content: 'hello' }] }],
  ])('%s: twice on one fake and once on another give the same bytes', async (path, body) => {
    const first = await raw(a, path, body);
    expect(first.length).toBeGreaterThan(50);
    expect((await raw(a, path, body)).equals(first)).toBe(true);
    expect((await raw(b, path, body)).equals(first)).toBe(true);
  });

  test('stream flag and keep_alive do not change the text', async () => {
    const prompt = 'Name three rivers';
    const whole = await ollama.generate({ model: 'llama3.2', prompt, keep_alive: '1h' });
    let streamed = '';
    for await (const chunk of await ollama.generate({ model: 'llama3.2', prompt, stream: true }))
      streamed += chunk.response;
    expect(streamed).toBe(whole.response);
  });
});

describe('what changes an answer', () => {
  const ask = (extra: object) => ollama.generate({ model: 'llama3.2', prompt: 'Describe the moon', ...extra });

  test('options.seed changes the answer; the same seed repeats it', async () => {
    const one = (await ask({ options: { seed: 1 } })).response;
    expect((await ask({ options: { seed: 1 } })).response).toBe(one);
    expect((await ask({ options: { seed: 2 } })).response).not.toBe(one);
  });

  test('the configured seed changes every answer', async () => {
    await using seeded = await startFakeOllama({ clock: new FixedClock(at), seed: 42 });
    const body = { model: 'llama3.2', prompt: 'Describe the moon', stream: false };
    expect((await raw(seeded, '/api/generate', body)).equals(await raw(a, '/api/generate', body))).toBe(false);
  });

  test('a different prompt gives a different answer about its own topic', async () => {
    const res = await ollama.generate({ model: 'llama3.2', prompt: 'Explain photosynthesis in plants' });
    expect(res.response!.toLowerCase()).toContain('photosynthesis');
  });
});

describe('what cuts an answer', () => {
  test('num_predict stops at that many tokens with done_reason length', async () => {
    const full = await ollama.generate({ model: 'llama3.2', prompt: 'Describe the moon' });
    const cut = await ollama.generate({ model: 'llama3.2', prompt: 'Describe the moon', options: { num_predict: 4 } });
    expect(cut).toMatchObject({ done_reason: 'length', eval_count: 4 });
    expect(full.response!.startsWith(cut.response!)).toBe(true);
    expect(cut.response!.length).toBeLessThan(full.response!.length);
    const chunks = [];
    for await (const c of await ollama.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Describe the moon' }],
      options: { num_predict: 4 },
      stream: true,
    }))
      chunks.push(c);
    expect(chunks.filter((c) => c.message.content !== '')).toHaveLength(4);
    expect(chunks[chunks.length - 1]).toMatchObject({ done: true, done_reason: 'length' });
  });

  test('stop cuts before the first stop string, which is left out', async () => {
    const full = (await ollama.generate({ model: 'llama3.2', prompt: 'Describe the moon' })).response!;
    const word = full.split(' ')[3]!;
    const cut = await ollama.generate({ model: 'llama3.2', prompt: 'Describe the moon', options: { stop: [word] } });
    expect(cut.response).toBe(full.slice(0, full.indexOf(word)));
    expect(cut.done_reason).toBe('stop');
  });
});

describe('long answers', () => {
  test('a request for length gets a long answer, in paragraphs, that a client can abort mid-stream', async () => {
    const essay = await ollama.generate({ model: 'llama3.2', prompt: 'Write a long essay about rivers' });
    expect(essay.eval_count).toBeGreaterThan(600);
    expect(essay.done_reason).toBe('stop');
    expect(essay.response).toContain('\n\n');
    // Paced like a model (timing.tokenDelayMs), the stream is long in time too: the client leaves early.
    await using paced = await startFakeOllama({ clock: new FixedClock(at), env: false, timing: { tokenDelayMs: 5 } });
    const client = new Ollama({ host: paced.url });
    let chunks = 0;
    const stream = await client.generate({ model: 'llama3.2', prompt: 'Write a long essay about rivers', stream: true });
    const read = (async () => {
      for await (const _ of stream) if (++chunks === 50) stream.abort();
    })();
    await expect(read).rejects.toThrow(/abort/i);
    expect(chunks).toBeLessThan(essay.eval_count as number);
    await expect.poll(() => paced.journal({ route: 'generate' })[0]?.aborted, { timeout: 10_000 }).toBe(true);
  });

  test('num_predict is an upper bound: a roomy one is filled, and cuts with done_reason length', async () => {
    const roomy = await ollama.generate({ model: 'llama3.2', prompt: 'Tell me about tides', options: { num_predict: 300 } });
    expect(roomy).toMatchObject({ eval_count: 300, done_reason: 'length' });
    const short = await ollama.generate({ model: 'llama3.2', prompt: 'Write a long essay about rivers', options: { num_predict: 20 } });
    expect(short).toMatchObject({ eval_count: 20, done_reason: 'length' });
    const plain = await ollama.generate({ model: 'llama3.2', prompt: 'Tell me about tides', options: { num_predict: 100 } });
    expect(plain.eval_count).toBeLessThan(100);
    expect(plain.done_reason).toBe('stop');
  });
});

describe('keep_alive drives /api/ps', () => {
  test('a duration string, seconds, and a negative value (forever)', async () => {
    await using fake = await startFakeOllama({ clock: new FixedClock(at) });
    const client = new Ollama({ host: fake.url });
    await client.generate({ model: 'llama3.2', prompt: '', keep_alive: '10m' });
    await client.embed({ model: 'all-minilm', input: 'x', keep_alive: 90 });
    await client.chat({ model: 'qwen3:0.6b', messages: [], keep_alive: -1 });
    const ps = (await client.ps()).models.map((m) => [m.name, m.expires_at]);
    expect(ps).toEqual([
      ['qwen3:0.6b', expect.stringMatching(/^2318-/)],
      ['llama3.2:latest', '2026-01-01T00:10:00Z'],
      ['all-minilm:latest', '2026-01-01T00:01:30Z'],
    ]);
  });
});

describe('the model lists are in the same order in every run', () => {
  /** A clock that moves one millisecond on every read: the worst case for models added "at once". */
  const ticking = () => {
    let ms = Date.parse(at);
    return { now: () => ms++ };
  };

  test('/api/tags and /v1/models list the configured catalog by name, whatever the clock did between models', async () => {
    const lists: string[][] = [];
    for (let i = 0; i < 3; i++) {
      await using fake = await startFakeOllama({ clock: ticking(), env: false, extraModels: [{ name: 'zeta:1b' }, { name: 'alpha:1b' }] });
      const tags = (await new Ollama({ host: fake.url }).list()).models.map((m) => m.name);
      const v1 = ((await (await fetch(`${fake.url}/v1/models`)).json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
      expect(v1).toEqual(tags);
      lists.push(tags);
    }
    expect(lists[0]).toEqual([...(lists[0] as string[])].sort());
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[2]).toEqual(lists[0]);
  });

  test('models pulled later come first, the latest first even within one millisecond', async () => {
    await using fake = await startFakeOllama({ clock: new FixedClock(at), env: false });
    const ollama = new Ollama({ host: fake.url });
    await ollama.pull({ model: 'first:1b' });
    await ollama.pull({ model: 'second:1b' });
    expect((await ollama.list()).models.slice(0, 2).map((m) => m.name)).toEqual(['second:1b', 'first:1b']);
  });
});
