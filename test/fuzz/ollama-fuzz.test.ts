/**
 * Nothing a peer sends can crash or hang the fake Ollama (issue: one body with `\uZZZZ` used to end
 * the process). A fixed-seed sample of the fuzz cases (test/fuzz/explore.ts runs thousands) against the
 * fake in a child process: every answer is a well-formed reply or an error in the route's own format
 * (Ollama's `{"error"}`, OpenAI's `{"error": {...}}`, gin's text 404/405, Go's bare 400), within 5 s,
 * and the process is alive and serving at the end. Then a connection flood that must drain.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ChildFake } from './child-fake.js';
import { flood, openConnections } from './flood.js';
import { runCases } from './fuzz-run.js';
import { ollamaCases } from './ollama-cases.js';

/**
 * A case that gets no answer within this long counts as a hang. Every case is answered in milliseconds on
 * an idle machine; the budget is wide so that a saturated one (the suite runs under CPU burners in
 * .ci/saturate.sh) is not mistaken for a hanging fake. A real hang never answers at all.
 */
const HANG_MS = 20_000;
const CASES = Number(process.env.FAKECONTAINERS_FUZZ_CASES ?? 600);

describe('the fake Ollama under fuzzed input', () => {
  let fake: ChildFake;
  let problems: Awaited<ReturnType<typeof runCases>>['problems'];

  beforeAll(async () => {
    const result = await runCases('ollama', ollamaCases(20261203, CASES), { concurrency: 4, timeoutMs: HANG_MS });
    fake = result.fake;
    problems = result.problems;
  }, 240_000);

  afterAll(async () => {
    await fake?.stop();
  });

  test(`${CASES} malformed, mistyped, deep, huge, non-UTF-8 and oddly framed requests: no crash, no hang, every refusal in the route's format`, () => {
    expect(problems.map((p) => `${p.id} ${p.kind}: ${p.problem}`)).toEqual([]);
    expect(fake.exit()).toBeUndefined();
  });

  test('serves a normal request afterwards', async () => {
    const response = await fetch(`http://127.0.0.1:${fake.port}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'hello' }], stream: false }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { done: boolean }).done).toBe(true);
  });

  test('3,000 connections opened and dropped mid-request leave none behind', async () => {
    await flood(fake.port, 3_000);
    await expect.poll(() => openConnections(`http://127.0.0.1:${fake.port}`), { timeout: 20_000, interval: 200 }).toEqual([]);
    expect(fake.exit()).toBeUndefined();
  }, 60_000);
});
