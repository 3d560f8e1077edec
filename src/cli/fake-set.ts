import type { ConfigFile } from '../common/config-file.js';
import { startFakeOllama } from '../fakes/ollama/server.js';

/** The endpoints of a set of running fakes, and the environment code under test reads them from. */
export interface FakeEndpoints {
  ollamaUrl?: string;
  milvusAddress?: string;
}

export interface RunningFakes {
  endpoints: FakeEndpoints;
  close(): Promise<void>;
}

/** Variables that point code under test (and a nested fakecontainers global setup) at the fakes. */
export function endpointEnv(endpoints: FakeEndpoints): Record<string, string> {
  const env: Record<string, string> = {};
  if (endpoints.ollamaUrl) {
    env.OLLAMA_HOST = endpoints.ollamaUrl;
    env.OLLAMA_BASE_URL = endpoints.ollamaUrl;
    env.FAKECONTAINERS_OLLAMA_URL = endpoints.ollamaUrl;
  }
  if (endpoints.milvusAddress) {
    env.MILVUS_ADDRESS = endpoints.milvusAddress;
    env.MILVUS_URI = `http://${endpoints.milvusAddress}`;
    env.FAKECONTAINERS_MILVUS_ADDRESS = endpoints.milvusAddress;
  }
  return env;
}

/** Starts the fakes in this process on free ports. */
export async function startInProcess(config: ConfigFile): Promise<RunningFakes> {
  const ollama = await startFakeOllama({ ...(config.ollama ?? {}), port: 0 });
  return { endpoints: { ollamaUrl: ollama.url }, close: () => ollama.close() };
}

/** Starts the fakes as containers (testcontainers, loaded only when asked for). */
export async function startInContainers(config: ConfigFile): Promise<RunningFakes> {
  const { FakeOllamaContainer } = await import('../containers/index.js');
  const ollama = await new FakeOllamaContainer().withFakeConfig(config.ollama ?? {}).start();
  return { endpoints: { ollamaUrl: ollama.getEndpoint() }, close: async () => void (await ollama.stop()) };
}
