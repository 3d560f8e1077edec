import fetch from 'node-fetch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** Raw HTTP through node-fetch: statuses, content types, framing and gin's own answers. */
let fake: StartedFakeOllama;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z'), limits: { maxBodyBytes: 4096 } });
});
afterAll(() => fake.close());

const JSON_UTF8 = 'application/json; charset=utf-8';
const post = (path: string, body: string) =>
  fetch(`${fake.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('root and routing', () => {
  test('GET / and HEAD / say Ollama is running as text/plain', async () => {
    const get = await fetch(`${fake.url}/`);
    expect([get.status, get.headers.get('content-type'), await get.text()]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'Ollama is running',
    ]);
    const head = await fetch(`${fake.url}/`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([
      200,
      'text/plain; charset=utf-8',
      '',
    ]);
  });

  test('unknown path: 404 page not found; known path, wrong method: 405 method not allowed (text/plain)', async () => {
    const missing = await fetch(`${fake.url}/api/nothing`);
    expect([missing.status, missing.headers.get('content-type'), await missing.text()]).toEqual([
      404,
      'text/plain',
      '404 page not found',
    ]);
    const wrong = await fetch(`${fake.url}/api/chat`);
    expect([wrong.status, wrong.headers.get('content-type'), await wrong.text()]).toEqual([
      405,
      'text/plain',
      '405 method not allowed',
    ]);
  });

  test('JSON answers are application/json; charset=utf-8 with no trailing newline', async () => {
    const res = await fetch(`${fake.url}/api/version`);
    expect(res.headers.get('content-type')).toBe(JSON_UTF8);
    expect(await res.text()).toBe('{"version":"0.32.15"}');
  });
});

describe('request bodies', () => {
  test.each([
    ['', 'missing request body'],
    ['  \n', 'missing request body'],
    ['{"model":', 'unexpected EOF'],
    ['{"model": x}', "invalid character 'x' looking for beginning of value"],
    ['{"model":"llama3.2",}', "invalid character '}' looking for beginning of object key string"],
    ['[1]', 'json: cannot unmarshal array into Go value of type api.GenerateRequest'],
    ['{"model":5}', 'json: cannot unmarshal number into Go struct field GenerateRequest.model of type string'],
    [
      '{"model":"llama3.2","stream":"yes"}',
      'json: cannot unmarshal string into Go struct field GenerateRequest.stream of type bool',
    ],
  ])('generate with body %j: 400 %s', async (body, error) => {
    const res = await post('/api/generate', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(JSON_UTF8);
    expect(await res.json()).toEqual({ error });
  });

  test('a JSON null body decodes to an empty request, as Go does', async () => {
    const res = await post('/api/generate', 'null');
    expect([res.status, await res.json()]).toEqual([404, { error: "model '' not found" }]);
  });

  test('a body over the limit is 413 with a JSON error', async () => {
    const res = await post('/api/generate', JSON.stringify({ model: 'llama3.2', prompt: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe(JSON_UTF8);
    expect((await res.json()) as object).toHaveProperty('error');
  });
});

describe('NDJSON framing', () => {
  test('a stream is application/x-ndjson, one object per \\n-terminated line, metrics only on the last', async () => {
    const res = await post('/api/generate', JSON.stringify({ model: 'llama3.2', prompt: 'Why is grass green?' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .slice(0, -1)
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(2);
    const last = lines[lines.length - 1]!;
    expect(last).toMatchObject({ done: true, done_reason: 'stop' });
    expect(Object.keys(last)).toEqual(expect.arrayContaining(['context', 'total_duration', 'eval_count']));
    for (const line of lines.slice(0, -1))
      expect(Object.keys(line)).toEqual(['model', 'created_at', 'response', 'done']);
  });

  test('stream: false is one application/json; charset=utf-8 object', async () => {
    const res = await post(
      '/api/chat',
      JSON.stringify({ model: 'llama3.2', stream: false, messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(res.headers.get('content-type')).toBe(JSON_UTF8);
    expect(((await res.json()) as { done: boolean }).done).toBe(true);
  });

  test('an error before the first byte of a stream is a plain JSON error with its status', async () => {
    const res = await post(
      '/api/chat',
      JSON.stringify({ model: 'ghost', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect([res.status, res.headers.get('content-type'), await res.json()]).toEqual([
      404,
      JSON_UTF8,
      { error: "model 'ghost' not found" },
    ]);
  });

  test('JSON escapes <, > and & as Go does', async () => {
    const res = await post('/api/chat', JSON.stringify({ model: 'ghost', messages: [], think: '<b>&' }));
    expect(res.status).toBe(400);
    const quoted = '\\"\\u003cb\\u003e\\u0026\\"';
    expect(await res.text()).toBe(
      `{"error":"invalid think value: ${quoted} (must be \\"high\\", \\"medium\\", \\"low\\", \\"max\\", true, or false)"}`,
    );
  });
});

describe('OpenAI layer framing', () => {
  test('JSON is application/json, newline-terminated (json.Encoder)', async () => {
    const res = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await res.text()).endsWith('}\n')).toBe(true);
  });

  test('SSE: text/event-stream, data: frames and a closing [DONE]', async () => {
    const res = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'llama3.2', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const frames = (await res.text()).split('\n\n');
    expect(frames.pop()).toBe('');
    expect(frames.pop()).toBe('data: [DONE]');
    for (const frame of frames) expect(() => JSON.parse(frame.replace(/^data: /, ''))).not.toThrow();
  });

  test('handler errors are application/json; middleware errors keep gin’s charset', async () => {
    const missing = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'ghost', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect([missing.status, missing.headers.get('content-type')]).toEqual([404, 'application/json']);
    expect(await missing.json()).toEqual({
      error: { message: "model 'ghost' not found", type: 'not_found_error', param: null, code: null },
    });
    const empty = await post('/v1/chat/completions', '');
    expect([empty.status, empty.headers.get('content-type')]).toEqual([400, JSON_UTF8]);
    expect(await empty.json()).toEqual({
      error: { message: 'EOF', type: 'invalid_request_error', param: null, code: null },
    });
  });

  test('bodies that do not bind name the middleware’s own request struct', async () => {
    const prompt = await post('/v1/completions', JSON.stringify({ model: 'llama3.2', prompt: ['a', 'b'] }));
    expect(((await prompt.json()) as { error: { message: string } }).error.message).toBe(
      'json: cannot unmarshal array into Go struct field CompletionRequest.prompt of type string',
    );
    const chat = await post('/v1/chat/completions', '[]');
    expect(((await chat.json()) as { error: { message: string } }).error.message).toBe(
      'json: cannot unmarshal array into Go value of type openai.ChatCompletionRequest',
    );
  });

  test('a message without content and without tool calls is rejected', async () => {
    const res = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: null }] }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'invalid message content type: <nil>',
    );
  });
});
