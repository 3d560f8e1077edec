import { FakeControlClient } from '../fakes/control/control-client.js';
import type { FakeStart } from './fake-container-base.js';
import { hostPort } from './published-ports.js';
import { withBudget } from '../common/budget.js';
import { AbstractStartedContainer, type StoppedTestContainer } from './testcontainers.js';

const MILVUS_PORT = 19530;
const STOP_BUDGET_MS = 15_000;

/** A running fake Milvus container: its address, its REST/control URL and its control plane. */
export class StartedFakeMilvusContainer extends AbstractStartedContainer {
  #stopping?: Promise<StoppedTestContainer>;
  readonly #endpointHost: string;
  readonly #controlToken?: string;

  constructor(start: FakeStart) {
    super(start.started);
    this.#endpointHost = start.endpointHost;
    if (start.controlToken !== undefined) this.#controlToken = start.controlToken;
  }

  /** `127.0.0.1:port` (a remote engine: its host), for `new MilvusClient({ address })`. */
  getAddress(): string {
    return hostPort(this.#endpointHost, this.getMappedPort(MILVUS_PORT));
  }

  /** The token `/_fake/*` requires (undefined when the container was started without one). */
  getControlToken(): string | undefined {
    return this.#controlToken;
  }

  /** `http://host:port`: REST v2 (`new HttpClient({ endpoint })`) and the control plane. */
  getEndpoint(): string {
    return `http://${this.getAddress()}`;
  }

  control(): FakeControlClient {
    return new FakeControlClient(this.getEndpoint(), this.#controlToken);
  }

  /** Idempotent; concurrent calls share one stop, bounded in time. */
  public override stop(options?: Parameters<AbstractStartedContainer['stop']>[0]): Promise<StoppedTestContainer> {
    this.#stopping ??= withBudget(super.stop(options), STOP_BUDGET_MS, `stopping fake Milvus container ${this.getId()}`);
    return this.#stopping;
  }
}
