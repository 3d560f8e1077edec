import { LeakError, type LeakReport, findLeaksOf } from './leaks.js';
import type { Scope } from './scope.js';
import { clientRecords } from './tracked-clients.js';

/**
 * What a test runner integration does with a connection still open after a test's scope closed,
 * from FAKECONTAINERS_LEAKS: `fail` the test that left it, `warn` (the default) with the test and the
 * line that created the client, or `off`.
 */
export type LeakPolicy = 'warn' | 'fail' | 'off';

export function leakPolicy(env: NodeJS.ProcessEnv = process.env): LeakPolicy {
  const policy = env.FAKECONTAINERS_LEAKS ?? 'warn';
  return policy === 'fail' || policy === 'off' ? policy : 'warn';
}

function emitLeakWarning(message: string): void {
  process.emitWarning(message, { code: 'FAKECONTAINERS_LEAK' });
}

/**
 * Closes scopes and checks that the fakes see none of their connections left. With `warn`, scopes
 * closed with `batch` wait in a list and `flush()` checks them all with one request per fake (a file's
 * tests, checked when the file ends); otherwise each is checked at once. A scope whose clients never
 * sent a request cannot have left a connection, so it is not asked about.
 */
export class LeakChecks {
  readonly #pending: Scope[] = [];
  readonly #warn: (message: string) => void;

  /** `warn` receives each leak report under the `warn` policy. @default process.emitWarning */
  constructor(warn: (message: string) => void = emitLeakWarning) {
    this.#warn = warn;
  }

  /** Closes `scope`, then checks it (or queues it, with `batch` under `warn`); throws a LeakError under `fail`. */
  async closeAndCheck(scope: Scope, batch = false): Promise<void> {
    await scope.close();
    const policy = leakPolicy();
    if (policy === 'off' || !clientRecords(scope).some((c) => c.used)) return;
    if (policy === 'warn' && batch) {
      this.#pending.push(scope);
      return;
    }
    const report = await scope.checkLeaks();
    if (report.leaks.length === 0) return;
    if (policy === 'fail') throw new LeakError(report);
    this.#report(report);
  }

  /** Checks the queued scopes together and warns about each that left a connection. */
  async flush(): Promise<void> {
    const batch = this.#pending.splice(0);
    if (batch.length === 0) return;
    for (const report of await findLeaksOf(batch, batch[0]!.endpoints)) this.#report(report);
  }

  #report(report: LeakReport): void {
    if (report.leaks.length > 0) this.#warn(new LeakError(report).message);
  }
}
