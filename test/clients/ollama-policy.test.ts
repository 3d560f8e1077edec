import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ollama, type Tool } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/** The generation policy: tool calls, thinking, images and embeddings that mean something. */
let fake: StartedFakeOllama;
let ollama: Ollama;
const ajv = new Ajv2020({ strict: false });

beforeAll(async () => {
  fake = await startFakeOllama();
  ollama = new Ollama({ host: fake.url });
});
afterAll(() => fake.close());

// ollama-js types tool parameters narrowly; real schemas carry bounds and formats too.
const tools = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather for a city',
      parameters: {
        type: 'object',
        properties: {
          city: { type: 'string', description: 'The city' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          days: { type: 'integer', minimum: 1, maximum: 7 },
        },
        required: ['city', 'unit'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'send_email',
      description: 'Send an email message to a recipient',
      parameters: {
        type: 'object',
        properties: { to: { type: 'string', format: 'email' }, body: { type: 'string' } },
        required: ['to', 'body'],
      },
    },
  },
] as unknown as Tool[];

describe('tools', () => {
  test('picks the tool the message is about, with valid arguments drawn from the message', async () => {
    const res = await ollama.chat({
      model: 'llama3.2',
      tools,
      messages: [{ role: 'user', content: 'What is the weather in New York in fahrenheit for 3 days?' }],
    });
    const [call] = res.message.tool_calls!;
    expect(call!.function.name).toBe('get_current_weather');
    expect(ajv.validate(tools[0]!.function.parameters!, call!.function.arguments)).toBe(true);
    expect(call!.function.arguments).toEqual({ city: 'New York', unit: 'fahrenheit', days: 3 });
    expect((call as unknown as { id: string }).id).toMatch(/^call_[a-z0-9]{8}$/);
    expect(res.message.content).toBe('');
  });

  test('streaming: the call arrives whole in one chunk with content "", then the done chunk', async () => {
    const chunks = [];
    for await (const c of await ollama.chat({
      model: 'llama3.2',
      tools,
      stream: true,
      messages: [{ role: 'user', content: 'Please send an email to bob' }],
    }))
      chunks.push(c);
    const withCalls = chunks.filter((c) => c.message.tool_calls?.length);
    expect(withCalls).toHaveLength(1);
    expect(withCalls[0]!.message.content).toBe('');
    expect(withCalls[0]!.message.tool_calls![0]!.function.name).toBe('send_email');
    expect(chunks[chunks.length - 1]).toMatchObject({ done: true, done_reason: 'stop' });
  });

  test('no tool call when the message has nothing to do with any tool', async () => {
    const res = await ollama.chat({
      model: 'llama3.2',
      tools,
      messages: [{ role: 'user', content: 'Tell me a joke about cats' }],
    });
    expect(res.message.tool_calls).toBeUndefined();
    expect(res.message.content.length).toBeGreaterThan(0);
  });

  test('after a tool result the model answers in text from it', async () => {
    const res = await ollama.chat({
      model: 'llama3.2',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ function: { name: 'get_current_weather', arguments: { city: 'Oslo' } } }],
        },
        { role: 'tool', content: '-3 degrees, snow', tool_name: 'get_current_weather' },
      ],
    });
    expect(res.message.tool_calls).toBeUndefined();
    expect(res.message.content).toContain('-3 degrees, snow');
  });
});

describe('thinking', () => {
  const messages = [{ role: 'user', content: 'Why do leaves change colour?' }];

  test('a thinking model thinks by default, and streams thinking before any content', async () => {
    const chunks = [];
    for await (const c of await ollama.chat({ model: 'qwen3:0.6b', messages, stream: true })) chunks.push(c);
    const firstContent = chunks.findIndex((c) => c.message.content !== '');
    const lastThinking = chunks.map((c) => Boolean(c.message.thinking)).lastIndexOf(true);
    expect(lastThinking).toBeGreaterThanOrEqual(0);
    expect(lastThinking).toBeLessThan(firstContent);
  });

  test('think: false turns it off; levels change how much it thinks', async () => {
    expect((await ollama.chat({ model: 'qwen3:0.6b', messages, think: false })).message.thinking).toBeUndefined();
    const low = (await ollama.chat({ model: 'qwen3:0.6b', messages, think: 'low' })).message.thinking!;
    const high = (await ollama.chat({ model: 'qwen3:0.6b', messages, think: 'high' })).message.thinking!;
    expect(low.length).toBeGreaterThan(0);
    expect(high.length).toBeGreaterThan(low.length);
    expect(
      (await ollama.generate({ model: 'qwen3:0.6b', prompt: 'Why?', think: true })).thinking!.length,
    ).toBeGreaterThan(0);
  });

  test('a non-thinking model refuses think: true but accepts think: false', async () => {
    await expect(ollama.chat({ model: 'llama3.2', messages, think: true })).rejects.toMatchObject({ status_code: 400 });
    expect((await ollama.chat({ model: 'llama3.2', messages, think: false })).done).toBe(true);
  });
});

describe('images', () => {
  test('a vision model takes an image (and counts it in the prompt); a text model refuses it', async () => {
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const withImage = await ollama.chat({
      model: 'llava',
      messages: [{ role: 'user', content: 'What is this?', images: [image] }],
    });
    const without = await ollama.chat({ model: 'llava', messages: [{ role: 'user', content: 'What is this?' }] });
    expect(withImage.prompt_eval_count! - without.prompt_eval_count!).toBe(576);
    await expect(
      ollama.generate({ model: 'llama3.2', prompt: 'What is this?', images: [image] }),
    ).rejects.toMatchObject({ status_code: 500 });
  });
});

describe('embeddings that mean something', () => {
  const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

  test('a query lands on the document that shares its words, above unrelated ones', async () => {
    const docs = [
      'Cats are small furry pets that purr',
      'The stock market fell sharply today',
      'Rust is a systems programming language',
    ];
    const { embeddings } = await ollama.embed({ model: 'nomic-embed-text', input: [...docs, 'which pets purr?'] });
    const query = embeddings[3]!;
    const scores = docs.map((_, i) => cos(query, embeddings[i]!));
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
    expect(scores[0]! - Math.max(scores[1]!, scores[2]!)).toBeGreaterThan(0.2);
  });

  test('the dimension comes from the model; dimensions truncates and re-normalises', async () => {
    expect((await ollama.embed({ model: 'mxbai-embed-large', input: 'x' })).embeddings[0]).toHaveLength(1024);
    const full = (await ollama.embed({ model: 'nomic-embed-text', input: 'hello world' })).embeddings[0]!;
    const cut = (await ollama.embed({ model: 'nomic-embed-text', input: 'hello world', dimensions: 32 }))
      .embeddings[0]!;
    expect(cut).toHaveLength(32);
    expect(Math.hypot(...cut)).toBeCloseTo(1, 5);
    const norm = Math.hypot(...full.slice(0, 32));
    cut.forEach((x, i) => expect(x).toBeCloseTo(full[i]! / norm, 5));
  });
});
