import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { Ollama } from 'ollama';

/**
 * A small retrieval-augmented question answering service: documents are embedded with an Ollama
 * embedding model and stored in Milvus; a question is embedded, the nearest documents are retrieved
 * and handed to a chat model as context.
 */
export interface Document {
  id: number;
  text: string;
}

export interface Answer {
  answer: string;
  sources: number[];
}

export interface RagOptions {
  ollama: Ollama;
  milvus: MilvusClient;
  collection?: string;
  embeddingModel?: string;
  chatModel?: string;
  /** Documents retrieved per question. */
  topK?: number;
}

export class RagService {
  readonly #ollama: Ollama;
  readonly #milvus: MilvusClient;
  readonly #collection: string;
  readonly #embeddingModel: string;
  readonly #chatModel: string;
  readonly #topK: number;

  constructor(options: RagOptions) {
    this.#ollama = options.ollama;
    this.#milvus = options.milvus;
    this.#collection = options.collection ?? 'documents';
    this.#embeddingModel = options.embeddingModel ?? 'nomic-embed-text';
    this.#chatModel = options.chatModel ?? 'llama3.2';
    this.#topK = options.topK ?? 2;
  }

  /** Creates the collection (768-d cosine index, loaded) when it does not exist yet. */
  async setup(): Promise<void> {
    const { value: exists } = await this.#milvus.hasCollection({ collection_name: this.#collection });
    if (exists) return;
    const created = await this.#milvus.createCollection({
      collection_name: this.#collection,
      fields: [
        { name: 'id', data_type: 'Int64', is_primary_key: true, autoID: false },
        { name: 'text', data_type: 'VarChar', max_length: 4096 },
        { name: 'vector', data_type: 'FloatVector', dim: 768 },
      ],
      index_params: [{ field_name: 'vector', index_type: 'HNSW', metric_type: 'COSINE', params: { M: 16, efConstruction: 64 } }],
    });
    if (created.error_code !== 'Success') throw new Error(`cannot create ${this.#collection}: ${created.reason}`);
    await this.#milvus.loadCollection({ collection_name: this.#collection });
  }

  async ingest(documents: readonly Document[]): Promise<void> {
    const { embeddings } = await this.#ollama.embed({ model: this.#embeddingModel, input: documents.map((d) => d.text) });
    const result = await this.#milvus.insert({
      collection_name: this.#collection,
      data: documents.map((d, i) => ({ id: d.id, text: d.text, vector: embeddings[i] as number[] })),
    });
    if (result.status.error_code !== 'Success') throw new Error(`insert failed: ${result.status.reason}`);
  }

  async ask(question: string): Promise<Answer> {
    const { embeddings } = await this.#ollama.embed({ model: this.#embeddingModel, input: question });
    const found = await this.#milvus.search({
      collection_name: this.#collection,
      data: embeddings[0] as number[],
      limit: this.#topK,
      output_fields: ['id', 'text'],
    });
    const hits = found.results as { id: string; text: string }[];
    const context = hits.map((h) => `- ${h.text}`).join('\n');
    const { message } = await this.#ollama.chat({
      model: this.#chatModel,
      messages: [
        { role: 'system', content: `Answer from this context only:\n${context}` },
        { role: 'user', content: question },
      ],
    });
    return { answer: message.content, sources: hits.map((h) => Number(h.id)) };
  }
}
