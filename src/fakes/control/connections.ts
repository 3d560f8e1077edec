import type { Socket } from 'node:net';
import type { Clock } from '../../common/clock.js';

/** The header (HTTP) and metadata key (gRPC) that attributes a connection to a lifecycle scope. */
export const SCOPE_HEADER = 'x-fakecontainers-scope';
/** Names the client (within its scope) that opened a connection, for leak reports. */
export const CLIENT_HEADER = 'x-fakecontainers-client';
/**
 * `1` on calls of a client whose connections are shared with other scopes (grpc-js shares a
 * channel's connection between clients): such a call attributes the connection only while it runs,
 * it never makes the scope the connection's owner.
 */
export const SHARED_HEADER = 'x-fakecontainers-shared';

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
  /**
   * Scopes with a request in flight on this connection right now. A connection shared by several
   * scopes (one gRPC channel serving a worker's clients) is attributed per call through this.
   */
  activeScopes?: string[];
}

interface Tracked {
  info: ConnectionInfo;
  socket: Socket;
  /** Active requests per scope. */
  scopes: Map<string, number>;
}

/**
 * Every open TCP connection of a fake, with the scope that opened it. The lifecycle manager reads this
 * (`GET /_fake/connections`) after a scope closes to prove that nothing it created is still open.
 */
export class ConnectionTracker {
  readonly #clock: Clock;
  readonly #bySocket = new Map<Socket, Tracked>();
  readonly #byInfo = new WeakMap<ConnectionInfo, Tracked>();
  /** Called after every close and every request end: waiters re-check their condition. */
  readonly #watchers = new Set<() => void>();
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
    const tracked: Tracked = { info, socket, scopes: new Map() };
    this.#bySocket.set(socket, tracked);
    this.#byInfo.set(info, tracked);
    socket.once('close', () => {
      this.#bySocket.delete(socket);
      this.#changed();
    });
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

  /**
   * Notes a request on the connection; the first scope named sticks (unless the request says its
   * connection is `shared`). Returns a function to call when it ends.
   */
  beginRequest(info: ConnectionInfo | undefined, scope: string | undefined, client?: string, shared = false): () => void {
    if (!info) return () => {};
    info.requests++;
    info.active++;
    if (scope && !shared && info.scope === undefined) {
      info.scope = scope;
      info.client = client;
    }
    const scopes = this.#byInfo.get(info)?.scopes;
    if (scope && scopes) scopes.set(scope, (scopes.get(scope) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      info.active--;
      if (scope && scopes) {
        const left = (scopes.get(scope) ?? 1) - 1;
        if (left > 0) scopes.set(scope, left);
        else scopes.delete(scope);
      }
      this.#changed();
    };
  }

  /**
   * Open connections; with a scope, those it opened (its first request named it) and those it has a
   * request in flight on.
   */
  list(filter: { scope?: string | readonly string[] } = {}): ConnectionInfo[] {
    const wanted = filter.scope === undefined ? undefined : typeof filter.scope === 'string' ? [filter.scope] : filter.scope;
    const out: ConnectionInfo[] = [];
    for (const t of this.#bySocket.values()) {
      if (wanted !== undefined && !wanted.some((s) => t.info.scope === s || t.scopes.has(s))) continue;
      out.push({ ...t.info, ...(t.scopes.size > 0 ? { activeScopes: [...t.scopes.keys()] } : {}) });
    }
    return out;
  }

  /**
   * Resolves with `list(filter)` once nothing but `except` matches, or when `ms` have passed: a leak
   * check waits for the sockets a closed scope just destroyed to be seen closed, in one round trip.
   */
  async settle(filter: { scope?: string | readonly string[] }, ms: number, except?: number): Promise<ConnectionInfo[]> {
    const current = () => this.list(filter).filter((c) => c.id !== except);
    if (ms <= 0 || current().length === 0) return current();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        watchers.delete(check);
        resolve();
      }
      const watchers = this.#watchers;
      const check = () => {
        if (current().length === 0) done();
      };
      watchers.add(check);
    });
    return current();
  }

  #changed(): void {
    for (const watcher of [...this.#watchers]) watcher();
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
