/**
 * Where a container's ports are published and what address its endpoints name. On a local engine
 * (a unix socket, a TCP engine on a loopback address, or an engine whose address is one of this machine's
 * own interfaces, as when testcontainers runs in a container with its own dockerd and names the bridge
 * gateway) ports bind to 127.0.0.1 only: nothing on the
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
 * Whether `host` is an address of this machine: binding a socket to it succeeds. (os.networkInterfaces
 * leaves out interfaces without carrier, such as docker0 while no container runs.)
 */
export function isOwnAddress(host: string): Promise<boolean> {
  const address = host.replace(/^\[|\]$/g, '');
  if (net.isIP(address) === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: address, port: 0, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Whether the engine's published ports are on this machine. Inside a container (`/.dockerenv`)
 * testcontainers names the bridge gateway (172.17.0.1) even for a dockerd running in the same
 * container: that address is one of ours, so it is not "the network".
 */
export function isLocalEngineHost(host: string, own: ReadonlySet<string> = new Set()): boolean {
  return isLoopbackHost(host) || own.has(unbracket(host));
}

const unbracket = (host: string): string => host.replace(/^\[|\]$/g, '');

/**
 * @param engineHost the host testcontainers reaches the engine's published ports on (`localhost` for
 * a unix socket, the DOCKER_HOST's host otherwise, the bridge gateway inside a container)
 * @param requested an explicit bind address (`withBindAddress`, `up --bind`); undefined: automatic
 * @param own this machine's addresses (for tests)
 *
 * Automatic: a loopback engine host binds to 127.0.0.1. An engine host that is another address of
 * this machine (the docker0 gateway) binds to that address only: testcontainers' wait strategies and
 * the tests reach the ports there, and it is not on any outside interface. A remote engine binds to
 * all of its interfaces, since the tests reach it over the network; its reapers then want a secret.
 */
export function publishing(engineHost: string, requested?: string, own?: ReadonlySet<string>): Publishing {
  const loopback = isLoopbackHost(engineHost);
  const local = isLocalEngineHost(engineHost, own);
  if (requested !== undefined) {
    if (requested !== '' && net.isIP(requested) === 0) {
      throw new FakecontainersError('INVALID_OPTION', `the bind address must be an IP address (127.0.0.1, 0.0.0.0, ::1, ...); got ${JSON.stringify(requested)}`);
    }
    const anyAddress = requested === '' || requested === '0.0.0.0' || requested === '::';
    const endpointHost = anyAddress ? (loopback ? '127.0.0.1' : unbracket(engineHost)) : requested;
    return { bindAddress: requested, endpointHost };
  }
  if (loopback) return { bindAddress: '127.0.0.1', endpointHost: '127.0.0.1' };
  if (local) return { bindAddress: unbracket(engineHost), endpointHost: unbracket(engineHost) };
  return { bindAddress: '', endpointHost: engineHost };
}

/** publishing() for an engine host, having asked this machine whether that host is one of its own. */
export async function publishingFor(engineHost: string, requested?: string): Promise<Publishing> {
  const own = new Set((await isOwnAddress(engineHost)) ? [engineHost.replace(/^\[|\]$/g, '')] : []);
  return publishing(engineHost, requested, own);
}

/** `host:port` with brackets around an IPv6 host. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
