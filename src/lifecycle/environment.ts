import type { FakeEndpoints } from './endpoints.js';

/**
 * Variables that point code under test at the fakes: what Ollama and Milvus clients and LangChain read
 * (OLLAMA_HOST, OLLAMA_BASE_URL, MILVUS_ADDRESS, MILVUS_URI), and FAKECONTAINERS_* so that a nested run
 * (a child `vitest` started by `fakecontainers run`) attaches to these fakes instead of starting its own,
 * with the control-plane token when the fakes need one.
 */
export function endpointEnvironment(endpoints: FakeEndpoints): Record<string, string> {
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
  if (endpoints.controlToken) env.FAKECONTAINERS_CONTROL_TOKEN = endpoints.controlToken;
  return env;
}

/**
 * The fakes a run started elsewhere (a global setup, `fakecontainers run`) exported through
 * {@link endpointEnvironment}, or undefined when the environment names none. Test processes that
 * the runner starts after its global setup find their fakes here.
 */
export function endpointsFromEnvironment(env: NodeJS.ProcessEnv = process.env): FakeEndpoints | undefined {
  const ollamaUrl = env.FAKECONTAINERS_OLLAMA_URL || undefined;
  const milvusAddress = env.FAKECONTAINERS_MILVUS_ADDRESS || undefined;
  if (!ollamaUrl && !milvusAddress) return undefined;
  const controlToken = env.FAKECONTAINERS_CONTROL_TOKEN || undefined;
  return { ...(ollamaUrl ? { ollamaUrl } : {}), ...(milvusAddress ? { milvusAddress } : {}), ...(controlToken ? { controlToken } : {}) };
}

/**
 * Sets `variables` in this process's environment (workers and children started afterwards inherit
 * them) and returns what puts the previous values back.
 */
export function exportEnvironment(variables: Record<string, string>, env: NodeJS.ProcessEnv = process.env): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(variables)) {
    previous.set(name, env[name]);
    env[name] = value;
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
  };
}
