/**
 * The request journal: what a fake was asked and how it answered, for assertions in tests
 * (`GET /_fake/journal`). Bounded, so a long-running container cannot grow without limit.
 */
export interface JournalEntry {
  /** 1-based sequence number, unique for the life of the fake (not reset by `clear`). */
  seq: number;
  /** Clock time (epoch ms) when the request arrived. */
  at: number;
  method: string;
  path: string;
  /** The route or RPC the request resolved to (e.g. `chat`, `openai.chat`, `Search`). */
  route?: string;
  model?: string;
  /** Parsed request body, when it was JSON. */
  body?: unknown;
  stream: boolean;
  /** Status written (HTTP status, or the Milvus status code); undefined while in flight. */
  status?: number;
  /** True when the client went away before the reply was complete. */
  aborted: boolean;
  /** Stream chunks written before the end or the abort. */
  chunksSent: number;
  /** Value of the `x-fakecontainers-scope` header or metadata. */
  scope?: string;
  /** Fault applied to this request, by kind. */
  fault?: string;
  /** Whether the request was served from a cassette (replay) or proxied (record). */
  cassette?: 'replay' | 'record';
}

export type NewJournalEntry = Omit<JournalEntry, 'seq' | 'aborted' | 'chunksSent'>;

export class Journal {
  readonly #capacity: number;
  // A ring buffer: once full, each new entry replaces the oldest in O(1).
  readonly #ring: (JournalEntry | undefined)[];
  #next = 0;
  #size = 0;
  #seq = 0;

  constructor(capacity = 1000) {
    this.#capacity = Math.max(1, capacity);
    this.#ring = new Array<JournalEntry | undefined>(this.#capacity);
  }

  /** Adds an entry and returns it; the caller updates status/aborted/chunksSent in place. */
  record(entry: NewJournalEntry): JournalEntry {
    const full: JournalEntry = { ...entry, seq: ++this.#seq, aborted: false, chunksSent: 0 };
    this.#ring[this.#next] = full;
    this.#next = (this.#next + 1) % this.#capacity;
    if (this.#size < this.#capacity) this.#size++;
    return full;
  }

  list(filter: { scope?: string; route?: string; since?: number } = {}): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = 0; i < this.#size; i++) {
      const e = this.#ring[(this.#next - this.#size + i + this.#capacity) % this.#capacity] as JournalEntry;
      if (filter.scope !== undefined && e.scope !== filter.scope) continue;
      if (filter.route !== undefined && e.route !== filter.route) continue;
      if (filter.since !== undefined && e.seq <= filter.since) continue;
      out.push(e);
    }
    return out;
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }
}
