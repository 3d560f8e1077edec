/**
 * Hybrid timestamps and IDs the way Milvus' TSO makes them: `(physical ms << 18) | logical`. The
 * physical part comes from the injected clock and never goes backwards; the logical counter orders
 * everything allocated within one millisecond. Collection, partition, index IDs and auto-generated
 * primary keys all come from here, so with a realistic clock they exceed 2^53 like real ones, and with
 * a fixed clock the same sequence of calls yields the same values.
 */
import type { Clock } from '../../../common/clock.js';

export const LOGICAL_BITS = 18n;
const LOGICAL_MAX = (1n << LOGICAL_BITS) - 1n;

export class Tso {
  readonly #clock: Clock;
  #physical = 0n;
  #logical = 0n;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** One fresh, strictly increasing hybrid timestamp. */
  next(): bigint {
    return this.reserve(1);
  }

  /** Reserves `count` consecutive values and returns the first. */
  reserve(count: number): bigint {
    const now = BigInt(Math.max(0, Math.floor(this.#clock.now())));
    if (now > this.#physical) {
      this.#physical = now;
      this.#logical = 0n;
    }
    let n = BigInt(count);
    if (this.#logical + n > LOGICAL_MAX) {
      // Like the real TSO when the logical part overflows: move on to the next millisecond.
      this.#physical += 1n + (this.#logical + n) / LOGICAL_MAX;
      this.#logical = 0n;
      n = BigInt(count);
    }
    const first = (this.#physical << LOGICAL_BITS) | (this.#logical + 1n);
    this.#logical += n;
    return first;
  }

  /** Milliseconds of a hybrid timestamp. */
  static physicalMs(ts: bigint): number {
    return Number(ts >> LOGICAL_BITS);
  }
}
