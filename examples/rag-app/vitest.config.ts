import { defineConfig } from 'vitest/config';

// One line for the fakes: the global setup starts fake Ollama and Milvus for the run (in Docker when an
// engine answers, else in-process) and the `fakecontainers/vitest` fixtures bind clients to them.
export default defineConfig({
  test: {
    globalSetup: ['fakecontainers/vitest/global-setup'],
    include: ['test/**/*.test.ts'],
    env: { FAKECONTAINERS_LEAKS: 'fail' },
  },
});
