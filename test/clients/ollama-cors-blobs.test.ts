import { createHash } from 'node:crypto';
import fetch from 'node-fetch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** CORS as gin-contrib/cors answers it, and /api/blobs/:digest, over raw HTTP. */
let fake: StartedFakeOllama;

beforeAll(async () => {
  fake = await startFakeOllama();
});
afterAll(() => fake.close());

describe('CORS', () => {
  const origin = 'http://localhost:5173';

  test('a preflight from an allowed origin is 204 with the allow lists', async () => {
    const res = await fetch(`${fake.url}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toContain(
      'Content-Type,User-Agent,Accept,X-Requested-With,Openai-Beta',
    );
    expect(res.headers.get('access-control-allow-headers')).toContain('X-Stainless-Retry-Count');
    expect(res.headers.get('access-control-max-age')).toBe('43200');
    expect(await res.text()).toBe('');
  });

  test('any OPTIONS with an allowed Origin is a preflight, even without Access-Control-Request-Method', async () => {
    const res = await fetch(`${fake.url}/api/tags`, { method: 'OPTIONS', headers: { origin: 'app://desktop' } });
    expect(res.status).toBe(204);
  });

  test('an ordinary cross-origin request gets Allow-Origin and Vary only', async () => {
    const res = await fetch(`${fake.url}/api/version`, { headers: { origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  test('a foreign origin is refused with an empty 403', async () => {
    const res = await fetch(`${fake.url}/api/version`, { headers: { origin: 'https://evil.example' } });
    expect([res.status, await res.text()]).toEqual([403, '']);
  });

  test('an Origin naming the server itself is not a CORS request', async () => {
    const host = new URL(fake.url).host;
    const res = await fetch(`${fake.url}/api/version`, { headers: { origin: `http://${host}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const options = await fetch(`${fake.url}/api/version`, {
      method: 'OPTIONS',
      headers: { origin: `http://${host}` },
    });
    expect([options.status, await options.text()]).toEqual([405, '405 method not allowed']);
  });
});

describe('blobs', () => {
  const bytes = Buffer.from('GGUF pretend weights');
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

  test('HEAD of an unknown blob is 404; upload is 201, again 200; HEAD is then 200', async () => {
    expect((await fetch(`${fake.url}/api/blobs/${digest}`, { method: 'HEAD' })).status).toBe(404);
    expect((await fetch(`${fake.url}/api/blobs/${digest}`, { method: 'POST', body: bytes })).status).toBe(201);
    expect((await fetch(`${fake.url}/api/blobs/${digest}`, { method: 'POST', body: bytes })).status).toBe(200);
    expect((await fetch(`${fake.url}/api/blobs/${digest}`, { method: 'HEAD' })).status).toBe(200);
  });

  test('a body that does not hash to the digest is 400 digest mismatch', async () => {
    const other = `sha256:${'0'.repeat(64)}`;
    const res = await fetch(`${fake.url}/api/blobs/${other}`, { method: 'POST', body: bytes });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: `digest mismatch, expected "${other}", got "${digest}"` });
  });

  test('a malformed digest is 400 invalid digest format', async () => {
    const res = await fetch(`${fake.url}/api/blobs/md5:abc`, { method: 'POST', body: bytes });
    expect([res.status, await res.json()]).toEqual([400, { error: 'invalid digest format' }]);
  });

  test('an uploaded blob can be used to create a model', async () => {
    await fetch(`${fake.url}/api/blobs/${digest}`, { method: 'POST', body: bytes });
    const res = await fetch(`${fake.url}/api/create`, {
      method: 'POST',
      body: JSON.stringify({ model: 'from-blob', files: { 'model.gguf': digest }, stream: false }),
    });
    expect([res.status, await res.json()]).toEqual([200, { status: 'success' }]);
  });
});
