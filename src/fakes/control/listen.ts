import type { Server } from 'node:net';
import { FakecontainersError } from '../../common/errors.js';

/**
 * Ports this process's fakes were given for port 0, oldest first (bounded). grpc-js shares subchannels
 * process-wide by address: a client of a fake that has since closed keeps a subchannel for
 * `127.0.0.1:<port>` in reconnect backoff (TRANSIENT_FAILURE), and a new client of a new fake that the OS
 * happened to give the same port picks that subchannel up and fails at once with `14 UNAVAILABLE: No
 * connection established. Last error: null` (load-balancer-pick-first.ts, connectToAddressList). Test
 * files that share a worker (vitest `isolate: false`) start and stop many fakes, so a random port is
 * never handed out twice by one process.
 */
const served: number[] = [];
const servedSet = new Set<number>();
const SERVED_LIMIT = 4096;
const FRESH_PORT_ATTEMPTS = 16;

function remember(port: number): void {
  if (servedSet.has(port)) return;
  served.push(port);
  servedSet.add(port);
  if (served.length > SERVED_LIMIT) servedSet.delete(served.shift() as number);
}

/** Whether a fake of this process was already given `port` for port 0 (see `served`). */
export function servedBefore(port: number): boolean {
  return servedSet.has(port);
}

/**
 * Listens on loopback for both IPv4 and IPv6 on one port, because clients that say `localhost` may
 * resolve it to ::1 first (Node >= 17 keeps the resolver's order). With an explicit host, listens on
 * that host only. Returns the port and the servers that ended up listening.
 */
export async function listenLoopback(
  create: () => Server,
  port: number,
  host?: string,
): Promise<{ port: number; servers: Server[] }> {
  if (host !== undefined) {
    for (let stale = 0; ; stale++) {
      const server = create();
      const bound = await listenOn(server, port, host);
      if (port === 0 && servedBefore(bound) && stale < FRESH_PORT_ATTEMPTS) {
        await closeServer(server);
        continue;
      }
      if (port === 0) remember(bound);
      return { port: bound, servers: [server] };
    }
  }
  let stale = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const v4 = create();
    const bound = await listenOn(v4, port, '127.0.0.1');
    if (port === 0 && servedBefore(bound) && stale < FRESH_PORT_ATTEMPTS) {
      // The OS reused a port an earlier fake of this process had: ask for another (bounded).
      stale++;
      attempt--;
      await closeServer(v4);
      continue;
    }
    if (port === 0) remember(bound);
    const v6 = create();
    try {
      await listenOn(v6, bound, '::1');
      return { port: bound, servers: [v4, v6] };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No IPv6 on this machine: IPv4 alone is all a client can reach anyway.
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'EINVAL') return { port: bound, servers: [v4] };
      await closeServer(v4);
      // A random port free on 127.0.0.1 but taken on ::1: try another one.
      if (code === 'EADDRINUSE' && port === 0) continue;
      throw error;
    }
  }
  throw new FakecontainersError('PORT_IN_USE', 'could not find a port free on both 127.0.0.1 and ::1 after 8 attempts');
}

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' && port !== 0) {
        reject(
          new FakecontainersError('PORT_IN_USE', `port ${port} on ${host} is already in use; pick another port or use 0 for a free one`, {
            cause: error,
          }),
        );
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}
