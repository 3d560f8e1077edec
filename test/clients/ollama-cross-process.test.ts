import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

/**
 * Same request + same seed = same bytes, in two processes: 100 varied prompts (prose, JSON mode,
 * schemas, tools, retrieval, thinking, logprobs, the OpenAI and Anthropic layers) sent to two fakes
 * started separately, compared byte for byte.
 */
const script = path.resolve(import.meta.dirname, '../support/fixed-clock-ollama.ts');
const children: ChildProcess[] = [];

async function start(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SEED: '11' } });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /port (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
}

let ports: number[] = [];
beforeAll(async () => {
  ports = await Promise.all([start(), start()]);
}, 60_000);
afterAll(() => children.forEach((c) => c.kill('SIGTERM')));

const SUBJECTS = ['the sky', 'rainbows', 'tides', 'photosynthesis', 'volcanoes', 'the moon', 'coffee', 'jazz', 'bridges', 'bees'];
const weather = { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };

function requests(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  SUBJECTS.forEach((subject, i) => {
    out.push(['/api/generate', { model: 'llama3.2', prompt: `Explain ${subject}`, stream: i % 2 === 0 }]);
    out.push(['/api/chat', { model: 'qwen3:0.6b', messages: [{ role: 'user', content: `Why do ${subject} matter?` }], stream: false, logprobs: true, top_logprobs: 2 }]);
    out.push(['/api/chat', { model: 'llama3.2', messages: [{ role: 'user', content: `Weather in Paris and Rome for ${subject}?` }], tools: [weather], stream: false }]);
    out.push(['/api/generate', { model: 'llama3.2', prompt: `Return JSON with keys name, city and year about ${subject} in Berlin, 1999`, format: 'json', stream: false }]);
    out.push(['/api/chat', { model: 'llama3.2', messages: [{ role: 'user', content: `Describe ${subject}` }], format: { type: 'object', properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } }, stream: false }]);
    out.push(['/api/generate', { model: 'llama3.2', prompt: `Context: ${subject} are studied by experts. They were first described in 1850.\n\nQuestion: When were ${subject} first described?\nAnswer:`, stream: false }]);
    out.push(['/v1/chat/completions', { model: 'llama3.2', messages: [{ role: 'user', content: `Tell me about ${subject}` }], stream: i % 2 === 1 }]);
    out.push(['/v1/responses', { model: 'qwen3:0.6b', input: `Summarize ${subject}`, stream: i % 2 === 0, reasoning: { effort: 'low' } }]);
    out.push(['/v1/messages', { model: 'llama3.2', max_tokens: 60, messages: [{ role: 'user', content: `Write about ${subject}` }], stream: i % 2 === 1 }]);
    out.push(['/api/embed', { model: 'nomic-embed-text', input: [`${subject} facts`, `camelCaseIdentifier${i}`] }]);
  });
  return out;
}

test('100 varied requests give the same bytes in two processes', async () => {
  const all = requests();
  expect(all).toHaveLength(100);
  for (const [route, body] of all) {
    const [a, b] = await Promise.all(ports.map((port) => fetch(`http://127.0.0.1:${port}${route}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => `${r.status} ${await r.text()}`)));
    expect(a, `${route} ${JSON.stringify(body)}`).toBe(b);
    expect(a?.startsWith('200 '), a?.slice(0, 200)).toBe(true);
  }
}, 60_000);
