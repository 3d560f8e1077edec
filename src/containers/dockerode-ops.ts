import { readdirSync } from 'node:fs';
import { getContainerRuntimeClient } from './testcontainers.js';
import { FakecontainersError } from '../common/errors.js';
import type { DockerOps } from './docker-ops.js';

/** DockerOps over the Docker API that testcontainers already talks to (no `docker` CLI needed). */
export async function dockerApiOps(): Promise<DockerOps> {
  const client = await getContainerRuntimeClient();
  const docker = client.container.dockerode;
  return {
    async engine() {
      try {
        return (await docker.version()).Version;
      } catch (error) {
        throw new FakecontainersError('DOCKER_UNAVAILABLE', `no Docker engine answers at ${client.info.containerRuntime.host}: ${(error as Error).message}`);
      }
    },
    async imageLabels(ref) {
      try {
        const info = await docker.getImage(ref).inspect();
        return (info.Config?.Labels as Record<string, string> | null | undefined) ?? {};
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw error;
      }
    },
    async build(contextDir, tags, buildArgs, progress) {
      const [first, ...rest] = tags;
      if (!first) throw new TypeError('build needs at least one tag');
      const stream = await docker.buildImage({ context: contextDir, src: readdirSync(contextDir, { recursive: true }) as string[] }, {
        t: first,
        buildargs: { ...buildArgs },
      });
      await new Promise<void>((resolve, reject) => {
        docker.modem.followProgress(
          stream,
          (error: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
            const failed = error?.message ?? output.find((o) => o.error)?.error;
            if (failed) reject(new FakecontainersError('IMAGE_BUILD_FAILED', `docker build of ${first} failed: ${failed}`));
            else resolve();
          },
          (event: { stream?: string; status?: string }) => {
            const line = (event.stream ?? event.status ?? '').trim();
            if (line) progress(line);
          },
        );
      });
      for (const tag of rest) {
        const colon = tag.lastIndexOf(':');
        await docker.getImage(first).tag({ repo: tag.slice(0, colon), tag: tag.slice(colon + 1) });
      }
    },
    async pull(ref, timeoutMs, progress) {
      const timeout = new Promise<false>((resolve) => setTimeout(resolve, timeoutMs, false).unref());
      const pulled = (async () => {
        try {
          const stream = await docker.pull(ref);
          await new Promise<void>((resolve, reject) =>
            docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()), (e: { status?: string }) =>
              progress(e.status ?? ''),
            ),
          );
          return true;
        } catch {
          return false;
        }
      })();
      return Promise.race([pulled, timeout]);
    },
  };
}
