import { describeError } from '../common/errors.js';
import { DisposeError } from './errors.js';

/** One registered disposer of a scope. */
export interface Entry {
  name: string;
  createdAt: string;
  dispose: () => unknown | Promise<unknown>;
  escalate?: () => unknown | Promise<unknown>;
  /** Closes together with adjacent concurrent entries. */
  concurrent?: boolean;
}

/**
 * Runs a disposer within a budget; on timeout or error runs its escalation (within the same budget)
 * and returns the error to report, naming the resource and where it was created.
 */
export async function disposeBounded(entry: Entry, budgetMs: number): Promise<Error | undefined> {
  const outcome = await within(entry.dispose, budgetMs);
  if (outcome.ok) return undefined;
  const reason = outcome.timedOut ? new Error(`did not finish within ${budgetMs} ms`) : outcome.error;
  if (entry.escalate) {
    const escalated = await within(entry.escalate, budgetMs);
    const suffix = escalated.ok ? '; escalated and removed' : `; escalation failed too: ${escalated.timedOut ? 'timed out' : describeError(escalated.error)}`;
    return new DisposeError(entry.name, entry.createdAt, new Error(`${describeError(reason)}${suffix}`, { cause: reason }));
  }
  return new DisposeError(entry.name, entry.createdAt, reason);
}

type Outcome = { ok: true } | { ok: false; timedOut: true } | { ok: false; timedOut: false; error: unknown };

async function within(fn: () => unknown, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, timedOut: true }), ms);
  });
  const run = (async (): Promise<Outcome> => {
    try {
      await fn();
      return { ok: true };
    } catch (error) {
      return { ok: false, timedOut: false, error };
    }
  })();
  const outcome = await Promise.race([run, timeout]);
  clearTimeout(timer);
  return outcome;
}

/** Disposes something refused by a closed scope; failures become process warnings, never silence. */
export async function runQuietly(entry: Entry): Promise<void> {
  const error = await disposeBounded(entry, 5_000);
  if (error) process.emitWarning(error.message, { code: 'FAKECONTAINERS_DISPOSE' });
}
