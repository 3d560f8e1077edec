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
  #entries: JournalEntry[] = [];
  #seq = 0;

  constructor(capacity = 1000) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Adds an entry and returns it; the caller updates status/aborted/chunksSent in place. */
  record(entry: NewJournalEntry): JournalEntry {
    const full: JournalEntry = { ...entry, seq: ++this.#seq, aborted: false, chunksSent: 0 };
    this.#entries.push(full);
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
    return full;
  }

  list(filter: { scope?: string; route?: string; since?: number } = {}): JournalEntry[] {
    return this.#entries.filter(
      (e) =>
        (filter.scope === undefined || e.scope === filter.scope) &&
        (filter.route === undefined || e.route === filter.route) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  clear(): void {
    this.#entries = [];
  }
}
