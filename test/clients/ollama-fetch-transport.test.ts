import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { createFakeOllamaFetch, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** The socket-free `fetch` transport answers exactly as the HTTP server does. */
describe('createFakeOllamaFetch', () => {
  test('the same bytes as the HTTP server for the same request', async () => {
    const clock = new FixedClock('2026-01-01T00:00:00Z');
    await using http = await startFakeOllama({ clock });
    await using local = createFakeOllamaFetch({ clock });
    const init = { method: 'POST', body: JSON.stringify({ model: 'llama3.2', prompt: 'hello' }) };
    const overHttp = await fetch(`${http.url}/api/generate`, init);
    const inProcess = await local.fetch('http://fake.invalid/api/generate', init);
    expect(inProcess.status).toBe(overHttp.status);
    expect(inProcess.headers.get('content-type')).toBe(overHttp.headers.get('content-type'));
    expect(await inProcess.text()).toBe(await overHttp.text());
  });

  test('ollama-js and the OpenAI SDK work through it, streaming included', async () => {
    await using local = createFakeOllamaFetch();
    const ollama = new Ollama({ host: 'http://fake.invalid:11434', fetch: local.fetch });
    let text = '';
    for await (const c of await ollama.chat({
      model: 'llama3.2',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    }))
      text += c.message.content;
    expect(text.length).toBeGreaterThan(0);
    const openai = new OpenAI({ baseURL: 'http://fake.invalid/v1', apiKey: 'unused', fetch: local.fetch });
    const chunks = [];
    for await (const c of await openai.chat.completions.create({
      model: 'llama3.2',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    }))
      chunks.push(c);
    expect(chunks[chunks.length - 1]!.choices[0]!.finish_reason).toBe('stop');
  });

  test('abort() on an ollama-js stream is seen by the fake', async () => {
    await using local = createFakeOllamaFetch({ timing: { tokenDelayMs: 5 } });
    const ollama = new Ollama({ host: 'http://fake.invalid', fetch: local.fetch });
    const stream = await ollama.generate({ model: 'llama3.2', prompt: 'a long story please', stream: true });
    const consume = (async () => {
      for await (const _ of stream) stream.abort();
    })();
    await expect(consume).rejects.toMatchObject({ name: 'AbortError' });
    await expect
      .poll(() => local.journal({ route: 'generate' })[0]?.aborted, { timeout: 2000, interval: 5 })
      .toBe(true);
  });

  test('the body limit holds in-process too: 413 with a JSON error', async () => {
    await using local = createFakeOllamaFetch({ limits: { maxBodyBytes: 2048 } });
    const res = await local.fetch('http://fake.invalid/api/generate', {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2', prompt: 'x'.repeat(3000) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ error: "request body exceeds the fake's limit of 2048 bytes" });
  });

  test('HEAD and 204 answers have no body', async () => {
    await using local = createFakeOllamaFetch();
    const head = await local.fetch('http://fake.invalid/', { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, null]);
    const preflight = await local.fetch('http://fake.invalid/api/chat', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000' },
    });
    expect([preflight.status, preflight.body]).toEqual([204, null]);
  });
});
