import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** `chat.completions.create` through the OpenAI SDK (v6) pointed at the fake's `/v1`. */
let fake: StartedFakeOllama;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  openai = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => fake.close());

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    },
  },
};

describe('chat completions', () => {
  test('JSON: a chat.completion with usage and finish_reason stop', async () => {
    const res = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    });
    expect(res).toMatchObject({
      object: 'chat.completion',
      model: 'llama3.2',
      created: 1767225600,
      system_fingerprint: 'fp_ollama',
    });
    expect(res.id).toMatch(/^chatcmpl-\d{1,3}$/);
    expect(res.choices[0]!).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant' } });
    expect(res.choices[0]!.message.content!.length).toBeGreaterThan(10);
    expect(res.usage!.total_tokens).toBe(res.usage!.prompt_tokens + res.usage!.completion_tokens);
  });

  test('streaming: deltas add up to the JSON answer, one id, [DONE] ends it, usage on request', async () => {
    const body = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'Describe a rainbow' }] };
    const whole = await openai.chat.completions.create(body);
    const stream = await openai.chat.completions.create({
      ...body,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const usage = chunks[chunks.length - 1]!;
    const finish = chunks[chunks.length - 2]!;
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(whole.choices[0]!.message.content);
    expect(finish.choices[0]!.finish_reason).toBe('stop');
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toEqual(whole.usage);
    expect(
      chunks.slice(0, -2).every((c) => c.choices[0]!.finish_reason === null && c.object === 'chat.completion.chunk'),
    ).toBe(true);
  });

  test('streaming without include_usage has no usage chunk', async () => {
    const stream = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'hi there' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.usage === undefined && c.choices.length === 1)).toBe(true);
  });

  test('max_tokens cuts the answer with finish_reason length', async () => {
    const res = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Write about oceans' }],
      max_tokens: 3,
    });
    expect(res.choices[0]!.finish_reason).toBe('length');
    expect(res.usage!.completion_tokens).toBe(3);
  });
});

describe('message translation', () => {
  test('array content: each text part is its own message, the last one is the question', async () => {
    fake.addRule({
      match: { route: 'openai.chat', prompt: '^second part$' },
      reply: { text: 'matched the last part' },
      times: 1,
    });
    const res = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'first part' },
            { type: 'text', text: 'second part' },
          ],
        },
      ],
    });
    expect(res.choices[0]!.message.content).toBe('matched the last part');
  });
});

describe('tools', () => {
  const ask = [{ role: 'user' as const, content: 'What is the weather in Tokyo today?' }];

  test('JSON: a tool call with id, index, JSON-string arguments and finish_reason tool_calls', async () => {
    const res = await openai.chat.completions.create({ model: 'llama3.2', messages: ask, tools: [weather] });
    const choice = res.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.id).toMatch(/^call_[a-z0-9]{8}$/);
    expect(call.type).toBe('function');
    expect(call.function.name).toBe('get_current_weather');
    expect(JSON.parse(call.function.arguments)).toMatchObject({ city: 'Tokyo' });
  });

  test('streaming: tool-call deltas accumulate by index into the same call', async () => {
    const stream = openai.chat.completions.stream({ model: 'llama3.2', messages: ask, tools: [weather] });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call.id).toMatch(/^call_[a-z0-9]{8}$/);
    expect(JSON.parse(call.function.arguments)).toMatchObject({ city: 'Tokyo' });
  });

  test('a tool result turns into a text answer; tool_call_id resolves the tool name', async () => {
    const first = await openai.chat.completions.create({ model: 'llama3.2', messages: ask, tools: [weather] });
    const call = first.choices[0]!.message.tool_calls![0]!;
    const res = await openai.chat.completions.create({
      model: 'llama3.2',
      tools: [weather],
      messages: [
        ...ask,
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call.id, content: '18 degrees and sunny' },
      ],
    });
    expect(res.choices[0]!.finish_reason).toBe('stop');
    expect(res.choices[0]!.message.content).toContain('18 degrees and sunny');
  });
});

describe('response_format', () => {
  test('json_object gives a parseable JSON object', async () => {
    const res = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'List facts about Mars as JSON' }],
      response_format: { type: 'json_object' },
    });
    const value = JSON.parse(res.choices[0]!.message.content!);
    expect(typeof value).toBe('object');
    expect(Array.isArray(value)).toBe(false);
  });

  test('json_schema gives a value of that schema', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, moons: { type: 'integer', minimum: 0, maximum: 2 } },
      required: ['name', 'moons'],
      additionalProperties: false,
    };
    const res = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Tell me about Mars' }],
      response_format: { type: 'json_schema', json_schema: { name: 'planet', schema } },
    });
    const value = JSON.parse(res.choices[0]!.message.content!) as { name: string; moons: number };
    expect(Object.keys(value).sort()).toEqual(['moons', 'name']);
    expect(value.name).toBe('Mars');
    expect(Number.isInteger(value.moons) && value.moons >= 0 && value.moons <= 2).toBe(true);
  });
});

describe('reasoning', () => {
  test('a thinking model exposes its reasoning as message.reasoning', async () => {
    const res = await openai.chat.completions.create({
      model: 'qwen3:0.6b',
      messages: [{ role: 'user', content: 'Why do cats purr?' }],
      reasoning_effort: 'low',
    });
    const message = res.choices[0]!.message as { reasoning?: string; content: string | null };
    expect(message.reasoning!.length).toBeGreaterThan(5);
    expect(message.content!.length).toBeGreaterThan(5);
  });
});
