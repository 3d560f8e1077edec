import { describe, expect, test } from 'fakecontainers/vitest';
import { RagService } from '../src/rag-service.js';

const documents = [
  { id: 1, text: 'Milvus stores vectors and finds the nearest ones with an index.' },
  { id: 2, text: 'Ollama runs language models locally and serves them over HTTP.' },
  { id: 3, text: 'Sourdough bread needs flour, water, salt and a lively starter.' },
];

describe('RagService', () => {
  test('retrieves the document that answers the question', async ({ ollama, milvus }) => {
    const rag = new RagService({ ollama, milvus });
    await rag.setup();
    await rag.ingest(documents);
    const { sources } = await rag.ask('How do I bake sourdough bread with a starter?');
    expect(sources[0]).toBe(3);
  });

  test('answers with the chat model, the same way every time', async ({ ollama, milvus }) => {
    const rag = new RagService({ ollama, milvus, topK: 1 });
    await rag.setup();
    await rag.ingest(documents);
    const first = await rag.ask('Where do vectors get stored?');
    const second = await rag.ask('Where do vectors get stored?');
    expect(first.sources).toEqual([1]);
    expect(first.answer).not.toBe('');
    expect(second).toEqual(first);
  });

  test('each test has a database of its own', async ({ milvus }) => {
    const { value } = await milvus.hasCollection({ collection_name: 'documents' });
    expect(value).toBe(false);
  });
});
