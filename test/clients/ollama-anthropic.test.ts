import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/**
 * `POST /v1/messages` through the Anthropic SDK, as Ollama serves it: anthropic/anthropic.go
 * (FromMessagesRequest, ToMessagesResponse, StreamConverter) and middleware/anthropic.go
 * (AnthropicMessagesMiddleware, AnthropicWriter). The SDK's baseURL is the fake's root.
 */
let fake: StartedFakeOllama;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  anthropic = new Anthropic({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => fake.close());

const weather: Anthropic.Tool = {
  name: 'get_current_weather',
  description: 'Get the current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('messages.create', () => {
  test('a text answer with end_turn, usage, and an id like Ollama\'s', async () => {
    const msg = await anthropic.messages.create({
      model: 'llama3.2',
      max_tokens: 200,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    });
    expect(msg).toMatchObject({ type: 'message', role: 'assistant', model: 'llama3.2', stop_reason: 'end_turn' });
    expect(msg.id).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(msg.content).toHaveLength(1);
    expect(msg.content[0]?.type).toBe('text');
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
    expect(msg.usage.output_tokens).toBeGreaterThan(0);
    // Ollama never fills stop_sequence.
    expect(msg).not.toHaveProperty('stop_sequence');
  });

  test('max_tokens cuts the reply: stop_reason max_tokens, output_tokens = max_tokens', async () => {
    const msg = await anthropic.messages.create({ model: 'llama3.2', max_tokens: 4, messages: [{ role: 'user', content: 'Write a long essay about rivers' }] });
    expect(msg.stop_reason).toBe('max_tokens');
    expect(msg.usage.output_tokens).toBe(4);
  });

  test('stop_sequences end the turn as end_turn (Ollama reports a stop as "stop")', async () => {
    const full = await anthropic.messages.create({ model: 'llama3.2', max_tokens: 200, messages: [{ role: 'user', content: 'Describe the ocean' }] });
    const text = full.content[0]?.type === 'text' ? full.content[0].text : '';
    const word = text.split(' ')[3] as string;
    const cut = await anthropic.messages.create({ model: 'llama3.2', max_tokens: 200, stop_sequences: [word], messages: [{ role: 'user', content: 'Describe the ocean' }] });
    expect(cut.content[0]?.type === 'text' && cut.content[0].text).toBe(text.slice(0, text.indexOf(word)));
    expect(cut.stop_reason).toBe('end_turn');
  });

  test('tools give tool_use blocks with Ollama\'s call ids; a tool_result turn is answered from it', async () => {
    const msg = await anthropic.messages.create({
      model: 'llama3.2',
      max_tokens: 200,
      tools: [weather],
      tool_choice: { type: 'auto' },
      messages: [{ role: 'user', content: 'What is the current weather in Tokyo?' }],
    });
    expect(msg.stop_reason).toBe('tool_use');
    const use = msg.content.find((b) => b.type === 'tool_use');
    if (use?.type !== 'tool_use') throw new Error('expected a tool_use block');
    expect(use.id).toMatch(/^call_[a-z0-9]{8}$/);
    expect(use.name).toBe('get_current_weather');
    expect(use.input).toHaveProperty('city');

    const answer = await anthropic.messages.create({
      model: 'llama3.2',
      max_tokens: 200,
      tools: [weather],
      messages: [
        { role: 'user', content: 'What is the current weather in Tokyo?' },
        { role: 'assistant', content: msg.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: [{ type: 'text', text: 'Rain, 12 degrees' }] }] },
      ],
    });
    expect(answer.content[0]?.type === 'text' && answer.content[0].text).toContain('Rain, 12 degrees');
  });

  test('thinking on a thinking model gives a thinking block first (no signature, as Ollama)', async () => {
    const msg = await anthropic.messages.create({
      model: 'qwen3:0.6b',
      max_tokens: 400,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    });
    expect(msg.content.map((b) => b.type)).toEqual(['thinking', 'text']);
    expect(msg.content[0]).not.toHaveProperty('signature');
  });

  test('thinking on a model that cannot think is dropped, not refused (relax_thinking)', async () => {
    const msg = await anthropic.messages.create({
      model: 'llama3.2',
      max_tokens: 200,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    });
    expect(msg.content.map((b) => b.type)).toEqual(['text']);
  });

  test('images as base64 blocks reach a vision model; the same request gives the same bytes', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const body = JSON.stringify({
      model: 'llava',
      max_tokens: 50,
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }, { type: 'text', text: 'What is this?' }] }],
    });
    const post = () => fetch(`${fake.url}/v1/messages`, { method: 'POST', body }).then(async (r) => [r.status, await r.text()]);
    const first = await post();
    expect(first[0]).toBe(200);
    expect(await post()).toEqual(first);
  });
});

describe('messages.stream', () => {
  test("Anthropic's event sequence; the SDK's helpers assemble the same message as the JSON answer", async () => {
    const params = { model: 'llama3.2', max_tokens: 200, messages: [{ role: 'user' as const, content: 'Why is the sky blue?' }] };
    const stream = anthropic.messages.stream(params);
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    const final = await stream.finalMessage();
    const whole = await anthropic.messages.create(params);
    expect(final.content).toEqual(whole.content);
    expect(final.content[0]?.type === 'text' && final.content[0].text).toBe(text);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(whole.usage.output_tokens);
  });

  test('raw events: message_start, block start/delta/stop for thinking, text and tool_use, message_delta, message_stop', async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen3:0.6b', max_tokens: 400, stream: true, tools: [weather], messages: [{ role: 'user', content: 'What is the weather in Oslo?' }] }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const frames = (await res.text()).trimEnd().split('\n\n');
    const events = frames.map((f) => /^event: (\S+)\ndata: (.*)$/s.exec(f)).map((m) => ({ event: m?.[1], data: JSON.parse(m?.[2] ?? 'null') as Record<string, unknown> }));
    for (const e of events) expect(e.data.type).toBe(e.event);
    const kinds = events.map((e) => e.event).filter((t) => t !== 'content_block_delta');
    expect(kinds).toEqual(['message_start', 'content_block_start', 'content_block_stop', 'content_block_start', 'content_block_stop', 'message_delta', 'message_stop']);
    const toolStart = events.filter((e) => e.event === 'content_block_start')[1]?.data;
    expect(toolStart).toMatchObject({ index: 1, content_block: { type: 'tool_use', name: 'get_current_weather', input: {} } });
    expect(events.at(-2)?.data).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  test('a streamed tool call comes out of the SDK with its parsed input', async () => {
    const final = await anthropic.messages
      .stream({ model: 'llama3.2', max_tokens: 200, tools: [weather], messages: [{ role: 'user', content: 'What is the current weather in Tokyo?' }] })
      .finalMessage();
    const use = final.content.find((b) => b.type === 'tool_use');
    expect(use?.type === 'tool_use' && use.input).toHaveProperty('city');
  });
});

describe("errors in Anthropic's shape", () => {
  test('unknown model: 404 not_found_error through the SDK', async () => {
    const err = await anthropic.messages.create({ model: 'nope', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
    expect((err as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error', message: "model 'nope' not found" },
      request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/),
    });
  });

  test('the middleware checks the body, then model, max_tokens and messages, in that order', async () => {
    const post = async (body: string) => {
      const res = await fetch(`${fake.url}/v1/messages`, { method: 'POST', body, headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' } });
      const json = (await res.json()) as { type: string; error: { type: string; message: string } };
      expect(json.type).toBe('error');
      return [res.status, json.error.type, json.error.message];
    };
    expect(await post('{"model":')).toEqual([400, 'invalid_request_error', 'unexpected EOF']);
    expect(await post(JSON.stringify({ max_tokens: 5 }))).toEqual([400, 'invalid_request_error', 'model is required']);
    expect(await post(JSON.stringify({ model: 'llama3.2', messages: [] }))).toEqual([400, 'invalid_request_error', 'max_tokens is required and must be positive']);
    expect(await post(JSON.stringify({ model: 'llama3.2', max_tokens: 5, messages: [] }))).toEqual([400, 'invalid_request_error', 'messages is required']);
    expect(await post(JSON.stringify({ model: 'llama3.2', max_tokens: '5', messages: [] }))).toEqual([
      400,
      'invalid_request_error',
      'json: cannot unmarshal string into Go struct field MessagesRequest.max_tokens of type int',
    ]);
    expect(
      await post(JSON.stringify({ model: 'llava', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.org/a.png' } }] }] })),
    ).toEqual([400, 'invalid_request_error', 'invalid image source type: url. Only base64 images are supported.']);
    expect(await post(JSON.stringify({ model: 'llama3.2', max_tokens: 5, messages: [{ role: 'assistant', content: [{ type: 'tool_use', name: 'x' }] }] }))).toEqual([
      400,
      'invalid_request_error',
      "tool_use block missing required 'id' field",
    ]);
  });

  test('tools on a model without tools: 400 from the chat handler; count_tokens is not a route (gin 404)', async () => {
    const err = await anthropic.messages.create({ model: 'all-minilm', max_tokens: 10, tools: [weather], messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    const count = await fetch(`${fake.url}/v1/messages/count_tokens`, { method: 'POST', body: '{}' });
    expect([count.status, await count.text()]).toEqual([404, '404 page not found']);
  });
});
