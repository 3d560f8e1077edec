import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/**
 * `POST /v1/responses` through the OpenAI SDK and the Vercel AI SDK's OpenAI provider (which uses the
 * Responses API by default). Shapes from Ollama's openai/responses.go (ToResponse,
 * ResponsesStreamConverter) and middleware/openai.go (ResponsesMiddleware, ResponsesWriter).
 */
let fake: StartedFakeOllama;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  openai = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => fake.close());

const weatherTool = {
  type: 'function' as const,
  name: 'get_current_weather',
  description: 'Get the current weather for a city',
  strict: false,
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('responses.create', () => {
  test('a string input gets one completed message item, usage, and output_text from the SDK', async () => {
    const res = await openai.responses.create({ model: 'llama3.2', input: 'Why is the sky blue?', instructions: 'Answer briefly.' });
    expect(res).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'llama3.2',
      created_at: 1767225600,
      instructions: 'Answer briefly.',
      store: false,
      metadata: {},
      tool_choice: 'auto',
      text: { format: { type: 'text' } },
    });
    expect(res.id).toMatch(/^resp_\d+$/);
    expect(res.output).toHaveLength(1);
    const [item] = res.output;
    expect(item).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(item?.type === 'message' && item.content[0]).toMatchObject({ type: 'output_text', annotations: [], logprobs: [] });
    expect(res.output_text.length).toBeGreaterThan(10);
    expect(res.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number), input_tokens_details: { cached_tokens: 0 } });
    expect(res.usage?.total_tokens).toBe((res.usage?.input_tokens ?? 0) + (res.usage?.output_tokens ?? 0));
  });

  test('the same request gives the same bytes', async () => {
    const post = () => fetch(`${fake.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2', input: 'Tell me about tides' }) }).then((r) => r.text());
    expect(await post()).toBe(await post());
  });

  test('an item list with a function call and its output is answered from the tool result', async () => {
    const res = await openai.responses.create({
      model: 'llama3.2',
      tools: [weatherTool],
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'What is the weather in Paris?' }] },
        { type: 'function_call', call_id: 'call_1', name: 'get_current_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'Sunny, 21 degrees' },
      ],
    });
    expect(res.output_text).toContain('Sunny, 21 degrees');
  });

  test('function tools give function_call items (and no message item), echoed tools', async () => {
    const res = await openai.responses.create({ model: 'llama3.2', tools: [weatherTool], input: 'What is the current weather in Tokyo?' });
    expect(res.output.map((o) => o.type)).toEqual(['function_call']);
    const call = res.output[0];
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    expect(call).toMatchObject({ status: 'completed', name: 'get_current_weather' });
    expect(call.id).toMatch(/^fc_resp_\d+_0$/);
    expect(call.call_id).toMatch(/^call_[a-z0-9]{8}$/);
    expect(JSON.parse(call.arguments)).toHaveProperty('city');
    expect(res.tools).toEqual([{ ...weatherTool }]);
  });

  test('text.format json_schema gives JSON that matches; responses.parse with zod parses it', async () => {
    const City = z.object({ name: z.string(), population: z.number().int(), coastal: z.boolean() });
    const res = await openai.responses.parse({
      model: 'llama3.2',
      input: 'Describe a city.',
      text: { format: zodTextFormat(City, 'city') },
    });
    expect(City.safeParse(res.output_parsed).success).toBe(true);
    expect(res.text?.format).toMatchObject({ type: 'json_schema', name: 'city' });
  });

  test('text.format json_object is echoed and ignored, as Ollama ignores it on /v1/responses', async () => {
    const res = await openai.responses.create({ model: 'llama3.2', input: 'Why is the sky blue?', text: { format: { type: 'json_object' } } });
    expect(res.text?.format).toEqual({ type: 'json_object' });
    expect(() => JSON.parse(res.output_text)).toThrow();
  });

  test('reasoning effort turns thinking on for a thinking model: a reasoning item precedes the message', async () => {
    const res = await openai.responses.create({ model: 'qwen3:0.6b', input: 'Why is the sky blue?', reasoning: { effort: 'low' } });
    expect(res.output.map((o) => o.type)).toEqual(['reasoning', 'message']);
    const reasoning = res.output[0];
    if (reasoning?.type !== 'reasoning') throw new Error('expected reasoning');
    expect(reasoning.id).toBe(`rs_${res.id}`);
    expect(reasoning.summary[0]?.text.length).toBeGreaterThan(0);
    expect(res.reasoning).toEqual({ effort: 'low' });
    const none = await openai.responses.create({ model: 'qwen3:0.6b', input: 'Why is the sky blue?', reasoning: { effort: 'none' } });
    expect(none.output.map((o) => o.type)).toEqual(['message']);
  });

  test('max_output_tokens bounds the reply; the status stays "completed" as in Ollama', async () => {
    const res = await openai.responses.create({ model: 'llama3.2', input: 'Write a long essay about rivers', max_output_tokens: 5 });
    expect(res.usage?.output_tokens).toBe(5);
    expect(res.status).toBe('completed');
    expect(res.incomplete_details).toBeNull();
    expect(res.max_output_tokens).toBe(5);
  });

  test('previous_response_id, store and tool_choice are ignored, as Ollama (stateless) ignores them', async () => {
    const plain = await openai.responses.create({ model: 'llama3.2', input: 'Hello' });
    const stateful = await openai.responses.create({ model: 'llama3.2', input: 'Hello', previous_response_id: 'resp_1', store: true, tool_choice: 'none' });
    expect(stateful.output_text).toBe(plain.output_text);
    expect(stateful.previous_response_id).toBeNull();
    expect((stateful as unknown as { store: boolean }).store).toBe(false);
  });
});

describe('responses.stream', () => {
  test('the event sequence the SDK helpers expect, text deltas that add up, and the final response', async () => {
    const stream = openai.responses.stream({ model: 'llama3.2', input: 'Why is the sky blue?' });
    const types: string[] = [];
    let text = '';
    const sequence: number[] = [];
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(types.slice(0, 5)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
    ]);
    expect(types.slice(-4)).toEqual(['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);
    expect(sequence).toEqual(sequence.map((_, i) => i));
    expect(final.output_text).toBe(text);
    const whole = await openai.responses.create({ model: 'llama3.2', input: 'Why is the sky blue?' });
    expect(text).toBe(whole.output_text);
  });

  test('reasoning summary deltas, then function call argument events (stream: true)', async () => {
    const stream = await openai.responses.create({ model: 'qwen3:0.6b', input: 'What is the weather in Oslo?', tools: [weatherTool], stream: true });
    const types: string[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(types.filter((t) => !t.endsWith('.delta'))).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_text.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(completed?.output.map((o) => o.type)).toEqual(['reasoning', 'function_call']);
  });

  test("the SDK's stream helper cannot follow Ollama's reasoning events (no reasoning_summary_part.added), against the fake as against Ollama", async () => {
    // openai/responses.go processThinking sends summary deltas without first adding a summary part,
    // which the SDK's ResponseAccumulator needs; plain `stream: true` iteration (above) works.
    const stream = openai.responses.stream({ model: 'qwen3:0.6b', input: 'Why is the sky blue?' });
    await expect(stream.finalResponse()).rejects.toThrow('missing content at index 0');
  });

  test('raw SSE: event/data frames and no [DONE]', async () => {
    const res = await fetch(`${fake.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2', input: 'Hi', stream: true }) });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const body = await res.text();
    expect(body.startsWith('event: response.created\ndata: {"type":"response.created","sequence_number":0,')).toBe(true);
    expect(body).not.toContain('[DONE]');
    expect(body.trimEnd().split('\n\n').at(-1)).toMatch(/^event: response\.completed\n/);
  });
});

describe('errors in OpenAI shape', () => {
  test('unknown model: 404 not_found_error; missing model: 400', async () => {
    const err = await openai.responses.create({ model: 'nope', input: 'Hi' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).error).toMatchObject({ message: "model 'nope' not found", type: 'not_found_error' });
    const missing = await fetch(`${fake.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ input: 'Hi' }) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: { message: 'model is required', type: 'invalid_request_error', param: null, code: null } });
  });

  test('malformed JSON, a bad item type, image URLs, file inputs and a bad effort are refused by the middleware', async () => {
    const post = async (body: string) => {
      const res = await fetch(`${fake.url}/v1/responses`, { method: 'POST', body });
      return [res.status, ((await res.json()) as { error: { message: string } }).error.message];
    };
    expect(await post('{"model":')).toEqual([400, 'unexpected EOF']);
    expect(await post('')).toEqual([400, 'EOF']);
    expect(await post(JSON.stringify({ model: 'llama3.2', input: [{ type: 'bogus' }] }))).toEqual([400, 'input[0]: unknown input item type: "bogus"']);
    expect(await post(JSON.stringify({ model: 'llama3.2', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://example.org/a.png' }] }] }))).toEqual([
      400,
      'image URLs are not currently supported, please use base64 encoded data instead',
    ]);
    expect(await post(JSON.stringify({ model: 'llama3.2', input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] }))).toEqual([
      400,
      'file inputs are not currently supported',
    ]);
    expect((await post(JSON.stringify({ model: 'llama3.2', input: 'Hi', reasoning: { effort: 'extreme' } })))[1]).toMatch(/^invalid reasoning value: 'extreme'/);
    expect(await post(JSON.stringify({ model: 'llama3.2', input: 42 }))).toEqual([
      400,
      'input must be a string or array: json: cannot unmarshal number into Go value of type []openai.ResponsesInputItem',
    ]);
  });

  test('tools on a model without tools, thinking on a model without thinking: Ollama capability errors', async () => {
    const tools = await openai.responses.create({ model: 'all-minilm', input: 'Hi', tools: [weatherTool] }).catch((e: unknown) => e);
    expect(tools).toBeInstanceOf(OpenAI.BadRequestError);
    const think = await openai.responses.create({ model: 'llama3.2', input: 'Hi', reasoning: { effort: 'high' } }).catch((e: unknown) => e);
    expect((think as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({ message: '"llama3.2" does not support thinking' });
  });
});

describe('the Vercel AI SDK, OpenAI provider (Responses API)', () => {
  const provider = () => createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'unused' });

  test('generateText and streamText', async () => {
    const { text, usage } = await generateText({ model: provider().responses('llama3.2'), prompt: 'Why is the sky blue?' });
    expect(text.length).toBeGreaterThan(10);
    expect(usage.outputTokens).toBeGreaterThan(0);
    const streamed = streamText({ model: provider().responses('llama3.2'), prompt: 'Why is the sky blue?' });
    let joined = '';
    for await (const part of streamed.textStream) joined += part;
    expect(joined).toBe(text);
  });

  test('tool calls come back as the SDK tool calls', async () => {
    const { toolCalls } = await generateText({
      model: provider().responses('llama3.2'),
      prompt: 'What is the current weather in Tokyo?',
      tools: {
        get_current_weather: tool({
          description: 'Get the current weather for a city',
          inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
        }),
      },
    });
    expect(toolCalls.map((c) => c.toolName)).toEqual(['get_current_weather']);
  });
});
