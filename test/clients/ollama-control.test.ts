import { Agent } from 'node:http';
import fetch from 'node-fetch';
import { Ollama } from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** The `/_fake/*` control plane over HTTP: health, reset, journal, rules, faults, connections, access. */
let fake: StartedFakeOllama;

beforeAll(async () => {
  fake = await startFakeOllama();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const control = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${fake.url}/_fake${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('control plane', () => {
  test('health needs no credentials and names the fake', async () => {
    expect(await control('GET', '/health')).toEqual({
      status: 200,
      body: { status: 'ok', fake: 'ollama', version: '0.32.15' },
    });
  });

  test('journal records method, path, route, model, body, stream flag and status; DELETE clears it', async () => {
    const ollama = new Ollama({ host: fake.url, headers: { 'x-fakecontainers-scope': 'suite-a' } });
    await ollama.generate({ model: 'llama3.2', prompt: 'hi' });
    await ollama.list();
    const { body } = await control('GET', '/journal?scope=suite-a&route=generate');
    const entries = body.entries as Record<string, unknown>[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      method: 'POST',
      path: '/api/generate',
      route: 'generate',
      model: 'llama3.2',
      body: { model: 'llama3.2', prompt: 'hi', stream: false },
      stream: false,
      status: 200,
      aborted: false,
      scope: 'suite-a',
    });
    const since = (await control('GET', `/journal?since=${entries[0]!.seq as number}`)).body.entries as unknown[];
    expect(since).toHaveLength(1);
    expect((await control('DELETE', '/journal')).status).toBe(200);
    expect((await control('GET', '/journal')).body.entries).toEqual([]);
  });

  test('rules: POST adds, GET lists with hits, DELETE /rules/:id removes', async () => {
    const added = await control('POST', '/rules', { match: { prompt: 'ping' }, reply: { text: 'pong' } });
    expect(added.status).toBe(201);
    const id = (added.body.rules as { id: string }[])[0]!.id;
    const ollama = new Ollama({ host: fake.url });
    expect((await ollama.generate({ model: 'llama3.2', prompt: 'ping' })).response).toBe('pong');
    const listed = (await control('GET', '/rules')).body.rules as { id: string; hits: number }[];
    expect(listed).toEqual([expect.objectContaining({ id, hits: 1, source: 'runtime' })]);
    expect((await control('DELETE', `/rules/${id}`)).body).toEqual({ removed: id });
    expect((await control('DELETE', `/rules/${id}`)).status).toBe(404);
  });

  test('bad rules and faults are 400 with a message that says what is wrong', async () => {
    expect(await control('POST', '/rules', { reply: 'x' })).toEqual({
      status: 400,
      body: { error: 'a rule needs a "reply" object' },
    });
    const fault = await control('POST', '/faults', { kind: 'explode' });
    expect(fault.status).toBe(400);
    expect(fault.body.error).toContain('fault "kind" must be one of');
  });

  test('faults: POST, GET, DELETE one and DELETE all; reset clears them', async () => {
    const added = await control('POST', '/faults', [
      { kind: 'status', status: 503, route: 'chat' },
      { kind: 'delay', delayMs: 1 },
    ]);
    const ids = (added.body.faults as { id: string }[]).map((f) => f.id);
    expect((await control('GET', '/faults')).body.faults).toHaveLength(2);
    expect((await control('DELETE', `/faults/${ids[0]}`)).body).toEqual({ removed: ids[0] });
    expect((await control('DELETE', '/faults')).body).toEqual({ cleared: true });
    await control('POST', '/faults', { kind: 'status', status: 503 });
    expect((await control('POST', '/reset')).body).toEqual({ reset: true });
    expect((await control('GET', '/faults')).body.faults).toEqual([]);
  });

  test('connections: attributed to the scope of their first request, filterable by scope', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await fetch(`${fake.url}/api/version`, { agent, headers: { 'x-fakecontainers-scope': 'scope-b' } });
      await fetch(`${fake.url}/api/version`, { agent });
      const { body } = await control('GET', '/connections?scope=scope-b');
      const conns = body.connections as { scope: string; requests: number; active: number }[];
      expect(conns).toEqual([expect.objectContaining({ scope: 'scope-b', requests: 2, active: 0 })]);
    } finally {
      agent.destroy();
    }
  });

  test('an unknown control route is a JSON 404', async () => {
    expect(await control('GET', '/nothing')).toEqual({
      status: 404,
      body: { error: 'no control route GET /_fake/nothing' },
    });
  });
});

describe('access', () => {
  test('with a token, every route but health needs the bearer token', async () => {
    await using guarded = await startFakeOllama({ control: { token: 's3cret' } });
    const call = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${guarded.url}/_fake${path}`, { headers });
    expect((await call('/health')).status).toBe(200);
    expect((await call('/journal')).status).toBe(401);
    expect((await call('/journal', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call('/journal', { authorization: 'Bearer s3cret' })).status).toBe(200);
  });
});
