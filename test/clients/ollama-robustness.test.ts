import { Agent, request } from 'node:http';
import type { Readable } from 'node:stream';
import fetch from 'node-fetch';
import { Ollama } from 'ollama';
import { describe, expect, test } from 'vitest';
import { startFakeOllama } from '../../src/fakes/ollama/server.js';

/** Disconnects, shutdown with open connections, and concurrency. */
const longChat = {
  model: 'llama3.2',
  stream: true,
  messages: [{ role: 'user', content: 'Tell me a long story about dragons' }],
};

describe('a client that goes away mid-stream', () => {
  test('stops generation at once: the journal shows it aborted with fewer chunks than the whole answer', async () => {
    await using fake = await startFakeOllama({ timing: { tokenDelayMs: 10 } });
    const whole = await new Ollama({ host: fake.url }).chat({ ...longChat, stream: false });
    const total = whole.eval_count! + 1;
    const res = await fetch(`${fake.url}/api/chat`, { method: 'POST', body: JSON.stringify(longChat) });
    const body = res.body as unknown as Readable;
    await new Promise<void>((resolve) => body.once('data', () => resolve()));
    body.destroy();
    await expect
      .poll(() => fake.journal({ route: 'chat' }).find((e) => e.stream)?.aborted, { timeout: 2000, interval: 5 })
      .toBe(true);
    const entry = fake.journal({ route: 'chat' }).find((e) => e.stream)!;
    expect(entry.chunksSent).toBeLessThan(total);
    const sent = entry.chunksSent;
    await new Promise((r) => setTimeout(r, 60));
    expect(fake.journal({ route: 'chat' }).find((e) => e.stream)!.chunksSent).toBe(sent);
  });
});

describe('close()', () => {
  test('ends idle keep-alive and active streaming connections promptly', async () => {
    const fake = await startFakeOllama({ timing: { tokenDelayMs: 50 } });
    const agent = new Agent({ keepAlive: true });
    try {
      await fetch(`${fake.url}/api/version`, { agent });
      const idleSocketClosed = new Promise<void>((resolve) => {
        const [socket] = Object.values(agent.freeSockets).flat();
        socket!.once('close', () => resolve());
      });
      const streamEnded = new Promise<string>((resolve) => {
        const req = request(`${fake.url}/api/chat`, { method: 'POST' }, (res) => {
          res.once('data', () => void fake.close());
          res.on('error', () => resolve('error'));
          res.on('close', () => resolve('closed'));
          res.resume();
        });
        req.end(JSON.stringify(longChat));
      });
      expect(await streamEnded).toMatch(/error|closed/);
      await fake.close();
      await idleSocketClosed;
      expect(fake.connections()).toEqual([]);
      const [entry] = fake.journal({ route: 'chat' });
      expect(entry).toMatchObject({ aborted: true });
    } finally {
      agent.destroy();
      await fake.close();
    }
  });

  test('is idempotent, and the port is free afterwards', async () => {
    const fake = await startFakeOllama();
    await Promise.all([fake.close(), fake.close()]);
    await expect(fetch(`${fake.url}/api/version`)).rejects.toThrow();
  });
});

describe('concurrency', () => {
  test('50 concurrent streaming requests all complete with done', async () => {
    await using fake = await startFakeOllama();
    const ollama = new Ollama({ host: fake.url });
    const runs = Array.from({ length: 50 }, async (_, i) => {
      let last: { done: boolean } | undefined;
      let text = '';
      for await (const c of await ollama.chat({
        model: 'llama3.2',
        stream: true,
        messages: [{ role: 'user', content: `Question number ${i}` }],
      })) {
        text += c.message.content;
        last = c;
      }
      return { done: last?.done, text };
    });
    const results = await Promise.all(runs);
    expect(results.every((r) => r.done === true && r.text.length > 0)).toBe(true);
    const entries = fake.journal({ route: 'chat' });
    expect(entries).toHaveLength(50);
    expect(entries.every((e) => e.status === 200 && !e.aborted)).toBe(true);
  });
});

describe('bodies that used to take the process down', () => {
  test('a bad \\u escape is a 400 in Go\'s words (encoding/json scanner), and the fake keeps serving', async () => {
    await using fake = await startFakeOllama();
    const response = await fetch(`${fake.url}/api/chat`, { method: 'POST', body: '{"model":"\\uZZZZ"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid character 'Z' in \\u hexadecimal character escape" });
    const deep = await fetch(`${fake.url}/api/generate`, { method: 'POST', body: `{"model":"llama3.2","format":${'['.repeat(100_000)}` });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toEqual({ error: "invalid character '[' exceeded max depth" });
    expect((await new Ollama({ host: fake.url }).version()).version).toBeTruthy();
  });

  test('a path with a malformed %-escape gets net/http\'s bare 400', async () => {
    await using fake = await startFakeOllama();
    const response = await fetch(`${fake.url}/api/blobs/%E0%A4%A`, { method: 'HEAD' });
    expect(response.status).toBe(400);
  });

  test('a GET that announces a body it never sends is answered without waiting for it', async () => {
    await using fake = await startFakeOllama();
    const answer = await new Promise<string>((resolve) => {
      const req = request(`${fake.url}/api/version`, { method: 'GET', headers: { 'content-length': '100' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      });
      req.flushHeaders();
    });
    expect(JSON.parse(answer)).toHaveProperty('version');
  });
});
