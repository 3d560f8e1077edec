import { createOpenAI } from '@ai-sdk/openai';
import { ChatOllama } from '@langchain/ollama';
import { tool as lcTool } from '@langchain/core/tools';
import { generateObject, generateText, jsonSchema, tool } from 'ai';
import { Ollama, type Tool } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { FixedClock } from '../../src/common/clock.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/**
 * Answers that follow the prompt (issue 12): JSON that has the keys the prompt asks for, tool calls by
 * meaning with arguments by entity type, answers about the subject and from retrieved context,
 * through ollama-js, LangChain's ChatOllama and the Vercel AI SDK.
 */
let fake: StartedFakeOllama;
let ollama: Ollama;

beforeAll(async () => {
  fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z'), env: false });
  ollama = new Ollama({ host: fake.url });
});
afterAll(() => fake.close());

const fn = (name: string, description: string, properties: Record<string, unknown>, required = Object.keys(properties)): Tool =>
  ({ type: 'function', function: { name, description, parameters: { type: 'object', properties, required } } }) as Tool;
const weather = fn('get_current_weather', 'Get the current weather for a location', { city: { type: 'string' } });
const str = { type: 'string' };

async function calls(content: string, tools: Tool[], system?: string) {
  const messages = [...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content }];
  const res = await ollama.chat({ model: 'llama3.2', messages, tools });
  return (res.message.tool_calls ?? []).map((c) => ({ name: c.function.name, arguments: c.function.arguments }));
}

describe('JSON mode follows the prompt', () => {
  test('an example object to imitate, in the system prompt', async () => {
    const res = await ollama.chat({
      model: 'llama3.2',
      format: 'json',
      messages: [
        { role: 'system', content: 'Extract the person. Reply with JSON like {"name": "Ann", "age": 30, "city": "Oslo"}.' },
        { role: 'user', content: 'Bob, 44, works in Berlin' },
      ],
    });
    expect(JSON.parse(res.message.content)).toEqual({ name: 'Bob', age: 44, city: 'Berlin' });
  });

  test('"with keys ..." in the user prompt; email, phone and date by meaning', async () => {
    const res = await ollama.generate({
      model: 'llama3.2',
      format: 'json',
      prompt: 'Contact Jane at jane.doe@example.org or 555-201-3344 before March 3. Return JSON with keys name, email, phone and date.',
    });
    expect(JSON.parse(res.response ?? '')).toEqual({ name: 'Jane', email: 'jane.doe@example.org', phone: '555-201-3344', date: '2025-03-03' });
  });

  test("a JSON schema embedded in LangChain-style format instructions (the last schema, not the example's)", async () => {
    const instructions =
      'The output should be formatted as a JSON instance that conforms to the JSON schema below.\n\nAs an example, for the schema {"properties": {"foo": {"title": "Foo", "description": "a list of strings", "type": "array", "items": {"type": "string"}}}, "required": ["foo"]}\nthe object {"foo": ["bar", "baz"]} is a well-formatted instance of the schema.\n\nHere is the output schema:\n```\n{"properties": {"origin": {"type": "string"}, "destination": {"type": "string"}, "passengers": {"type": "integer"}}, "required": ["origin", "destination", "passengers"]}\n```';
    const res = await ollama.generate({ model: 'llama3.2', format: 'json', system: instructions, prompt: 'Book 2 seats from Boston (BOS) to Denver (DEN).' });
    expect(JSON.parse(res.response ?? '')).toEqual({ origin: 'Boston', destination: 'Denver', passengers: 2 });
  });

  test("LangChain's JSON mode (format: 'json') follows the keys the prompt names", async () => {
    const model = new ChatOllama({ baseUrl: fake.url, model: 'llama3.2', format: 'json' });
    const reply = await model.invoke([
      ['system', 'Answer in JSON with keys city and country.'],
      ['human', 'Where is the Eiffel Tower? It stands in Paris, in France.'],
    ]);
    expect(JSON.parse(String(reply.content))).toEqual({ city: 'Paris', country: 'France' });
  });

  test('LangChain withStructuredOutput (JSON schema format) fills the fields from the prompt', async () => {
    const model = new ChatOllama({ baseUrl: fake.url, model: 'llama3.2' });
    const Person = z.object({ name: z.string(), age: z.number(), city: z.string() });
    const person = await model.withStructuredOutput(Person).invoke('Bob, 44, works in Berlin');
    expect(person).toEqual({ name: 'Bob', age: 44, city: 'Berlin' });
  });
});

describe('tools by meaning, with arguments by entity type', () => {
  test('the place, not the first word: "How\'s the weather in NYC?"', async () => {
    expect(await calls("How's the weather in NYC?", [weather])).toEqual([{ name: 'get_current_weather', arguments: { city: 'New York' } }]);
  });

  test('"the total of 12 and 30" calls add(12, 30) by meaning', async () => {
    const add = fn('add', 'Add two numbers', { a: { type: 'number' }, b: { type: 'number' } });
    const multiply = fn('multiply', 'Multiply two numbers', { a: { type: 'number' }, b: { type: 'number' } });
    expect(await calls('What is the total of 12 and 30?', [multiply, add])).toEqual([{ name: 'add', arguments: { a: 12, b: 30 } }]);
  });

  test('"colder" is a weather question; from/to take the places in order', async () => {
    expect((await calls('Is it colder in Oslo today?', [weather]))[0]).toEqual({ name: 'get_current_weather', arguments: { city: 'Oslo' } });
    const flights = fn('search_flights', 'Find flights between airports', { from: str, to: str });
    expect(await calls('Any flights from Boston (BOS) to Denver (DEN) tomorrow?', [flights])).toEqual([{ name: 'search_flights', arguments: { from: 'Boston', to: 'Denver' } }]);
  });

  test('a call per city and per measure when the question compares two cities on two measures', async () => {
    const temperature = fn('get_temperature', 'Current temperature in a city', { city: str });
    const humidity = fn('get_humidity', 'Current humidity in a city', { city: str });
    const got = await calls('Compare the temperature and humidity in Paris and London', [temperature, humidity]);
    expect(got).toEqual([
      { name: 'get_temperature', arguments: { city: 'Paris' } },
      { name: 'get_temperature', arguments: { city: 'London' } },
      { name: 'get_humidity', arguments: { city: 'Paris' } },
      { name: 'get_humidity', arguments: { city: 'London' } },
    ]);
  });

  test('the tool a system prompt demands, and the only tool when the request can fill it; none for small talk', async () => {
    const lookup = fn('lookup_order', 'Order database', { order_id: str });
    expect((await calls('Where is my parcel 8812?', [lookup], 'You must always use the lookup_order tool before answering.'))[0]?.name).toBe('lookup_order');
    const stock = fn('get_quote', 'Quote service', { symbol: str });
    expect((await calls('What is ACME trading at?', [stock]))[0]?.name).toBe('get_quote');
    expect(await calls('Hi!', [stock])).toEqual([]);
  });

  test('with the tool result in the conversation, the answer uses its values', async () => {
    const res = await ollama.chat({
      model: 'llama3.2',
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_current_weather', arguments: { city: 'Oslo' } } }] },
        { role: 'tool', content: '{"temperature": -3, "unit": "celsius"}' },
      ],
    });
    expect(res.message.content).toContain('-3');
  });

  test('LangChain bindTools and the Vercel AI SDK see the same calls', async () => {
    const add = lcTool(async ({ a, b }: { a: number; b: number }) => String(a + b), {
      name: 'add',
      description: 'Add two numbers',
      schema: z.object({ a: z.number(), b: z.number() }),
    });
    const message = await new ChatOllama({ baseUrl: fake.url, model: 'llama3.2' }).bindTools([add]).invoke('What is the total of 12 and 30?');
    expect(message.tool_calls?.map((c) => [c.name, c.args])).toEqual([['add', { a: 12, b: 30 }]]);
    const provider = createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'ollama' });
    const { toolCalls } = await generateText({
      model: provider.chat('llama3.2'),
      prompt: "How's the weather in NYC?",
      tools: { get_current_weather: tool({ description: 'Get the current weather for a location', inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }) }) },
    });
    expect(toolCalls.map((c) => c.input)).toEqual([{ city: 'New York' }]);
  });
});

describe('answers about the subject, and from retrieved context', () => {
  test('the subject, not the opener: "Describe how a rainbow forms"', async () => {
    const res = await ollama.generate({ model: 'llama3.2', prompt: 'Describe how a rainbow forms' });
    expect((res.response ?? '').toLowerCase()).toContain('rainbow');
    expect((res.response ?? '').toLowerCase()).not.toContain('describe');
  });

  test("a LangChain RAG prompt is answered from the context sentence that answers the question; nothing related gives I don't know", async () => {
    const template = (context: string, question: string) =>
      `Use the following pieces of context to answer the question at the end. If you don't know the answer, just say that you don't know.\n\n${context}\n\nQuestion: ${question}\nHelpful Answer:`;
    const context = 'The Eiffel Tower is 330 metres tall.\n\nIt was completed in 1889 for the World Fair.\n\nParis has many museums.';
    const tall = await ollama.generate({ model: 'llama3.2', prompt: template(context, 'How tall is the Eiffel Tower?') });
    expect(tall.response).toContain('330 metres');
    expect(tall.response).not.toContain('museums');
    const unknown = await ollama.generate({ model: 'llama3.2', prompt: template(context, 'Who won the 1998 World Cup?') });
    expect(unknown.response).toMatch(/don't know/);
  });

  test('a chat RAG prompt with the context in the system message', async () => {
    const res = await ollama.chat({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'You are an assistant for question-answering tasks. Use the following pieces of retrieved context to answer the question.\n\nThe refund window is 30 days from delivery.\n\nShipping is free above 50 euros.' },
        { role: 'user', content: 'How long is the refund window?' },
      ],
    });
    expect(res.message.content).toContain('30 days');
  });

  test('the Vercel AI SDK generateObject gets an object with the prompt\'s values', async () => {
    const provider = createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'ollama' });
    const { object } = await generateObject({
      model: provider.chat('llama3.2'),
      schema: z.object({ name: z.string(), email: z.string(), city: z.string() }),
      prompt: 'Extract the contact: Jane lives in Lisbon, write to jane.doe@example.org',
    });
    expect(object).toEqual({ name: 'Jane', email: 'jane.doe@example.org', city: 'Lisbon' });
  });
});

describe('embeddings split identifiers', () => {
  test('code search finds likeMatcher(pattern) by "matcher"', async () => {
    const { embeddings } = await ollama.embed({ model: 'nomic-embed-text', input: ['likeMatcher(pattern)', 'matcher for like patterns', 'unrelated weather report'] });
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
    const [code, query, other] = embeddings as [number[], number[], number[]];
    expect(dot(code, query)).toBeGreaterThan(dot(code, other) + 0.2);
  });
});
