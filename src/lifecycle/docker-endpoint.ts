/**
 * How to reach the Docker Engine API without the docker CLI: DOCKER_HOST (unix:// or tcp://) or the
 * default socket. Used by the synchronous exit path and the janitor.
 */
export type DockerEndpoint = { socketPath: string } | { host: string; port: number };

export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): DockerEndpoint {
  const host = env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host?.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  return { socketPath: '/var/run/docker.sock' };
}
