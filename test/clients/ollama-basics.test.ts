import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

let fake: StartedFakeOllama;
let ollama: Ollama;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  ollama = new Ollama({ host: fake.url });
});
afterAll(() => fake.close());

describe('fake Ollama through the official client', () => {
  test('reports its version and lists the default catalog', async () => {
    expect(await ollama.version()).toEqual({ version: '0.32.15' });
    const names = (await ollama.list()).models.map((m) => m.name).sort();
    expect(names).toEqual([
      'all-minilm:latest',
      'llama3.2:latest',
      'llava:latest',
      'mxbai-embed-large:latest',
      'nomic-embed-text:latest',
      'qwen3:0.6b',
    ]);
  });

  test('chat streams the same text it returns without streaming', async () => {
    const request = { model: 'llama3.2', messages: [{ role: 'user', content: 'Why is the sky blue?' }] };
    const whole = await ollama.chat({ ...request, stream: false });
    let streamed = '';
    let last: { done: boolean; done_reason?: string; eval_count?: number } | undefined;
    for await (const chunk of await ollama.chat({ ...request, stream: true })) {
      streamed += chunk.message.content;
      last = chunk;
    }
    expect(streamed).toBe(whole.message.content);
    expect(whole.message.content.length).toBeGreaterThan(10);
    expect(last).toMatchObject({ done: true, done_reason: 'stop', eval_count: whole.eval_count });
  });

  test('an unknown model is a ResponseError with the real 404 text', async () => {
    await expect(ollama.chat({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 404,
      message: "model 'nope' not found",
    });
  });
});
