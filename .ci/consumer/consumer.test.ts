// A user's project: fakecontainers installed from its npm tarball, with the newest vitest and
// testcontainers (5 and 12, which need Node 22+), on the threads pool.
import { expect, inject, test } from 'fakecontainers/vitest';

test('the run provides both fakes', () => {
  const fakes = inject('fakecontainers');
  expect(fakes.ollamaUrl).toMatch(/^http:\/\//);
  expect(fakes.milvusAddress).toMatch(/:\d+$/);
});

test('ollama and milvus fixtures work together', async ({ ollama, milvus }) => {
  const { embeddings } = await ollama.embed({ model: 'all-minilm', input: ['fakes for tests'] });
  await milvus.createCollection({ collection_name: 'notes', dimension: 384 });
  await milvus.insert({ collection_name: 'notes', data: [{ id: 1, vector: embeddings[0] as number[] }] });
  const { results } = await milvus.search({ collection_name: 'notes', data: embeddings[0] as number[], limit: 1 });
  expect(results[0]?.id).toBe('1');
});
