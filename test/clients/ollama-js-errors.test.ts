import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';

/**
 * The error catalogue (reference §1.7, checked against server/routes.go) as ollama-js surfaces it:
 * a ResponseError with status_code and the server's exact `error` text.
 */
let fake: StartedFakeOllama;
let ollama: Ollama;

beforeAll(async () => {
  fake = await startFakeOllama();
  ollama = new Ollama({ host: fake.url });
});
afterAll(() => fake.close());

const say = [{ role: 'user', content: 'hi' }];
const img = Buffer.from('not really a png').toString('base64');

const cases: [string, () => Promise<unknown>, number, string][] = [
  ['generate: unknown model', () => ollama.generate({ model: 'nope', prompt: 'x' }), 404, "model 'nope' not found"],
  ['generate: empty model', () => ollama.generate({ model: '', prompt: 'x' }), 404, "model '' not found"],
  ['generate: invalid name', () => ollama.generate({ model: 'bad name!', prompt: 'x' }), 400, 'invalid model name'],
  [
    'generate: embedding model',
    () => ollama.generate({ model: 'all-minilm', prompt: 'x' }),
    400,
    '"all-minilm" does not support generate',
  ],
  [
    'generate: think on a non-thinking model',
    () => ollama.generate({ model: 'llama3.2', prompt: 'x', think: true }),
    400,
    '"llama3.2" does not support thinking',
  ],
  [
    'generate: suffix without insert',
    () => ollama.generate({ model: 'llama3.2', prompt: 'x', suffix: 'y' }),
    400,
    'registry.ollama.ai/library/llama3.2:latest does not support insert',
  ],
  [
    'generate: raw with system',
    () => ollama.generate({ model: 'llama3.2', prompt: 'x', raw: true, system: 's' }),
    400,
    'raw mode does not support template, system, or context',
  ],
  [
    'generate: bad keep_alive',
    () => ollama.generate({ model: 'llama3.2', prompt: 'x', keep_alive: '5 minutes' }),
    400,
    'time: unknown unit " minutes" in duration "5 minutes"',
  ],
  ['chat: empty model', () => ollama.chat({ model: '', messages: say }), 400, 'model is required'],
  ['chat: invalid name', () => ollama.chat({ model: 'bad name!', messages: say }), 400, 'invalid model name'],
  ['chat: unknown model', () => ollama.chat({ model: 'nope:7b', messages: say }), 404, "model 'nope:7b' not found"],
  [
    'chat: embedding model',
    () => ollama.chat({ model: 'nomic-embed-text', messages: say }),
    400,
    '"nomic-embed-text" does not support chat',
  ],
  [
    'chat: tools on a model without tools',
    () =>
      ollama.chat({
        model: 'llava',
        messages: say,
        tools: [
          {
            type: 'function',
            function: { name: 'f', description: 'd', parameters: { type: 'object', properties: {} } },
          },
        ],
      }),
    400,
    'registry.ollama.ai/library/llava:latest does not support tools',
  ],
  [
    'chat: think on a non-thinking model',
    () => ollama.chat({ model: 'llama3.2', messages: say, think: 'high' }),
    400,
    '"llama3.2" does not support thinking',
  ],
  [
    'chat: images on a non-vision model',
    () => ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'x', images: [img] }] }),
    500,
    'this model is missing data required for image input',
  ],
  [
    'embed: unknown model',
    () => ollama.embed({ model: 'nope', input: 'x' }),
    404,
    'model "nope" not found, try pulling it first',
  ],
  ['embed: invalid name', () => ollama.embed({ model: 'bad name!', input: 'x' }), 400, 'invalid model name'],
  [
    'embed: truncate false and too long',
    () => ollama.embed({ model: 'all-minilm', input: 'word '.repeat(600), truncate: false }),
    400,
    'the input length exceeds the context length',
  ],
  ['embeddings: empty model', () => ollama.embeddings({ model: '', prompt: 'x' }), 400, 'model is required'],
  [
    'embeddings: unknown model',
    () => ollama.embeddings({ model: 'nope', prompt: 'x' }),
    404,
    'model "nope" not found, try pulling it first',
  ],
  ['show: empty model', () => ollama.show({ model: '' }), 400, 'model is required'],
  ['show: unknown model', () => ollama.show({ model: 'nope' }), 404, "model 'nope' not found"],
  ['show: invalid name', () => ollama.show({ model: 'bad name!' }), 400, 'invalid model name'],
  ['pull: invalid name', () => ollama.pull({ model: 'bad name!' }), 400, 'invalid model name'],
  ['push: empty model', () => ollama.push({ model: '' }), 400, 'model is required'],
  [
    'create: neither from nor files',
    () => ollama.create({ model: 'x' }),
    400,
    "neither 'from' or 'files' was specified",
  ],
  [
    'generate: top_logprobs out of range',
    () => ollama.generate({ model: 'llama3.2', prompt: 'x', logprobs: true, top_logprobs: 21 }),
    400,
    'top_logprobs must be between 0 and 20',
  ],
  [
    'chat: top_logprobs out of range',
    () => ollama.chat({ model: 'llama3.2', messages: say, top_logprobs: -1 }),
    400,
    'top_logprobs must be between 0 and 20',
  ],
  [
    'copy: invalid source',
    () => ollama.copy({ source: 'bad name!', destination: 'x' }),
    400,
    'source "bad name!" is invalid',
  ],
  ['copy: unknown source', () => ollama.copy({ source: 'nope', destination: 'other' }), 404, 'model "nope" not found'],
  [
    'copy: invalid destination',
    () => ollama.copy({ source: 'llama3.2', destination: 'bad name!' }),
    400,
    'destination "bad name!" is invalid',
  ],
  ['delete: unknown model', () => ollama.delete({ model: 'nope' }), 404, "model 'nope' not found"],
  ['delete: invalid name', () => ollama.delete({ model: 'bad name!' }), 400, 'name "bad name!" is invalid'],
];

describe('ResponseError per route', () => {
  test.each(cases)('%s', async (_name, call, status, message) => {
    await expect(call()).rejects.toMatchObject({ name: 'ResponseError', status_code: status, error: message, message });
  });
});

describe('errors inside a stream', () => {
  test('push of a missing model streams progress, then an error line: a plain Error, not a ResponseError', async () => {
    const stream = await ollama.push({ model: 'ghost', stream: true });
    const statuses: string[] = [];
    const consume = async () => {
      for await (const p of stream) statuses.push(p.status);
    };
    await expect(consume()).rejects.toThrow(/ghost\/latest: no such file or directory$/);
    expect(statuses).toEqual(['retrieving manifest', "couldn't retrieve manifest"]);
  });

  test('push of a missing model without streaming is a 500 with the same text', async () => {
    await expect(ollama.push({ model: 'ghost' })).rejects.toMatchObject({
      status_code: 500,
      message: expect.stringMatching(/no such file or directory$/),
    });
  });
});

describe('an unknown model', () => {
  test("keeps Ollama's own 404 text for the client, and the fake's log says once where the model would come from", async () => {
    await using fake = await startFakeOllama({ logLevel: 'warn' });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const ollama = new Ollama({ host: fake.url });
      for (let i = 0; i < 2; i++) {
        await expect(ollama.chat({ model: 'mistral', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
          status_code: 404,
          error: "model 'mistral' not found",
        });
      }
    } finally {
      spy.mockRestore();
    }
    const hints = lines.filter((l) => l.includes('"mistral" is not in the fake\'s catalog'));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/extraModels.*FAKE_OLLAMA_EXTRA_MODELS.*pull/);
  });
});
