/**
 * Process mode reads the FAKE_* settings of the environment like every other way of starting the
 * fakes; a control token among them becomes the run's, so the lifecycle's own clients still get in.
 */
import { Ollama } from 'ollama';
import { afterEach, expect, test, vi } from 'vitest';
import { startRun } from '../../src/lifecycle/run.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

test('FAKE_OLLAMA_VERSION and FAKE_OLLAMA_CONTROL_TOKEN reach an in-process run; its clients send the token', async () => {
  vi.stubEnv('FAKE_OLLAMA_VERSION', '9.1.2');
  vi.stubEnv('FAKE_OLLAMA_CONTROL_TOKEN', 'sesame');
  await using run = await startRun({ mode: 'process', fakes: ['ollama'], progress: () => {} });
  const url = run.endpoints.ollamaUrl as string;
  expect((await new Ollama({ host: url }).version()).version).toBe('9.1.2');
  expect(run.endpoints.controlToken).toBe('sesame');
  expect((await fetch(`${url}/_fake/journal`)).status).toBe(401);
  // The run's scope leak check goes through the control plane with the token.
  const scope = run.scope.child('test');
  await scope.ollama().version();
  await expect(scope.close()).resolves.toBeUndefined();
});
