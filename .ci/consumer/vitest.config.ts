import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['fakecontainers/vitest/global-setup'],
    env: { FAKECONTAINERS_LEAKS: 'fail' },
    pool: 'threads',
  },
});
