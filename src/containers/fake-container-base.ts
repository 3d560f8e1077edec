import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { LogTail, startOrExplain } from './container-support.js';
import { ensureImageFor } from './ensure-images.js';
import { START_ID_LABEL, managedLabels } from './labels.js';
import { publishing, publishingFor } from './published-ports.js';
import { GenericContainer, getContainerRuntimeClient, type StartedTestContainer } from './testcontainers.js';

/** What a start found out: the container, the host its endpoints name, and its control token. */
export interface FakeStart {
  readonly started: StartedTestContainer;
  readonly endpointHost: string;
  readonly controlToken?: string;
}

/**
 * What both fake containers share: our labels, keeping the last log lines (quoted when a start fails),
 * building the image on first use, removing whatever a failed start left behind, and the hardening
 * every container the library starts gets: ports published on loopback when the engine is local, a
 * control-plane token, a read-only root file system, no capabilities and no privilege escalation.
 */
export abstract class FakeContainerBase extends GenericContainer {
  readonly #tail = new LogTail();
  readonly #labels: Record<string, string>;
  readonly #kind: 'ollama' | 'milvus';
  #userLogConsumer?: (stream: Readable) => unknown;
  #bindAddress?: string;
  // One token per run when the run set it (the lifecycle hands it to every client), else per container.
  #controlToken: string | null = process.env.FAKECONTAINERS_CONTROL_TOKEN || randomBytes(16).toString('hex');

  protected constructor(image: string, kind: 'ollama' | 'milvus') {
    super(image);
    this.#kind = kind;
    this.#labels = managedLabels(kind);
    this.withLabels(this.#labels);
    super.withLogConsumer((stream) => {
      this.#tail.consume(stream);
      this.#userLogConsumer?.(stream);
    });
  }

  override withLogConsumer(consumer: (stream: Readable) => unknown): this {
    this.#userLogConsumer = consumer;
    return this;
  }

  /**
   * The host interface the ports are published on. Default: 127.0.0.1 when the Docker engine is local,
   * all interfaces of a remote engine. `0.0.0.0` publishes on every interface of a local machine too.
   */
  withBindAddress(address: string): this {
    publishing('localhost', address);
    this.#bindAddress = address;
    return this;
  }

  /**
   * The token the control plane (`/_fake/*` except health) requires. Default: a random one per run (or
   * per container outside a run), which `control()` and every client of the lifecycle send. `null`
   * leaves the control plane open to any peer, as a plain `docker run` of the image does.
   */
  withControlToken(token: string | null): this {
    this.#controlToken = token;
    return this;
  }

  /** Starts the container (building our image first if needed); `what` names it in errors. */
  protected async startFake(what: string): Promise<FakeStart> {
    await ensureImageFor(this.imageName.string);
    const client = await getContainerRuntimeClient();
    const { bindAddress, endpointHost } = await publishingFor(client.info.containerRuntime.host, this.#bindAddress);
    for (const [port, bindings] of Object.entries(this.hostConfig.PortBindings ?? {})) {
      (this.hostConfig.PortBindings as Record<string, unknown>)[port] = (bindings as Array<Record<string, string>>).map((b) => ({ ...b, HostIp: bindAddress }));
    }
    // Nothing in the image writes outside /tmp; a read-only root keeps it that way.
    this.hostConfig.ReadonlyRootfs = true;
    this.withDroppedCapabilities('ALL').withSecurityOpt('no-new-privileges').withTmpFs({ '/tmp': 'rw,noexec,nosuid,size=16m' });
    const prefix = this.#kind === 'ollama' ? 'FAKE_OLLAMA' : 'FAKE_MILVUS';
    if (this.#controlToken !== null) this.withEnvironment({ [`${prefix}_CONTROL_TOKEN`]: this.#controlToken });
    const started = await startOrExplain(what, this.#labels[START_ID_LABEL] as string, this.#tail, () => super.start());
    return { started, endpointHost, ...(this.#controlToken !== null ? { controlToken: this.#controlToken } : {}) };
  }
}
