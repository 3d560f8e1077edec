import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** completions, embeddings, models, errors and retries through the OpenAI SDK. */
let fake: StartedFakeOllama;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  openai = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => fake.close());

describe('completions', () => {
  test('JSON and streaming give the same text', async () => {
    const whole = await openai.completions.create({ model: 'llama3.2', prompt: 'Once upon a time' });
    expect(whole).toMatchObject({
      object: 'text_completion',
      model: 'llama3.2',
      choices: [{ index: 0, finish_reason: 'stop' }],
    });
    expect(whole.id).toMatch(/^cmpl-\d{1,3}$/);
    let text = '';
    let finish: string | null = null;
    for await (const chunk of await openai.completions.create({
      model: 'llama3.2',
      prompt: 'Once upon a time',
      stream: true,
    })) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe(whole.choices[0]!.text);
    expect(finish).toBe('stop');
  });

  test('an empty prompt only loads the model: empty text, finish_reason load', async () => {
    const res = await openai.completions.create({ model: 'llama3.2', prompt: '' });
    expect(res.choices[0]).toMatchObject({ text: '', finish_reason: 'load' });
  });
});

describe('embeddings', () => {
  test('float: unit vectors in input order with usage', async () => {
    const res = await openai.embeddings.create({
      model: 'nomic-embed-text',
      input: ['alpha', 'beta'],
      encoding_format: 'float',
    });
    expect(res).toMatchObject({ object: 'list', model: 'nomic-embed-text' });
    expect(res.data.map((d) => d.index)).toEqual([0, 1]);
    expect(res.data[0]!.embedding).toHaveLength(768);
    expect(Math.hypot(...res.data[0]!.embedding)).toBeCloseTo(1, 4);
    expect(res.usage.prompt_tokens).toBe(res.usage.total_tokens);
  });

  test('base64 (the SDK default) decodes to the same floats', async () => {
    const b64 = await openai.embeddings.create({ model: 'all-minilm', input: 'the quick brown fox' });
    const floats = await openai.embeddings.create({
      model: 'all-minilm',
      input: 'the quick brown fox',
      encoding_format: 'float',
    });
    expect(b64.data[0]!.embedding).toHaveLength(384);
    b64.data[0]!.embedding.forEach((x, i) => expect(x).toBeCloseTo(floats.data[0]!.embedding[i]!, 6));
  });

  test('dimensions truncates and re-normalises', async () => {
    const res = await openai.embeddings.create({
      model: 'nomic-embed-text',
      input: 'hello',
      dimensions: 64,
      encoding_format: 'float',
    });
    expect(res.data[0]!.embedding).toHaveLength(64);
    expect(Math.hypot(...res.data[0]!.embedding)).toBeCloseTo(1, 4);
  });
});

describe('models', () => {
  test('list: every catalog model, owned by its namespace', async () => {
    const page = await openai.models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toContain('llama3.2:latest');
    expect(page.data[0]).toMatchObject({ object: 'model', created: 1767225600, owned_by: 'library' });
  });

  test('list with no models: Ollama sends data null, which the SDK reads as an empty page', async () => {
    await using empty = await startFakeOllama({ models: [] });
    const client = new OpenAI({ baseURL: `${empty.url}/v1`, apiKey: 'unused' });
    const raw = await fetch(`${empty.url}/v1/models`);
    expect(await raw.json()).toEqual({ object: 'list', data: null });
    expect((await client.models.list()).data).toEqual([]);
  });

  test('retrieve: one model, echoing the id as asked', async () => {
    expect(await openai.models.retrieve('llama3.2')).toEqual({
      id: 'llama3.2',
      object: 'model',
      created: 1767225600,
      owned_by: 'library',
    });
  });
});

describe('errors', () => {
  test('unknown model: NotFoundError with the server message and type', async () => {
    const error = await openai.chat.completions
      .create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, message: "404 model 'nope' not found", type: 'not_found_error' });
  });

  test('empty messages: BadRequestError', async () => {
    const error = await openai.chat.completions.create({ model: 'llama3.2', messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toBe("400 [] is too short - 'messages'");
  });

  test('models.retrieve of a missing model: NotFoundError', async () => {
    await expect(openai.models.retrieve('ghost')).rejects.toMatchObject({
      status: 404,
      message: "404 model 'ghost' not found",
    });
  });

  test('unsupported encoding_format: BadRequestError with Ollama’s text', async () => {
    const call = openai.embeddings.create({ model: 'all-minilm', input: 'x', encoding_format: 'int8' as 'float' });
    await expect(call).rejects.toMatchObject({
      status: 400,
      message: "400 Invalid value for 'encoding_format' = int8. Supported values: ['float', 'base64'].",
    });
  });

  test('an error event inside an SSE stream throws mid-stream', async () => {
    fake.addFault({
      kind: 'error-mid-stream',
      route: 'openai.chat',
      afterChunks: 2,
      message: 'runner crashed',
      times: 1,
    });
    const stream = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let seen = 0;
    const consume = async () => {
      for await (const _ of stream) seen++;
    };
    await expect(consume()).rejects.toMatchObject({ message: 'runner crashed' });
    expect(seen).toBe(2);
  });
});

describe('retries (the SDK retries 5xx twice by default)', () => {
  const retrying = () => new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'unused' });
  const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

  test.concurrent('a status fault with times: 1 is hidden by the retry', async () => {
    fake.addFault({ kind: 'status', route: 'openai.chat', model: 'llava', status: 503, times: 1 });
    const res = await retrying().chat.completions.create({ ...ask, model: 'llava' });
    expect(res.choices[0]!.finish_reason).toBe('stop');
    expect(
      fake
        .journal({ route: 'openai.chat' })
        .filter((e) => e.model === 'llava')
        .map((e) => e.status),
    ).toEqual([503, 200]);
  });

  test.concurrent('a status fault with times: 3 outlasts both retries', async () => {
    fake.addFault({
      kind: 'status',
      route: 'openai.chat',
      model: 'qwen3:0.6b',
      status: 500,
      times: 3,
      message: 'boom',
    });
    const error = await retrying()
      .chat.completions.create({ ...ask, model: 'qwen3:0.6b' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 500, message: '500 boom' });
    expect(fake.journal({ route: 'openai.chat' }).filter((e) => e.model === 'qwen3:0.6b')).toHaveLength(3);
  });
});
