import type { Socket } from 'node:net';
import type { Clock } from '../../common/clock.js';

/** The header (HTTP) and metadata key (gRPC) that attributes a connection to a lifecycle scope. */
export const SCOPE_HEADER = 'x-fakecontainers-scope';
/** Names the client (within its scope) that opened a connection, for leak reports. */
export const CLIENT_HEADER = 'x-fakecontainers-client';

export interface ConnectionInfo {
  id: number;
  remoteAddress: string;
  remotePort: number;
  /** Clock time (epoch ms) the connection was accepted. */
  openedAt: number;
  /** Scope of the first request on the connection that named one. */
  scope?: string;
  /** Client id (within the scope) of the first request that named one. */
  client?: string;
  requests: number;
  /** Requests currently being answered on this connection. */
  active: number;
}

interface Tracked {
  info: ConnectionInfo;
  socket: Socket;
}

/**
 * Every open TCP connection of a fake, with the scope that opened it. The lifecycle manager reads this
 * (`GET /_fake/connections`) after a scope closes to prove that nothing it created is still open.
 */
export class ConnectionTracker {
  readonly #clock: Clock;
  readonly #bySocket = new Map<Socket, Tracked>();
  #nextId = 1;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  add(socket: Socket): ConnectionInfo {
    const info: ConnectionInfo = {
      id: this.#nextId++,
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
      openedAt: this.#clock.now(),
      requests: 0,
      active: 0,
    };
    this.#bySocket.set(socket, { info, socket });
    socket.once('close', () => this.#bySocket.delete(socket));
    return info;
  }

  get(socket: Socket): ConnectionInfo | undefined {
    return this.#bySocket.get(socket)?.info;
  }

  /** Finds a connection by the peer's address and port (how gRPC calls name their connection). */
  findByPeer(address: string, port: number): ConnectionInfo | undefined {
    for (const { info } of this.#bySocket.values()) {
      if (info.remotePort === port && sameAddress(info.remoteAddress, address)) return info;
    }
    return undefined;
  }

  /** Notes a request on the connection; the first scope named sticks. Returns a function to call when it ends. */
  beginRequest(info: ConnectionInfo | undefined, scope: string | undefined, client?: string): () => void {
    if (!info) return () => {};
    info.requests++;
    info.active++;
    if (scope && info.scope === undefined) {
      info.scope = scope;
      info.client = client;
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      info.active--;
    };
  }

  list(filter: { scope?: string } = {}): ConnectionInfo[] {
    const all = [...this.#bySocket.values()].map((t) => ({ ...t.info }));
    return filter.scope === undefined ? all : all.filter((c) => c.scope === filter.scope);
  }

  get size(): number {
    return this.#bySocket.size;
  }

  /** Destroys every connection (server shutdown). */
  destroyAll(): void {
    for (const { socket } of this.#bySocket.values()) socket.destroy();
  }
}

function sameAddress(a: string, b: string): boolean {
  const strip = (s: string) => s.replace(/^::ffff:/, '').replace(/^\[|\]$/g, '');
  return strip(a) === strip(b);
}
