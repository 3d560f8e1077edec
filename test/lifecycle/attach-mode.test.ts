/**
 * Attach mode with a typo or the wrong fake: an error at once that names the variable and what is
 * wrong, instead of a 10 s health wait that ends in "fetch failed".
 */
import { type AddressInfo, createServer } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { startFakeMilvus } from '../../src/fakes/milvus/index.js';
import { startRun } from '../../src/lifecycle/run.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('attach mode', () => {
  test('an address that is not one is refused before anything is tried', async () => {
    vi.stubEnv('FAKECONTAINERS_OLLAMA_URL', 'localhost:11434');
    await expect(startRun({ mode: 'attach', fakes: ['ollama'], progress: () => {} })).rejects.toThrow(
      'attach mode: FAKECONTAINERS_OLLAMA_URL="localhost:11434" is not an address like http://127.0.0.1:11434',
    );
    vi.stubEnv('FAKECONTAINERS_MILVUS_ADDRESS', 'http://127.0.0.1:19530/v2');
    await expect(startRun({ mode: 'attach', fakes: ['milvus'], progress: () => {} })).rejects.toThrow(/FAKECONTAINERS_MILVUS_ADDRESS=.* is not an address like 127\.0\.0\.1:19530/);
  });

  test('the other fake at that address is named at once; a port where nothing listens says why', async () => {
    await using milvus = await startFakeMilvus();
    vi.stubEnv('FAKECONTAINERS_OLLAMA_URL', milvus.url);
    // The first health answer says which fake it is; nothing is waited for (the error is not a timeout).
    await expect(startRun({ mode: 'attach', fakes: ['ollama'], progress: () => {} })).rejects.toThrow(`${milvus.url} is the fake milvus, not the fake ollama`);
    // A port where nothing listens: the health wait runs its course and says why (undici's cause).
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    vi.stubEnv('FAKECONTAINERS_OLLAMA_URL', `http://127.0.0.1:${closed}`);
    await expect(startRun({ mode: 'attach', fakes: ['ollama'], progress: () => {} })).rejects.toThrow(/cannot reach the fake at http:\/\/127\.0\.0\.1:\d+: fetch failed \(.*ECONNREFUSED/);
  }, 30_000);
});
