import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fetch from 'node-fetch';
import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { startFakeOllama } from '../../src/fakes/ollama/server.js';

/**
 * Record and replay: a second fake stands in for the real upstream; the first records through it,
 * a third replays the cassette; every reply must come back byte for byte.
 */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-ollama-cassette-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const requests: [string, string, unknown][] = [
  ['POST', '/api/generate', { model: 'llama3.2', prompt: 'Why is the sky blue?' }],
  ['POST', '/api/chat', { model: 'llama3.2', stream: false, messages: [{ role: 'user', content: 'hi' }] }],
  ['POST', '/api/embed', { model: 'all-minilm', input: ['a', 'b'] }],
  ['POST', '/v1/chat/completions', { model: 'llama3.2', stream: true, messages: [{ role: 'user', content: 'hello' }] }],
  ['GET', '/api/tags', undefined],
  ['POST', '/api/show', { model: 'ghost' }],
];

const send = async (url: string, [method, path, body]: [string, string, unknown]) => {
  const res = await fetch(`${url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('cassettes', () => {
  test('what is recorded through one fake replays byte for byte from another', async () => {
    const cassette = join(dir, 'session.json');
    const recorded = [];
    {
      await using upstream = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z') });
      await using recorder = await startFakeOllama({ record: { cassette, upstream: upstream.url } });
      for (const request of requests) recorded.push(await send(recorder.url, request));
      expect(recorder.journal().every((e) => e.cassette === 'record')).toBe(true);
      expect(upstream.journal()).toHaveLength(requests.length);
    }
    expect(recorded.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404]);
    const file = JSON.parse(await readFile(cassette, 'utf8')) as { version: number; entries: unknown[] };
    expect(file.version).toBe(1);
    expect(file.entries).toHaveLength(requests.length);

    await using player = await startFakeOllama({ replay: { cassette } });
    for (const [i, request] of requests.entries()) {
      const replayed = await send(player.url, request);
      expect(replayed.status).toBe(recorded[i]!.status);
      expect(replayed.type).toBe(recorded[i]!.type);
      expect(replayed.bytes.equals(recorded[i]!.bytes)).toBe(true);
    }
  });

  test('a replayed stream works with ollama-js; a request not on the cassette is a 404 naming it', async () => {
    const cassette = join(dir, 'chat.json');
    const request = { model: 'llama3.2', messages: [{ role: 'user', content: 'count to three' }] };
    let live = '';
    {
      await using upstream = await startFakeOllama();
      await using recorder = await startFakeOllama({ record: { cassette, upstream: upstream.url } });
      for await (const c of await new Ollama({ host: recorder.url }).chat({ ...request, stream: true }))
        live += c.message.content;
    }
    await using player = await startFakeOllama({ replay: { cassette } });
    const client = new Ollama({ host: player.url });
    let replayed = '';
    for await (const c of await client.chat({ ...request, stream: true })) replayed += c.message.content;
    expect(replayed).toBe(live);
    await expect(
      client.chat({ ...request, messages: [{ role: 'user', content: 'something else' }] }),
    ).rejects.toMatchObject({
      status_code: 404,
      message: expect.stringContaining('no recorded response for POST /api/chat'),
    });
  });
});
