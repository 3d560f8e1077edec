import type { Agent as HttpAgent } from 'node:http';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { Ollama } from 'ollama';
import type { FetchLike } from '../fakes/ollama/fetch-transport.js';
import { deferredCreationSite } from './creation-site.js';
import type { FakeEndpoints } from './endpoints.js';
import { type Entry, disposeBounded, runQuietly } from './dispose-bounded.js';
import { ScopeClosedError } from './errors.js';
import type { ResourceOwner, ScopeState, TrackOptions } from './resource-owner.js';
import { type LeakReport, findLeaks } from './leaks.js';
import type { ScopedMilvusOptions } from './scoped-milvus.js';
import { scopedFetch, scopedHttpAgent, scopedOllama } from './tracked-clients.js';

/**
 * A scope owns resources and closes them in reverse order of registration, even when some throw or
 * hang: each disposer is bounded by a timeout and then escalated (a container stop becomes a forced
 * removal; a socket end becomes a destroy). Errors are collected into one AggregateError that names
 * every resource that failed and where it was created. Closing is idempotent; a closed scope stays
 * closed and refuses (and disposes) anything handed to it later.
 */
export interface ScopeOptions {
  parent?: Scope;
  /** Budget for the whole close, in ms. @default 30000 */
  deadlineMs?: number;
  /** Budget for one disposer before escalation, in ms. @default 5000 */
  disposeTimeoutMs?: number;
  /** Closing starts when this signal aborts (e.g. a test's own signal on timeout). */
  signal?: AbortSignal;
  /** The fakes this scope's clients talk to; inherited from the parent when omitted. */
  endpoints?: FakeEndpoints;
}

export type { ScopeState, TrackOptions } from './resource-owner.js';

let nextScopeNumber = 1;

export class Scope implements AsyncDisposable, ResourceOwner {
  readonly name: string;
  /** `run/worker/file/test`-style path of names. */
  readonly path: string;
  /** Unique id, sent as `x-fakecontainers-scope` so the fakes attribute connections to this scope. */
  readonly id: string;
  readonly parent?: Scope;
  readonly #site: () => string;
  readonly #controller = new AbortController();
  readonly #entries: Entry[] = [];
  readonly #deadlineMs: number;
  readonly #disposeTimeoutMs: number;
  readonly #endpoints?: FakeEndpoints;
  #state: ScopeState = 'open';
  #closing?: Promise<void>;
  #fetch?: FetchLike;

  constructor(name: string, options: ScopeOptions = {}) {
    this.name = name;
    this.parent = options.parent;
    this.path = options.parent ? `${options.parent.path}/${name}` : name;
    this.id = `${encodeURIComponent(this.path).slice(0, 160)}#${nextScopeNumber++}-${process.pid}`;
    this.#site = deferredCreationSite();
    this.#deadlineMs = options.deadlineMs ?? 30_000;
    this.#disposeTimeoutMs = options.disposeTimeoutMs ?? 5_000;
    this.#endpoints = options.endpoints;
    options.parent?.defer(() => this.close(), { name: `scope ${this.path}` });
    if (options.signal) {
      if (options.signal.aborted) void this.close().catch(() => {});
      else options.signal.addEventListener('abort', () => void this.close().catch(() => {}), { once: true });
    }
  }

  /** Where the scope was created (the first frame outside fakecontainers). */
  get createdAt(): string {
    return this.#site();
  }

  /** Aborted as soon as the scope starts closing: in-flight work bound to it stops. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get state(): ScopeState {
    return this.#state;
  }

  /** The fakes this scope's clients talk to. */
  get endpoints(): FakeEndpoints {
    return this.#endpoints ?? this.parent?.endpoints ?? {};
  }

  /**
   * An `Ollama` client bound to the scope: requests abort when it closes and its sockets are destroyed.
   *
   * @example
   * await using scope = createScope('test', { endpoints: { ollamaUrl: fake.url } });
   * const reply = await scope.ollama().chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
   */
  ollama(options: { headers?: Record<string, string> } = {}): Ollama {
    this.#assertOpen('create an Ollama client');
    return scopedOllama(this, this.endpoints.ollamaUrl, options);
  }

  /** A connected `MilvusClient`, closed (channels drained) when the scope closes. */
  async milvus(options: ScopedMilvusOptions = {}): Promise<MilvusClient> {
    this.#assertOpen('create a Milvus client');
    const { scopedMilvus } = await import('./scoped-milvus.js');
    return scopedMilvus(this, this.endpoints.milvusAddress, options);
  }

  /** A `fetch` bound to the scope (signal, sockets and attribution headers). */
  get fetch(): FetchLike {
    this.#assertOpen('use fetch');
    this.#fetch ??= scopedFetch(this);
    return this.#fetch;
  }

  /** An `http.Agent` for node-fetch / `http.request`, destroyed with its sockets when the scope closes. */
  httpAgent(): HttpAgent {
    this.#assertOpen('create an http.Agent');
    return scopedHttpAgent(this);
  }

  /** Asks the fakes which connections of this scope are still open (call after `close()`). */
  checkLeaks(settleMs?: number): Promise<LeakReport> {
    return findLeaks(this, this.endpoints, settleMs);
  }

  /** A child scope, closed (first) when this one closes. */
  child(name: string, options: Omit<ScopeOptions, 'parent'> = {}): Scope {
    this.#assertOpen(`open child scope "${name}"`);
    return new Scope(name, { disposeTimeoutMs: this.#disposeTimeoutMs, ...options, parent: this });
  }

  /** Runs `fn` when the scope closes (last registered, first run). */
  defer(fn: () => unknown | Promise<unknown>, options: TrackOptions = {}): void {
    const site = deferredCreationSite();
    const entry: Entry = {
      name: options.name ?? 'deferred cleanup',
      get createdAt() {
        return site();
      },
      dispose: fn,
      escalate: options.escalate,
      concurrent: options.concurrent === true,
    };
    if (this.#state !== 'open') {
      void runQuietly(entry);
      throw new ScopeClosedError(this.path, `register ${entry.name}`);
    }
    this.#entries.push(entry);
  }

  /** Registers a resource and returns it; `dispose` runs when the scope closes. */
  track<T>(resource: T, dispose: (resource: T) => unknown | Promise<unknown>, options: TrackOptions = {}): T {
    this.defer(() => dispose(resource), options);
    return resource;
  }

  /**
   * Tracks a resource that is still being created (a container starting). If the scope closes before
   * it is ready, it is disposed the moment it arrives and the caller gets a ScopeClosedError.
   */
  async adopt<T>(pending: Promise<T>, dispose: (resource: T) => unknown | Promise<unknown>, options: TrackOptions = {}): Promise<T> {
    const name = options.name ?? 'resource';
    this.#assertOpen(`start ${name}`);
    let disposal: Promise<unknown> | undefined;
    const disposeOnce = (resource: T) => (disposal ??= Promise.resolve().then(() => dispose(resource)));
    // A start that fails leaves nothing to dispose.
    const arrived = pending.then(
      (resource) => ({ resource }),
      () => undefined,
    );
    const site = deferredCreationSite();
    this.#entries.push({
      name,
      get createdAt() {
        return site();
      },
      escalate: options.escalate,
      concurrent: options.concurrent === true,
      // Still starting when the scope closes: wait for it (bounded like any disposer), then dispose.
      dispose: async () => {
        const result = await arrived;
        if (result) await disposeOnce(result.resource);
      },
    });
    const resource = await pending;
    if (this.#state !== 'open') {
      await disposeOnce(resource);
      throw new ScopeClosedError(this.path, `use ${name}, which finished starting after the scope closed`);
    }
    return resource;
  }

  /** Closes every registered resource, newest first. Idempotent; safe to call concurrently. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #assertOpen(what: string): void {
    if (this.#state !== 'open') throw new ScopeClosedError(this.path, what);
  }

  async #close(): Promise<void> {
    this.#state = 'closing';
    this.#controller.abort(new ScopeClosedError(this.path, 'continue: the scope is closing'));
    const errors: Error[] = [];
    const deadline = Date.now() + this.#deadlineMs;
    while (this.#entries.length > 0) {
      const batch = [this.#entries.pop() as Entry];
      while (batch[0]?.concurrent && this.#entries.at(-1)?.concurrent) batch.push(this.#entries.pop() as Entry);
      const budget = Math.max(10, Math.min(this.#disposeTimeoutMs, deadline - Date.now()));
      for (const error of await Promise.all(batch.map((entry) => disposeBounded(entry, budget)))) {
        if (error) errors.push(error);
      }
    }
    this.#state = 'closed';
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `scope "${this.path}" closed with ${errors.length} errors:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
}

/** Convenience for `new Scope(name, options)`. */
export function createScope(name: string, options: ScopeOptions = {}): Scope {
  return new Scope(name, options);
}
