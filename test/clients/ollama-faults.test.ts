import fetch from 'node-fetch';
import { Ollama } from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createFakeOllamaFetch, type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** Each fault kind as a client sees it. */
let fake: StartedFakeOllama;
let ollama: Ollama;

beforeAll(async () => {
  fake = await startFakeOllama();
  ollama = new Ollama({ host: fake.url });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const messages = [{ role: 'user', content: 'Tell me about the history of the printing press' }];
const drain = async (iterable: AsyncIterable<unknown>) => {
  let n = 0;
  for await (const _ of iterable) n++;
  return n;
};

describe('faults', () => {
  test('delay: the answer waits, then arrives whole', async () => {
    fake.addFault({ kind: 'delay', delayMs: 120, route: 'chat', times: 1 });
    const started = performance.now();
    const res = await ollama.chat({ model: 'llama3.2', messages });
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(res.done).toBe(true);
    expect(fake.journal({ route: 'chat' })[0]).toMatchObject({ fault: 'delay', status: 200 });
  });

  test('status: count-based, then healthy again; only the named model is hit', async () => {
    fake.addFault({
      kind: 'status',
      status: 503,
      message: 'server busy, please try again.  maximum pending requests exceeded',
      model: 'llama3.2',
      times: 2,
    });
    await expect(ollama.chat({ model: 'qwen3:0.6b', messages, think: false })).resolves.toMatchObject({ done: true });
    for (let i = 0; i < 2; i++) {
      await expect(ollama.chat({ model: 'llama3.2', messages })).rejects.toMatchObject({
        name: 'ResponseError',
        status_code: 503,
        message: 'server busy, please try again.  maximum pending requests exceeded',
      });
    }
    await expect(ollama.chat({ model: 'llama3.2', messages })).resolves.toMatchObject({ done: true });
  });

  test('error-mid-stream: chunks, then an {"error"} line that ollama-js throws as a plain Error', async () => {
    fake.addFault({ kind: 'error-mid-stream', afterChunks: 3, message: 'llama runner process has terminated' });
    const stream = await ollama.chat({ model: 'llama3.2', messages, stream: true });
    const error = await drain(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('status_code');
    expect((error as Error).message).toBe('llama runner process has terminated');
    expect(fake.journal()[0]).toMatchObject({ status: 200, chunksSent: 3, fault: 'error-mid-stream' });
  });

  test('truncate: the stream ends without done; ollama-js says so', async () => {
    fake.addFault({ kind: 'truncate', route: 'chat' });
    await expect(drain(await ollama.chat({ model: 'llama3.2', messages, stream: true }))).rejects.toThrow(
      'Did not receive done or success response in stream.',
    );
  });

  test('truncate on a progress stream: no status success', async () => {
    fake.addFault({ kind: 'truncate', route: 'pull' });
    await expect(drain(await ollama.pull({ model: 'llama3.2', stream: true }))).rejects.toThrow(
      'Did not receive done or success response in stream.',
    );
  });

  test('drop before any byte: the request fails at the socket', async () => {
    fake.addFault({ kind: 'drop', route: 'tags', times: 1 });
    await expect(ollama.list()).rejects.toThrow('fetch failed');
    expect(fake.journal({ route: 'tags' })[0]).toMatchObject({ aborted: true, fault: 'drop' });
  });

  test('drop after some chunks: the body breaks off mid-stream', async () => {
    fake.addFault({ kind: 'drop', afterChunks: 2, route: 'generate' });
    const stream = await ollama.generate({ model: 'llama3.2', prompt: 'Write a poem', stream: true });
    await expect(drain(stream)).rejects.toThrow();
    expect(fake.journal({ route: 'generate' })[0]).toMatchObject({ aborted: true, chunksSent: 2 });
  });

  test('hang: no answer until the client gives up, and the journal shows it aborted', async () => {
    fake.addFault({ kind: 'hang', route: 'version' });
    await expect(fetch(`${fake.url}/api/version`, { signal: AbortSignal.timeout(80) })).rejects.toMatchObject({
      name: 'AbortError',
    });
    await expect.poll(() => fake.journal({ route: 'version' })[0]?.aborted, { timeout: 2000, interval: 10 }).toBe(true);
  });

  test('slow: a pause between chunks, and the same text in the end', async () => {
    const plain = await ollama.generate({ model: 'llama3.2', prompt: 'hi there' });
    fake.addFault({ kind: 'slow', tokenDelayMs: 15, route: 'generate' });
    const started = performance.now();
    let text = '';
    let chunks = 0;
    for await (const c of await ollama.generate({ model: 'llama3.2', prompt: 'hi there', stream: true })) {
      text += c.response;
      chunks++;
    }
    expect(text).toBe(plain.response);
    expect(performance.now() - started).toBeGreaterThanOrEqual((chunks - 1) * 15 * 0.8);
  });
});

describe('faults through the socket-free fetch transport', () => {
  test('status, truncate and drop behave the same for an in-process client', async () => {
    await using local = createFakeOllamaFetch();
    const client = new Ollama({ host: 'http://fake.invalid', fetch: local.fetch });
    local.addFault({ kind: 'status', status: 500, message: 'boom', times: 1 });
    await expect(client.list()).rejects.toMatchObject({ status_code: 500, message: 'boom' });
    local.addFault({ kind: 'truncate', route: 'chat', times: 1 });
    await expect(drain(await client.chat({ model: 'llama3.2', messages, stream: true }))).rejects.toThrow(
      'Did not receive done',
    );
    local.addFault({ kind: 'drop', route: 'tags', times: 1 });
    await expect(client.list()).rejects.toThrow('fetch failed');
  });
});
