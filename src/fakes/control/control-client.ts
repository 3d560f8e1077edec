import { FakecontainersError } from '../../common/errors.js';
import type { ConnectionInfo } from './connections.js';
import type { Fault, FaultSpec } from './faults.js';
import type { JournalEntry } from './journal.js';

/** Something answered at the address, and it is not the fake that was asked for: waiting will not help. */
export class NotAFakeError extends FakecontainersError {
  constructor(message: string) {
    super('HEALTH_CHECK_FAILED', message);
    this.name = 'NotAFakeError';
  }
}

/**
 * A small HTTP client for a fake's control plane (`/_fake/*`), for fakes in containers or attached
 * CI services. In-process fakes offer the same operations directly.
 */
export class FakeControlClient {
  readonly #base: string;
  readonly #token?: string;

  /** `baseUrl` is the fake's HTTP URL (`http://host:port`); `token` if the control plane needs one. */
  constructor(baseUrl: string, token?: string) {
    this.#base = baseUrl.replace(/\/+$/, '');
    this.#token = token;
  }

  async health(timeoutMs = 2_000): Promise<{ status: string; fake: string; version: string }> {
    return (await this.#call('GET', '/health', undefined, timeoutMs)) as { status: string; fake: string; version: string };
  }

  /**
   * Polls health until the fake answers (bounded); throws with the last failure otherwise, and at once
   * when something answers that is not a fake (or not the `expected` one).
   */
  async waitHealthy(budgetMs: number, expected?: 'ollama' | 'milvus'): Promise<void> {
    const deadline = performance.now() + budgetMs;
    let last: unknown;
    while (performance.now() < deadline) {
      try {
        const health = await this.health(1_000);
        if (expected && health.fake !== expected) {
          throw new NotAFakeError(`${this.#base} is the fake ${health.fake}, not the fake ${expected}`);
        }
        return;
      } catch (error) {
        if (error instanceof NotAFakeError) throw error;
        last = error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw new FakecontainersError(
      'HEALTH_CHECK_FAILED',
      `the fake at ${this.#base} is not healthy after ${budgetMs / 1000} s: ${(last as Error | undefined)?.message ?? 'no answer'}`,
    );
  }

  async reset(): Promise<void> {
    await this.#call('POST', '/reset');
  }

  async journal(filter: { scope?: string; route?: string } = {}): Promise<JournalEntry[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]);
    return ((await this.#call('GET', `/journal?${query}`)) as { entries: JournalEntry[] }).entries;
  }

  /**
   * Open connections (of a scope: those it opened or has a request in flight on). With `settleMs`, the
   * fake answers once there are none, or when the time is up: one round trip for a leak check.
   */
  async connections(filter: { scope?: string | readonly string[] } = {}, settleMs = 0): Promise<ConnectionInfo[]> {
    const query = new URLSearchParams();
    for (const scope of typeof filter.scope === 'string' ? [filter.scope] : (filter.scope ?? [])) query.append('scope', scope);
    if (settleMs > 0) query.set('settle', String(settleMs));
    const text = query.size > 0 ? `?${query}` : '';
    return ((await this.#call('GET', `/connections${text}`, undefined, 10_000 + settleMs)) as { connections: ConnectionInfo[] }).connections;
  }

  async addFault(fault: FaultSpec): Promise<Fault> {
    return ((await this.#call('POST', '/faults', fault)) as { faults: Fault[] }).faults[0] as Fault;
  }

  async clearFaults(): Promise<void> {
    await this.#call('DELETE', '/faults');
  }

  /** Adds a scripted rule (Ollama) and returns it with its id. */
  async addRule<T extends object>(rule: T): Promise<T & { id: string }> {
    return ((await this.#call('POST', '/rules', rule)) as { rules: (T & { id: string })[] }).rules[0] as T & { id: string };
  }

  /** Loads seed data (Milvus). */
  async seed(data: unknown): Promise<unknown> {
    return this.#call('POST', '/seed', data);
  }

  async #call(method: string, path: string, body?: unknown, timeoutMs = 10_000): Promise<unknown> {
    let res: Response;
    // A ref'd timer, unlike AbortSignal.timeout(): a CLI waiting on this call must not exit early
    // when the only other handle is a socket undici has unref'd.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      res = await fetch(`${this.#base}/_fake${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
    } catch (error) {
      clearTimeout(timer);
      const reason = abort.signal.aborted ? (abort.signal.reason as Error) : (error as Error);
      // undici says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, ...).
      const cause = (reason as { cause?: { message?: string } }).cause?.message;
      throw new FakecontainersError('HEALTH_CHECK_FAILED', `cannot reach the fake at ${this.#base}: ${reason.message}${cause ? ` (${cause})` : ''}`, { cause: error });
    }
    const text = await res.text().finally(() => clearTimeout(timer));
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as unknown);
    } catch {
      throw new NotAFakeError(`${this.#base} answered ${method} /_fake${path} with ${res.status} ${JSON.stringify(text.slice(0, 80))}: that is not a fakecontainers fake`);
    }
    if (!res.ok) {
      const message = (parsed as { error?: unknown }).error;
      throw new FakecontainersError('INVALID_OPTION', `control plane ${method} ${path} answered ${res.status}: ${String(message ?? text)}`);
    }
    return parsed;
  }
}
