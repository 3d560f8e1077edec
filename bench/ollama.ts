import { Agent, request } from 'undici';
import { type Figure, median } from './figure.js';
import { requestsPerSecond } from './load.js';
import { rssBytes, startChild } from './servers/child.js';
import { Catalog, type CatalogModel } from '../src/fakes/ollama/catalog/catalog.js';
import { DEFAULT_MODELS } from '../src/fakes/ollama/catalog/default-models.js';
import { complete } from '../src/fakes/ollama/generation/completion.js';
import { countTokens, tokenize } from '../src/fakes/ollama/generation/words.js';

/** Figures for the fake Ollama (issue #2). */
export async function ollamaFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const group = 'fake Ollama';

  // 1. Start -> first answered request, in a fresh process, once the module is loaded (what a test
  // pays per startFakeOllama()); the module import (paid once per process) is its own figure. The
  // reference does the same with a bare node:http server.
  const fakeStart = await startPhases('fake-ollama.mjs', '/api/version');
  const bareStart = await startPhases('bare-http.mjs', '/');
  figures.push({ group, name: 'start -> first answered request (module loaded)', value: fakeStart.startMs, unit: 'ms', reference: { name: 'bare node:http', value: bareStart.startMs }, target: '< 50 ms', better: 'lower' });
  figures.push({ group, name: 'module import, once per process', value: fakeStart.importMs, unit: 'ms', reference: { name: 'import node:http', value: bareStart.importMs }, better: 'lower' });

  // 2. Non-streaming /api/chat over keep-alive vs a bare server returning a fixed JSON.
  const fake = await startChild('fake-ollama.mjs');
  const bare = await startChild('bare-http.mjs');
  // Idle memory: after start, before any load.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const idleFake = rssBytes(fake.child.pid as number);
  const idleBare = rssBytes(bare.child.pid as number);
  const chatBody = JSON.stringify({ model: 'llama3.2', stream: false, messages: [{ role: 'user', content: 'Why is the sky blue?' }] });
  await requestsPerSecond(fake.port, { method: 'POST', path: '/api/chat', body: chatBody }, 1);
  const chatRps = await requestsPerSecond(fake.port, { method: 'POST', path: '/api/chat', body: chatBody }, 4);
  const bareRps = await requestsPerSecond(bare.port, { method: 'POST', path: '/', body: chatBody }, 4);
  figures.push({ group, name: 'non-streaming /api/chat', value: chatRps, unit: 'req/s', reference: { name: 'bare node:http fixed JSON', value: bareRps }, target: '>= 0.5x', better: 'higher' });
  // The Responses and Anthropic layers, each against the same bare server (goal: the /api/chat ratio).
  const chatRatio = (chatRps / bareRps).toFixed(2);
  for (const [name, path, body] of [
    ['non-streaming /v1/responses', '/v1/responses', { model: 'llama3.2', input: 'Why is the sky blue?' }],
    ['non-streaming /v1/messages', '/v1/messages', { model: 'llama3.2', max_tokens: 200, messages: [{ role: 'user', content: 'Why is the sky blue?' }] }],
  ] as const) {
    const text = JSON.stringify(body);
    await requestsPerSecond(fake.port, { method: 'POST', path, body: text }, 1);
    const rps = await requestsPerSecond(fake.port, { method: 'POST', path, body: text }, 4);
    const bareAgain = await requestsPerSecond(bare.port, { method: 'POST', path: '/', body: text }, 4);
    figures.push({ group, name, value: rps, unit: 'req/s', reference: { name: 'bare node:http fixed JSON', value: bareAgain }, target: `>= ${chatRatio}x (/api/chat's)`, better: 'higher' });
  }

  // 3. /api/embed, batches of 64 short texts at 768 dimensions, vs shipping the same bytes from a bare server.
  const texts = Array.from({ length: 64 }, (_, i) => `short text number ${i} about topic ${i % 7}`);
  const embedBody = JSON.stringify({ model: 'nomic-embed-text', input: texts });
  const sample = await request(`http://127.0.0.1:${fake.port}/api/embed`, { method: 'POST', body: embedBody });
  const bytes = (await sample.body.arrayBuffer()).byteLength;
  const sized = await startChild('bare-http.mjs', [String(bytes)]);
  await requestsPerSecond(fake.port, { method: 'POST', path: '/api/embed', body: embedBody }, 1, 4);
  const embedRps = await requestsPerSecond(fake.port, { method: 'POST', path: '/api/embed', body: embedBody }, 4, 4);
  const sizedRps = await requestsPerSecond(sized.port, { method: 'POST', path: '/', body: embedBody }, 4, 4);
  figures.push({ group, name: '/api/embed texts at 768 dims', value: embedRps * 64, unit: 'texts/s', reference: { name: `bare server sending the same ${Math.round(bytes / 1024)} KiB`, value: sizedRps * 64 }, target: '>= 20,000 texts/s', better: 'higher' });
  await sized.stop();

  // 4. Memory: idle (measured above), after the load above, and with 1000 concurrent streams open.
  figures.push({ group, name: 'RSS idle (before any request)', value: idleFake / 2 ** 20, unit: 'MiB', reference: { name: 'bare node:http', value: idleBare / 2 ** 20 }, better: 'lower' });
  const loadedFake = rssBytes(fake.child.pid as number);
  const loadedBare = rssBytes(bare.child.pid as number);
  figures.push({ group, name: 'RSS after the chat and embed load above', value: loadedFake / 2 ** 20, unit: 'MiB', reference: { name: 'bare node:http after the same chat load', value: loadedBare / 2 ** 20 }, better: 'lower' });
  const streaming = await rssWithStreams(fake.port, fake.child.pid as number, 1000);
  figures.push({ group, name: 'RSS with 1000 concurrent streams', value: streaming / 2 ** 20, unit: 'MiB', reference: { name: 'same fake after load', value: loadedFake / 2 ** 20 }, better: 'lower' });
  await Promise.all([fake.stop(), bare.stop()]);
  figures.push(generatorCost(group));
  return figures;
}

/** Medians over 5 fresh processes of the two start phases (see `timeToFirstAnswer`). */
export async function startPhases(script: string, probe: string): Promise<{ startMs: number; importMs: number }> {
  const runs: { startMs: number; importMs: number }[] = [];
  for (let i = 0; i < 5; i++) runs.push(await timeToFirstAnswer(script, probe));
  return { startMs: median(runs.map((r) => r.startMs)), importMs: median(runs.map((r) => r.importMs)) };
}

/**
 * In a fresh process: the module import (reported by the child), and the time from a loaded module to
 * ready plus the first request's round trip. Node's own boot is excluded (it is the same for every server).
 */
export async function timeToFirstAnswer(script: string, probe: string): Promise<{ startMs: number; importMs: number }> {
  const { port, readyMs, loadedMs, stop } = await startChild(script);
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${probe}`);
  await res.arrayBuffer();
  const startMs = readyMs - loadedMs + (performance.now() - started);
  await stop();
  return { startMs, importMs: loadedMs };
}

/** Opens `count` streaming chats (a slow token cadence keeps them open), samples RSS, then aborts them. */
async function rssWithStreams(port: number, pid: number, count: number): Promise<number> {
  await request(`http://127.0.0.1:${port}/_fake/faults`, { method: 'POST', body: JSON.stringify({ kind: 'slow', route: 'chat', tokenDelayMs: 1000 }) });
  const agent = new Agent({ connections: count + 10 });
  const controller = new AbortController();
  const body = JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'a long story please' }] });
  const responses = await Promise.all(
    Array.from({ length: count }, () =>
      request(`http://127.0.0.1:${port}/api/chat`, { method: 'POST', body, dispatcher: agent, signal: controller.signal }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rss = rssBytes(pid);
  controller.abort();
  await Promise.allSettled(responses.map((r) => r.body.dump()));
  await agent.destroy();
  await request(`http://127.0.0.1:${port}/_fake/faults`, { method: 'DELETE' });
  return rss;
}


/**
 * What the generator costs per request (understanding, retrieval, prose), in process, on a RAG prompt of
 * about 2,000 tokens: beside the cheapest pass over the same text (tokenizing it once).
 */
function generatorCost(group: string): Figure {
  const passages = Array.from({ length: 88 }, (_, i) => `Passage ${i}: the river system number ${i} drains ${i * 13} square kilometres and feeds ${i % 7} lakes near the town of Alder${i}.`);
  const prompt = `Use the following pieces of context to answer the question at the end. If you don't know the answer, just say that you don't know.\n\n${passages.join('\n\n')}\n\nQuestion: How many lakes does river system number 42 feed?\nHelpful Answer:`;
  const model = new Catalog(DEFAULT_MODELS, { now: () => 0 }).resolve('llama3.2') as CatalogModel;
  const input = (i: number) => ({ model, seedKey: i, configSeed: 0, promptText: prompt, format: { kind: 'text' as const }, tools: [], toolResults: [], lastRole: 'user', think: undefined, options: { stop: [] } });
  const time = (fn: (i: number) => unknown, rounds = 300) => {
    for (let i = 0; i < 30; i++) fn(i);
    const samples: number[] = [];
    for (let r = 0; r < 5; r++) {
      const start = performance.now();
      for (let i = 0; i < rounds; i++) fn(i);
      samples.push((performance.now() - start) / rounds);
    }
    return median(samples);
  };
  const generate = time((i) => complete(input(i)));
  const tokenizeOnce = time(() => tokenize(prompt));
  return { group, name: `generator per request, ${countTokens(prompt).toLocaleString('en-US')}-token RAG prompt`, value: generate, unit: 'ms', reference: { name: 'tokenizing the same prompt once', value: tokenizeOnce }, target: '< 1 ms', better: 'lower' };
}
