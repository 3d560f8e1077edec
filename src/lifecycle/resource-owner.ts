/**
 * What the client trackers and the leak check need of a scope (scope.ts implements it): its identity,
 * its state and signal, and a way to hand it a resource to close. Kept apart from `Scope` so that the
 * trackers, which the scope itself calls, do not import the scope back.
 */
export interface TrackOptions {
  /** What the resource is, for errors and leak reports (e.g. `Ollama client`). */
  name?: string;
  /**
   * May close at the same time as its neighbours that say so too: consecutive concurrent entries
   * (independent containers, say) are disposed together instead of one after another. Order against
   * every other entry is kept.
   */
  concurrent?: boolean;
  /** Called when `dispose` times out or throws: the harder way to get rid of it. */
  escalate?: () => unknown | Promise<unknown>;
}


export type ScopeState = 'open' | 'closing' | 'closed';

export interface ResourceOwner {
  readonly id: string;
  /** `run/worker/file/test`-style path of names. */
  readonly path: string;
  readonly signal: AbortSignal;
  readonly state: ScopeState;
  track<T>(resource: T, dispose: (resource: T) => unknown | Promise<unknown>, options?: TrackOptions): T;
}
