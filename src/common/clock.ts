/**
 * Time source handed to every fake. Handlers never read the wall clock themselves, so a test that
 * injects a {@link FixedClock} gets byte-identical responses for identical requests.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock; the default outside tests. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that only moves when told to.
 *
 * @example
 * const clock = new FixedClock(Date.parse('2026-01-01T00:00:00Z'));
 * await using ollama = await startFakeOllama({ clock });
 */
export class FixedClock implements Clock {
  #ms: number;

  constructor(ms: number | string | Date = 0) {
    this.#ms = toEpochMs(ms);
  }

  now(): number {
    return this.#ms;
  }

  set(ms: number | string | Date): void {
    this.#ms = toEpochMs(ms);
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}

function toEpochMs(value: number | string | Date): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) throw new TypeError(`not a valid time: ${String(value)}`);
  return ms;
}

/** RFC 3339 in UTC with fractional seconds, the form Go's `time.RFC3339Nano` prints for `time.Now().UTC()`. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
