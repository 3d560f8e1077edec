import type { Readable } from 'node:stream';
import { LogTail, startOrExplain } from './container-support.js';
import { ensureImageFor } from './ensure-images.js';
import { START_ID_LABEL, managedLabels } from './labels.js';
import { GenericContainer, type StartedTestContainer } from './testcontainers.js';

/**
 * What both fake containers share: our labels, keeping the last log lines (quoted when a start fails),
 * building the image on first use, and removing whatever a failed start left behind.
 */
export abstract class FakeContainerBase extends GenericContainer {
  readonly #tail = new LogTail();
  readonly #labels: Record<string, string>;
  #userLogConsumer?: (stream: Readable) => unknown;

  protected constructor(image: string, kind: 'ollama' | 'milvus') {
    super(image);
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

  /** Starts the container (building our image first if needed); `what` names it in errors. */
  protected async startFake(what: string): Promise<StartedTestContainer> {
    await ensureImageFor(this.imageName.string);
    return startOrExplain(what, this.#labels[START_ID_LABEL] as string, this.#tail, () => super.start());
  }
}
