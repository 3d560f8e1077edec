import { FakeControlClient } from '../fakes/control/control-client.js';
import { withBudget } from '../common/budget.js';
import { AbstractStartedContainer, type StoppedTestContainer } from './testcontainers.js';

const MILVUS_PORT = 19530;
const STOP_BUDGET_MS = 15_000;

/** A running fake Milvus container: its address, its REST/control URL and its control plane. */
export class StartedFakeMilvusContainer extends AbstractStartedContainer {
  #stopping?: Promise<StoppedTestContainer>;

  /** `host:port`, for `new MilvusClient({ address })`. */
  getAddress(): string {
    return `${this.getHost()}:${this.getMappedPort(MILVUS_PORT)}`;
  }

  /** `http://host:port`: REST v2 (`new HttpClient({ endpoint })`) and the control plane. */
  getEndpoint(): string {
    return `http://${this.getAddress()}`;
  }

  control(): FakeControlClient {
    return new FakeControlClient(this.getEndpoint());
  }

  /** Idempotent; concurrent calls share one stop, bounded in time. */
  public override stop(options?: Parameters<AbstractStartedContainer['stop']>[0]): Promise<StoppedTestContainer> {
    this.#stopping ??= withBudget(super.stop(options), STOP_BUDGET_MS, `stopping fake Milvus container ${this.getId()}`);
    return this.#stopping;
  }
}
