import type { FakesMode } from '../lifecycle/mode.js';

/** What the global setup hands to every test file through `inject('fakecontainers')`. */
export interface ProvidedFakes {
  /** `http://host:port` of the fake Ollama, when the run has one. */
  ollamaUrl?: string;
  /** `host:port` of the fake Milvus, when the run has one. */
  milvusAddress?: string;
  /** The token the fakes' control planes require, when they require one (containers started by the run). */
  controlToken?: string;
  mode: FakesMode;
  runId: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    fakecontainers: ProvidedFakes;
  }
}
