import { dockerHostSetting } from '../common/docker-host.js';

/**
 * How to reach the Docker Engine API without the docker CLI: the engine testcontainers picks
 * (`tc.host` of ~/.testcontainers.properties, DOCKER_HOST, `docker.host`; unix:// or tcp://) or the
 * default socket. Used by the synchronous exit path, mode detection and `up`.
 */
export type DockerEndpoint = { socketPath: string } | { host: string; port: number };

export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env, home?: string): DockerEndpoint {
  const host = dockerHostSetting(env, home);
  if (host?.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host?.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  return { socketPath: '/var/run/docker.sock' };
}
