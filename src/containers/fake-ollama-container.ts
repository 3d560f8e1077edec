import { Wait } from './testcontainers.js';
import { mergeLayers } from '../common/option-layers.js';
import { OLLAMA_ADDITIVE, ollamaConfigFromEnv } from '../fakes/ollama/env-config.js';
import { hostVariables } from './host-settings.js';
import { FakecontainersError } from '../common/errors.js';
import type { FaultSpec } from '../fakes/control/faults.js';
import { type FakeOllamaConfig, resolveOllamaConfig } from '../fakes/ollama/config.js';
import type { ModelSpec } from '../fakes/ollama/catalog/default-models.js';
import type { RuleSpec } from '../fakes/ollama/generation/rules.js';
import { FakeContainerBase } from './fake-container-base.js';
import { imageRef } from './image-catalog.js';
import { StartedFakeOllamaContainer } from './started-fake-ollama-container.js';

export const OLLAMA_PORT = 11434;

/**
 * The fake Ollama in Docker, in testcontainers' module style.
 *
 * @example
 * await using ollama = await new FakeOllamaContainer().withModels(['llama3.2', 'nomic-embed-text']).start();
 * const client = new Ollama({ host: ollama.getEndpoint() });
 */
export class FakeOllamaContainer extends FakeContainerBase {
  #config: FakeOllamaConfig = {};

  constructor(image: string = imageRef('ollama')) {
    super(image, 'ollama');
    this.withExposedPorts(OLLAMA_PORT)
      .withWaitStrategy(Wait.forHttp('/_fake/health', OLLAMA_PORT).forStatusCode(200))
      .withStartupTimeout(30_000);
  }

  /** The whole catalog (names like `llama3.2` or full model specs), replacing the defaults. */
  withModels(models: readonly (string | ModelSpec)[]): this {
    return this.#merge({ models: models.map((m) => (typeof m === 'string' ? { name: m } : m)) });
  }

  withRules(rules: readonly RuleSpec[]): this {
    return this.#merge({ rules: [...(this.#config.rules ?? []), ...rules] });
  }

  withFaults(faults: readonly FaultSpec[]): this {
    return this.#merge({ faults: [...(this.#config.faults ?? []), ...faults] });
  }

  withSeed(seed: number): this {
    return this.#merge({ seed });
  }

  /** Any other setting of the fake (timing, version, limits, ...), merged over earlier ones. */
  withFakeConfig(config: FakeOllamaConfig): this {
    return this.#merge(config);
  }

  #merge(change: FakeOllamaConfig): this {
    const next = { ...this.#config, ...change };
    try {
      resolveOllamaConfig(next);
    } catch (error) {
      throw new FakecontainersError('INVALID_OPTION', (error as Error).message);
    }
    this.#config = next;
    return this.withEnvironment({ FAKE_OLLAMA_CONFIG_JSON: JSON.stringify({ ollama: next }) });
  }

  public override async start(): Promise<StartedFakeOllamaContainer> {
    // This machine's FAKE_OLLAMA_* settings, under the container's own (options > config file > variables).
    const env = process.env;
    this.withEnvironment(hostVariables('FAKE_OLLAMA_', env, this.environment));
    const hostFile = ollamaConfigFromEnv(env);
    if (Object.keys(hostFile).length > 0) {
      this.withEnvironment({ FAKE_OLLAMA_CONFIG_JSON: JSON.stringify({ ollama: mergeLayers(OLLAMA_ADDITIVE, hostFile, this.#config) }) });
    }
    const started = await this.startFake('fake Ollama container');
    return new StartedFakeOllamaContainer(started);
  }
}

