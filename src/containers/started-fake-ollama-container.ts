import { AbstractStartedContainer, type StoppedTestContainer } from './testcontainers.js';
import { withBudget } from '../common/budget.js';
import { FakeControlClient } from '../fakes/control/control-client.js';

const OLLAMA_PORT = 11434;
const STOP_BUDGET_MS = 15_000;

/** A running fake Ollama container: its endpoint and its control plane. */
export class StartedFakeOllamaContainer extends AbstractStartedContainer {
  #stopping?: Promise<StoppedTestContainer>;

  /** `http://host:port`, for `new Ollama({ host })` (OpenAI SDK: append `/v1`). */
  getEndpoint(): string {
    return `http://${this.getHost()}:${this.getMappedPort(OLLAMA_PORT)}`;
  }

  /** The `/_fake/*` control plane: reset, journal, rules, faults, connections. */
  control(): FakeControlClient {
    return new FakeControlClient(this.getEndpoint());
  }

  /** Idempotent; concurrent calls share one stop, bounded in time. */
  public override stop(options?: Parameters<AbstractStartedContainer['stop']>[0]): Promise<StoppedTestContainer> {
    this.#stopping ??= withBudget(super.stop(options), STOP_BUDGET_MS, `stopping fake Ollama container ${this.getId()}`);
    return this.#stopping;
  }
}
