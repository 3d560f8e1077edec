import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** Scripted answers: rules matched by model, route and prompt, with text, tool calls, errors and delays. */
let fake: StartedFakeOllama;
let ollama: Ollama;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeOllama({
    rules: [{ id: 'configured', match: { prompt: '^configured$' }, reply: { text: 'from the config' } }],
  });
  ollama = new Ollama({ host: fake.url });
  openai = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const chat = (content: string, model = 'llama3.2') => ollama.chat({ model, messages: [{ role: 'user', content }] });

describe('matching', () => {
  test('a prompt regex (with flags) on the last user message; other prompts use the policy', async () => {
    fake.addRule({ match: { prompt: 'capital of france', flags: 'i' }, reply: { text: 'Paris.' } });
    expect((await chat('What is the CAPITAL of France?')).message.content).toBe('Paris.');
    expect((await chat('What is the capital of Spain?')).message.content).not.toBe('Paris.');
  });

  test('model and route narrow a rule; the model matches with or without its tag', async () => {
    fake.addRule({ match: { model: 'llama3.2', route: 'generate' }, reply: { text: 'llama generate' } });
    expect((await ollama.generate({ model: 'llama3.2:latest', prompt: 'x' })).response).toBe('llama generate');
    expect((await ollama.generate({ model: 'LLAMA3.2', prompt: 'x' })).response).toBe('llama generate');
    expect((await ollama.generate({ model: 'qwen3:0.6b', prompt: 'x' })).response).not.toBe('llama generate');
    expect((await chat('x')).message.content).not.toBe('llama generate');
  });

  test('times: a rule retires after that many matches', async () => {
    fake.addRule({ match: { prompt: 'once' }, reply: { text: 'only once' }, times: 1 });
    expect((await chat('once')).message.content).toBe('only once');
    expect((await chat('once')).message.content).not.toBe('only once');
  });

  test('runtime rules come before configured ones; reset keeps only the configured', async () => {
    expect((await chat('configured')).message.content).toBe('from the config');
    fake.addRule({ match: { prompt: 'configured' }, reply: { text: 'runtime wins' } });
    expect((await chat('configured')).message.content).toBe('runtime wins');
    fake.reset();
    expect((await chat('configured')).message.content).toBe('from the config');
  });
});

describe('replies', () => {
  test('text streams like any answer and ends with done', async () => {
    fake.addRule({ match: { prompt: 'stream me' }, reply: { text: 'one two three' } });
    let text = '';
    for await (const c of await ollama.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'stream me' }],
      stream: true,
    }))
      text += c.message.content;
    expect(text).toBe('one two three');
  });

  test('tool calls, with ids, through ollama-js and the OpenAI SDK', async () => {
    fake.addRule({
      match: { prompt: 'book' },
      reply: { toolCalls: [{ name: 'book_flight', arguments: { from: 'OSL', to: 'NRT' } }] },
    });
    const tool = {
      type: 'function' as const,
      function: { name: 'book_flight', description: 'Book', parameters: { type: 'object', properties: {} } },
    };
    const res = await ollama.chat({
      model: 'llama3.2',
      tools: [tool],
      messages: [{ role: 'user', content: 'book it' }],
    });
    expect(res.message.tool_calls![0]!.function).toMatchObject({
      name: 'book_flight',
      arguments: { from: 'OSL', to: 'NRT' },
    });
    const oa = await openai.chat.completions.create({
      model: 'llama3.2',
      tools: [tool],
      messages: [{ role: 'user', content: 'book it' }],
    });
    expect(oa.choices[0]!.finish_reason).toBe('tool_calls');
    expect(
      (oa.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.arguments,
    ).toBe('{"from":"OSL","to":"NRT"}');
  });

  test('thinking text is used on a thinking model', async () => {
    fake.addRule({ match: { prompt: 'ponder' }, reply: { thinking: 'hmm...', text: '42' } });
    expect((await chat('ponder', 'qwen3:0.6b')).message).toMatchObject({ thinking: 'hmm...', content: '42' });
  });

  test('an error reply is in each route’s own format', async () => {
    fake.addRule({ match: { prompt: 'fail' }, reply: { error: { status: 429, message: 'too many requests' } } });
    await expect(chat('fail')).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 429,
      message: 'too many requests',
    });
    const error = await openai.chat.completions
      .create({ model: 'llama3.2', messages: [{ role: 'user', content: 'fail' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ message: '429 too many requests', type: 'api_error' });
  });

  test('a delay holds the answer back', async () => {
    fake.addRule({ match: { prompt: 'slowly' }, reply: { text: 'done', delayMs: 100 } });
    const started = performance.now();
    expect((await chat('slowly')).message.content).toBe('done');
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});
