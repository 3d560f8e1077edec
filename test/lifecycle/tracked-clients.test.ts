import { Agent, request } from 'node:http';
import fetch from 'node-fetch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCOPE_HEADER } from '../../src/fakes/control/connections.js';
import { type StartedFakeOllama, startFakeOllama } from '../../src/fakes/ollama/server.js';
import { ScopeClosedError } from '../../src/lifecycle/errors.js';
import { createScope } from '../../src/lifecycle/scope.js';

let fake: StartedFakeOllama;
beforeAll(async () => {
  fake = await startFakeOllama();
});
afterAll(() => fake.close());

const chat = { model: 'llama3.2', messages: [{ role: 'user', content: 'hello' }] };

describe('clients tracked by a scope', () => {
  test('attribute every request and connection to the scope, and leave nothing open after close', async () => {
    const scope = createScope('test-attribution', { endpoints: { ollamaUrl: fake.url } });
    const reply = await scope.ollama().chat(chat);
    expect(reply.done).toBe(true);
    expect(fake.journal({ scope: scope.id })).toHaveLength(1);
    expect(fake.connections({ scope: scope.id }).length).toBeGreaterThan(0);
    await scope.close();
    const report = await scope.checkLeaks();
    expect(report.leaks).toEqual([]);
  });

  test('abort an in-flight stream when the scope closes; the fake sees the abort', async () => {
    fake.addFault({ kind: 'slow', tokenDelayMs: 50, route: 'chat', times: 1 });
    const scope = createScope('test-stream', { endpoints: { ollamaUrl: fake.url } });
    const stream = await scope.ollama().chat({ ...chat, stream: true });
    const consumed = expect(
      (async () => {
        for await (const _ of stream) {
          // keep reading until the scope closes underneath
        }
      })(),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 120));
    await scope.close();
    await consumed;
    await expect.poll(() => fake.journal({ scope: scope.id })[0]?.aborted).toBe(true);
    expect((await scope.checkLeaks()).leaks).toEqual([]);
  });

  test('abort even a non-streaming request (which ollama-js cannot abort itself)', async () => {
    fake.addFault({ kind: 'delay', delayMs: 10_000, route: 'chat', times: 1 });
    const scope = createScope('test-non-stream', { endpoints: { ollamaUrl: fake.url } });
    const rejected = expect(scope.ollama().chat(chat)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    await scope.close();
    await rejected;
    await expect.poll(() => fake.journal({ scope: scope.id })[0]?.aborted).toBe(true);
  });

  test('refuse to hand out clients once closed', async () => {
    const scope = createScope('test-closed', { endpoints: { ollamaUrl: fake.url } });
    await scope.close();
    expect(() => scope.ollama()).toThrow(ScopeClosedError);
    expect(() => scope.fetch).toThrow(ScopeClosedError);
    await expect(scope.milvus()).rejects.toBeInstanceOf(ScopeClosedError);
  });

  test('give node-fetch an agent that carries the scope header and dies with the scope', async () => {
    const scope = createScope('test-node-fetch', { endpoints: { ollamaUrl: fake.url } });
    const agent = scope.httpAgent();
    const res = await fetch(`${fake.url}/api/tags`, { agent });
    expect(res.status).toBe(200);
    await res.json();
    expect(fake.journal({ scope: scope.id })).toHaveLength(1);
    await scope.close();
    await expect.poll(() => Object.keys(agent.sockets).length + Object.keys(agent.freeSockets).length).toBe(0);
    expect((await scope.checkLeaks()).leaks).toEqual([]);
  });

  test('report a connection left open under the scope, with where it came from', async () => {
    const scope = createScope('test-leak', { endpoints: { ollamaUrl: fake.url } });
    await scope.close();
    const rogue = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      const req = request(`${fake.url}/api/version`, { agent: rogue, headers: { [SCOPE_HEADER]: scope.id } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    const report = await scope.checkLeaks(200);
    rogue.destroy();
    expect(report.leaks).toHaveLength(1);
    expect(report.leaks[0]).toMatchObject({ fake: 'ollama' });
  });
});
