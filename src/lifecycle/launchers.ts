import type { FakeMilvusContainerConfig } from '../containers/fake-milvus-container.js';
import type { FakeMilvusOptions } from '../fakes/milvus/index.js';
import type { FakeOllamaConfig } from '../fakes/ollama/config.js';
import { type FakeEndpoints, milvusHttpUrl } from './endpoints.js';

/**
 * How each fake is started in each mode, behind one shape, so a run (and the CLI) can treat the
 * fakes alike. In-process fakes and containers are loaded lazily: process mode never loads
 * testcontainers.
 */
export type FakeKind = 'ollama' | 'milvus';

export interface LaunchedFake {
  endpoint: string;
  /** The control plane's token, when it has one. */
  controlToken?: string;
  /** Set for containers. */
  containerId?: string;
  stop(): Promise<void>;
  /** Forced removal, when stopping hangs (containers). */
  kill?(): Promise<void>;
}

export interface FakeConfigs {
  ollama?: FakeOllamaConfig;
  /** Seed data, faults and version of the fake Milvus. */
  milvus?: FakeMilvusContainerConfig;
}

export interface FakeLauncher {
  kind: FakeKind;
  /** Environment variable that points a run at an already-running fake (attach mode). */
  attachVariable: string;
  inProcess(config: FakeConfigs): Promise<LaunchedFake>;
  container(config: FakeConfigs): Promise<LaunchedFake>;
  endpoints(endpoint: string): FakeEndpoints;
  /** HTTP base of the fake's control plane. */
  controlUrl(endpoint: string): string;
}

export const ollamaLauncher: FakeLauncher = {
  kind: 'ollama',
  attachVariable: 'FAKECONTAINERS_OLLAMA_URL',
  async inProcess(config) {
    const { startFakeOllama } = await import('../fakes/ollama/server.js');
    const { ollamaOptionsWithEnv } = await import('../fakes/ollama/env-config.js');
    // The environment's FAKE_OLLAMA_* layers apply here too; a control token among them is the run's to send.
    const options = ollamaOptionsWithEnv({ ...(config.ollama ?? {}) });
    const fake = await startFakeOllama({ ...options, port: 0, env: false });
    return { endpoint: fake.url, ...tokenOf(options.control?.token), stop: () => fake.close() };
  },
  async container(config) {
    const { FakeOllamaContainer } = await import('../containers/index.js');
    const { removeById, stopUnlessGone } = await import('../containers/container-support.js');
    const started = await new FakeOllamaContainer().withFakeConfig(config.ollama ?? {}).start();
    return {
      endpoint: started.getEndpoint(),
      ...tokenOf(started.getControlToken()),
      containerId: started.getId(),
      stop: () => stopUnlessGone(() => started.stop()),
      kill: () => removeById(started.getId()),
    };
  },
  endpoints: (endpoint) => ({ ollamaUrl: endpoint }),
  controlUrl: (endpoint) => endpoint,
};

export const milvusLauncher: FakeLauncher = {
  kind: 'milvus',
  attachVariable: 'FAKECONTAINERS_MILVUS_ADDRESS',
  async inProcess(config) {
    const { startFakeMilvus } = await import('../fakes/milvus/index.js');
    const { milvusOptionsWithEnv } = await import('../fakes/milvus/env-config.js');
    const options = milvusOptionsWithEnv({ ...((config.milvus ?? {}) as FakeMilvusOptions) });
    const fake = await startFakeMilvus({ ...options, port: 0, env: false });
    return { endpoint: fake.address, ...tokenOf(options.control?.token), stop: () => fake.close() };
  },
  async container(config) {
    const { FakeMilvusContainer } = await import('../containers/index.js');
    const { removeById, stopUnlessGone } = await import('../containers/container-support.js');
    const started = await new FakeMilvusContainer().withFakeConfig((config.milvus ?? {}) as FakeMilvusContainerConfig).start();
    return {
      endpoint: started.getAddress(),
      ...tokenOf(started.getControlToken()),
      containerId: started.getId(),
      stop: () => stopUnlessGone(() => started.stop()),
      kill: () => removeById(started.getId()),
    };
  },
  endpoints: (endpoint) => ({ milvusAddress: endpoint }),
  controlUrl: (endpoint) => milvusHttpUrl(endpoint),
};

function tokenOf(token: string | undefined): { controlToken?: string } {
  return token === undefined ? {} : { controlToken: token };
}

/** Launchers for every fake this build includes. */
export function launchers(): FakeLauncher[] {
  return [ollamaLauncher, milvusLauncher];
}
