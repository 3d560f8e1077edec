import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/**
 * logprobs as Ollama returns them: api.Logprob `{token, logprob, bytes, top_logprobs?}` at the top of
 * each /api/chat and /api/generate chunk (accumulated when not streaming; server/routes.go,
 * server/logprob.go toAPILogprobs), and `choices[].logprobs.content` on /v1/chat/completions
 * (openai/openai.go ToChatCompletion / ToChunk). `top_logprobs` alone returns nothing, as the runner
 * computes logprobs only when `logprobs` is true.
 */
let fake: StartedFakeOllama;
let ollama: Ollama;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  ollama = new Ollama({ host: fake.url });
  openai = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => fake.close());

interface Entry {
  token: string;
  logprob: number;
  bytes?: number[];
  top_logprobs?: Array<{ token: string; logprob: number; bytes?: number[] }>;
}

function checkConsistent(entries: readonly Entry[], text: string, top: number): void {
  expect(entries.map((e) => e.token).join('')).toBe(text);
  for (const e of entries) {
    expect(e.logprob).toBeLessThan(0);
    expect(e.bytes).toEqual([...Buffer.from(e.token, 'utf8')]);
    if (top === 0) {
      expect(e).not.toHaveProperty('top_logprobs');
      continue;
    }
    const alternatives = e.top_logprobs ?? [];
    expect(alternatives).toHaveLength(top);
    expect(alternatives[0]).toEqual({ token: e.token, logprob: e.logprob, bytes: e.bytes });
    const logprobs = alternatives.map((a) => a.logprob);
    expect(logprobs).toEqual([...logprobs].sort((a, b) => b - a));
    expect(new Set(alternatives.map((a) => a.token)).size).toBe(top);
    expect(alternatives.reduce((sum, a) => sum + Math.exp(a.logprob), 0)).toBeLessThanOrEqual(1);
  }
}

describe('native API through the ollama client', () => {
  test('chat: logprobs of every token, the chosen token first and most likely among its alternatives', async () => {
    const res = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Why is the sky blue?' }], logprobs: true, top_logprobs: 5 });
    checkConsistent(res.logprobs as Entry[], res.message.content, 5);
    const plain = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Why is the sky blue?' }] });
    expect(plain.message.content).toBe(res.message.content);
    expect(plain).not.toHaveProperty('logprobs');
  });

  test('chat, streaming: each chunk carries its own token; the same values as the JSON answer', async () => {
    const request = { model: 'qwen3:0.6b', messages: [{ role: 'user', content: 'Why is the sky blue?' }], logprobs: true, top_logprobs: 2 };
    const whole = await ollama.chat(request);
    const streamed: Entry[] = [];
    let text = '';
    for await (const part of await ollama.chat({ ...request, stream: true })) {
      if (part.done) {
        expect(part).not.toHaveProperty('logprobs');
        continue;
      }
      expect(part.logprobs).toHaveLength(1);
      streamed.push(...(part.logprobs as Entry[]));
      text += (part.message.thinking ?? '') + part.message.content;
    }
    expect(streamed).toEqual(whole.logprobs);
    // Thinking tokens come first, as the runner emits them.
    checkConsistent(streamed, (whole.message.thinking ?? '') + whole.message.content, 2);
    expect(text).toBe((whole.message.thinking ?? '') + whole.message.content);
  });

  test('generate: top_logprobs 0 gives the chosen token only; top_logprobs without logprobs gives nothing', async () => {
    const res = await ollama.generate({ model: 'llama3.2', prompt: 'Tell me about tides', logprobs: true });
    checkConsistent(res.logprobs as Entry[], res.response ?? '', 0);
    const none = await ollama.generate({ model: 'llama3.2', prompt: 'Tell me about tides', top_logprobs: 3 });
    expect(none).not.toHaveProperty('logprobs');
    expect(none.response).toBe(res.response);
  });

  test('the same request gives the same logprobs; top_logprobs outside 0-20 is refused', async () => {
    const a = await ollama.generate({ model: 'llama3.2', prompt: 'Hello', logprobs: true, top_logprobs: 20 });
    const b = await ollama.generate({ model: 'llama3.2', prompt: 'Hello', logprobs: true, top_logprobs: 20 });
    expect(b.logprobs).toEqual(a.logprobs);
    checkConsistent(a.logprobs as Entry[], a.response ?? '', 20);
    await expect(ollama.generate({ model: 'llama3.2', prompt: 'Hello', logprobs: true, top_logprobs: 21 })).rejects.toThrow('top_logprobs must be between 0 and 20');
  });
});

describe('OpenAI-compatible endpoints', () => {
  test('chat.completions: choices[0].logprobs.content, streaming and not', async () => {
    const params = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'Why is the sky blue?' }], logprobs: true, top_logprobs: 3 };
    const res = await openai.chat.completions.create(params);
    const content = res.choices[0]?.logprobs?.content as Entry[];
    checkConsistent(content, res.choices[0]?.message.content ?? '', 3);
    const streamed: Entry[] = [];
    for await (const chunk of await openai.chat.completions.create({ ...params, stream: true })) {
      streamed.push(...((chunk.choices[0]?.logprobs?.content ?? []) as Entry[]));
    }
    expect(streamed).toEqual(content);
    const plain = await openai.chat.completions.create({ ...params, logprobs: false });
    expect(plain.choices[0]).not.toHaveProperty('logprobs');
    const tooMany = await openai.chat.completions.create({ ...params, top_logprobs: 21 }).catch((e: unknown) => e);
    expect((tooMany as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({ message: 'top_logprobs must be between 0 and 20', type: 'invalid_request_error' });
  });

  test('completions: the legacy integer is checked (0-20) but, as in Ollama, no logprobs come back', async () => {
    const res = await openai.completions.create({ model: 'llama3.2', prompt: 'Hello', logprobs: 2 });
    expect(res.choices[0]).not.toHaveProperty('logprobs');
    const tooMany = await openai.completions.create({ model: 'llama3.2', prompt: 'Hello', logprobs: 21 }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(OpenAI.BadRequestError);
  });
});
