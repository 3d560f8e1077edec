/**
 * What the control plane can read about a running fake: one journal entry per RPC and the open (and
 * recently closed) connections. Small interfaces so `src/fakes/control/` can supply its own
 * implementations; the in-memory ones here are the defaults.
 */

export interface RpcRecord {
  /** Milliseconds from the injected clock when the call arrived. */
  readonly at: number;
  readonly protocol: 'grpc' | 'http';
  /** `MilvusService/Insert`, `ClientTelemetryService/ClientHeartbeat`, `POST /v2/vectordb/...`. */
  readonly method: string;
  readonly db: string;
  readonly collection: string;
  /** Milvus status code (0 = success). */
  readonly code: number;
  readonly errorCode: string;
  readonly reason: string;
  readonly scope?: string;
  readonly connectionId?: string;
}

export interface RpcJournal {
  record(entry: RpcRecord): void;
  entries(): readonly RpcRecord[];
  clear(): void;
}

/** A bounded in-memory journal (oldest entries drop first). */
export class MemoryJournal implements RpcJournal {
  readonly #capacity: number;
  #items: RpcRecord[] = [];

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  record(entry: RpcRecord): void {
    this.#items.push(entry);
    if (this.#items.length > this.#capacity) this.#items.splice(0, this.#items.length - this.#capacity);
  }

  entries(): readonly RpcRecord[] {
    return this.#items;
  }

  clear(): void {
    this.#items = [];
  }
}

export interface ConnectionRecord {
  readonly id: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly openedAt: number;
  protocol: 'grpc' | 'http' | 'unknown';
  /** `x-fakecontainers-scope` of the first call (gRPC metadata or HTTP header) that carried one. */
  scope?: string;
  closedAt?: number;
}

export interface ConnectionTracker {
  opened(remoteAddress: string, remotePort: number, openedAt: number): ConnectionRecord;
  closed(id: string, closedAt: number): void;
  /** The open connection behind a gRPC peer string (`address:port`). */
  byPeer(peer: string): ConnectionRecord | undefined;
  list(): readonly ConnectionRecord[];
}

export class MemoryConnections implements ConnectionTracker {
  #next = 1;
  readonly #open = new Map<string, ConnectionRecord>();
  readonly #byPeer = new Map<string, ConnectionRecord>();
  #closed: ConnectionRecord[] = [];

  opened(remoteAddress: string, remotePort: number, openedAt: number): ConnectionRecord {
    const record: ConnectionRecord = { id: `conn-${this.#next++}`, remoteAddress, remotePort, openedAt, protocol: 'unknown' };
    this.#open.set(record.id, record);
    this.#byPeer.set(`${remoteAddress}:${remotePort}`, record);
    return record;
  }

  closed(id: string, closedAt: number): void {
    const record = this.#open.get(id);
    if (!record) return;
    record.closedAt = closedAt;
    this.#open.delete(id);
    this.#byPeer.delete(`${record.remoteAddress}:${record.remotePort}`);
    this.#closed.push(record);
    if (this.#closed.length > 1000) this.#closed = this.#closed.slice(-1000);
  }

  byPeer(peer: string): ConnectionRecord | undefined {
    return this.#byPeer.get(peer);
  }

  list(): readonly ConnectionRecord[] {
    return [...this.#open.values(), ...this.#closed];
  }
}
