/**
 * Where a container's ports are published and what address its endpoints name. On a local engine
 * (a unix socket, or a TCP engine on a loopback address) ports bind to 127.0.0.1 only: nothing on the
 * network can reach a fake's control plane or a reaper, and an endpoint names the family it was
 * mapped on instead of an ambiguous `localhost` (Docker maps IPv4 and IPv6 to different host ports, so
 * `localhost` resolving to ::1 first used to reach another container). A remote engine's ports bind to
 * all of its interfaces, since the tests reach them over the network, and endpoints name its host.
 */
import net from 'node:net';
import { FakecontainersError } from '../common/errors.js';

export interface Publishing {
  /** `HostIp` of every port binding ('' = all interfaces of the engine's host). */
  readonly bindAddress: string;
  /** The host endpoints name. */
  readonly endpointHost: string;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.startsWith('127.');
}

/**
 * @param engineHost the host testcontainers reaches the engine's published ports on (`localhost` for
 * a unix socket, the DOCKER_HOST's host otherwise)
 * @param requested an explicit bind address (`withBindAddress`, `up --bind`); undefined: automatic
 */
export function publishing(engineHost: string, requested?: string): Publishing {
  const local = isLoopbackHost(engineHost);
  if (requested !== undefined) {
    if (requested !== '' && net.isIP(requested) === 0) {
      throw new FakecontainersError('INVALID_OPTION', `the bind address must be an IP address (127.0.0.1, 0.0.0.0, ::1, ...); got ${JSON.stringify(requested)}`);
    }
    const anyAddress = requested === '' || requested === '0.0.0.0' || requested === '::';
    const endpointHost = anyAddress ? (local ? '127.0.0.1' : engineHost) : requested;
    return { bindAddress: requested, endpointHost };
  }
  return local ? { bindAddress: '127.0.0.1', endpointHost: '127.0.0.1' } : { bindAddress: '', endpointHost: engineHost };
}

/** `host:port` with brackets around an IPv6 host. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
