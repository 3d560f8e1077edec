import type { Readable } from 'node:stream';
import { getContainerRuntimeClient } from './testcontainers.js';
import { FakecontainersError } from '../common/errors.js';
import { START_ID_LABEL } from './labels.js';

/** Keeps the last lines a container printed, to quote them when its start fails. */
export class LogTail {
  readonly #lines: string[] = [];
  readonly #max: number;

  constructor(max = 20) {
    this.#max = max;
  }

  readonly consume = (stream: Readable): void => {
    stream.on('data', (chunk: Buffer | string) => {
      for (const line of String(chunk).split('\n')) {
        if (line.trim() === '') continue;
        this.#lines.push(line);
        if (this.#lines.length > this.#max) this.#lines.shift();
      }
    });
    stream.on('error', () => {});
  };

  text(): string {
    return this.#lines.length === 0 ? '(no output)' : this.#lines.map((l) => `  ${l}`).join('\n');
  }
}

/**
 * Runs a container start; on failure removes whatever container it left (by its start-id label) and
 * throws an error that quotes the container's last log lines.
 */
export async function startOrExplain<T>(what: string, startId: string, tail: LogTail, start: () => Promise<T>): Promise<T> {
  const watching = new AbortController();
  const starting = start();
  try {
    // A container that exits while testcontainers waits for its health fails the start at once, instead
    // of when the wait strategy gives up (30 s later).
    return await Promise.race([starting, exitOf(startId, watching.signal)]);
  } catch (error) {
    // The start may still settle later (it will fail: the container is gone); nobody waits for it.
    starting.catch(() => {});
    await removeByLabel(START_ID_LABEL, startId).catch(() => {});
    // Give the log stream a moment to deliver the last lines of a container that just exited.
    await new Promise((resolve) => setTimeout(resolve, 100));
    throw new FakecontainersError(
      'CONTAINER_START_FAILED',
      `${what} did not start: ${(error as Error).message}\nlast log lines:\n${tail.text()}`,
      { cause: error },
    );
  } finally {
    watching.abort();
  }
}

/** Rejects when the container with this start id has exited; never resolves otherwise (until aborted). */
async function exitOf(startId: string, signal: AbortSignal): Promise<never> {
  const client = await getContainerRuntimeClient();
  const docker = client.container.dockerode;
  while (!signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (signal.aborted) break;
    // The state is checked here, not in the filter: Podman's Docker API refuses `status=dead` (500).
    const found = await docker.listContainers({ all: true, filters: { label: [`${START_ID_LABEL}=${startId}`] } }).catch(() => []);
    const exited = found.find((c) => c.State === 'exited' || c.State === 'dead');
    if (exited) throw new Error(`the container exited during start (${exited.Status})`);
  }
  return new Promise<never>(() => {});
}

export async function removeByLabel(label: string, value: string): Promise<number> {
  const client = await getContainerRuntimeClient();
  const docker = client.container.dockerode;
  const found = await docker.listContainers({ all: true, filters: { label: [`${label}=${value}`] } });
  await Promise.all(found.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})));
  return found.length;
}

/** Whether a Docker error says the container is already gone (removed by an exit hook, say). */
export function isGone(error: unknown): boolean {
  const e = error as { statusCode?: number; message?: string };
  return e?.statusCode === 404 || /no such container|is not running|is already in progress/i.test(e?.message ?? '');
}

/** Stops a container; one that is already gone counts as stopped. */
export async function stopUnlessGone(stop: () => Promise<unknown>): Promise<void> {
  try {
    await stop();
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}

/** Force-removes one container (the escalation when a stop hangs); a missing container is fine. */
export async function removeById(id: string): Promise<void> {
  const client = await getContainerRuntimeClient();
  try {
    await client.container.dockerode.getContainer(id).remove({ force: true, v: true });
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}
