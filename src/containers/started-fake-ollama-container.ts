import { AbstractStartedContainer, type StoppedTestContainer } from './testcontainers.js';
import { withBudget } from '../common/budget.js';
import { FakeControlClient } from '../fakes/control/control-client.js';
import type { FakeStart } from './fake-container-base.js';
import { hostPort } from './published-ports.js';

const OLLAMA_PORT = 11434;
const STOP_BUDGET_MS = 15_000;

/** A running fake Ollama container: its endpoint and its control plane. */
export class StartedFakeOllamaContainer extends AbstractStartedContainer {
  #stopping?: Promise<StoppedTestContainer>;
  readonly #endpointHost: string;
  readonly #controlToken?: string;

  constructor(start: FakeStart) {
    super(start.started);
    this.#endpointHost = start.endpointHost;
    if (start.controlToken !== undefined) this.#controlToken = start.controlToken;
  }

  /** `http://127.0.0.1:port` (a remote engine: its host), for `new Ollama({ host })`; OpenAI SDK: append `/v1`. */
  getEndpoint(): string {
    return `http://${hostPort(this.#endpointHost, this.getMappedPort(OLLAMA_PORT))}`;
  }

  /** The token `/_fake/*` requires (undefined when the container was started without one). */
  getControlToken(): string | undefined {
    return this.#controlToken;
  }

  /** The `/_fake/*` control plane: reset, journal, rules, faults, connections. */
  control(): FakeControlClient {
    return new FakeControlClient(this.getEndpoint(), this.#controlToken);
  }

  /** Idempotent; concurrent calls share one stop, bounded in time. */
  public override stop(options?: Parameters<AbstractStartedContainer['stop']>[0]): Promise<StoppedTestContainer> {
    this.#stopping ??= withBudget(super.stop(options), STOP_BUDGET_MS, `stopping fake Ollama container ${this.getId()}`);
    return this.#stopping;
  }
}
