/**
 * Faults on REST v2 calls: `delay`/`slow` wait then answer, `status` answers that Milvus code in the
 * envelope, `hang` never answers, `drop`/`truncate`/`error-mid-stream` cut the connection. A wait that
 * outlasts the request's timeout ends with the timeout middleware's 408 instead, as gin's would.
 */
import type http from 'node:http';
import type { Fault } from '../../control/faults.js';
import type { JournalEntry } from '../../control/journal.js';

export interface FaultActions {
  run(): void;
  reply(code: number, message: string): void;
  readonly timeoutMs: number;
  timedOut(): void;
  drop(): void;
  readonly closing: AbortSignal;
  readonly response: http.ServerResponse;
  readonly entry: JournalEntry;
}

/** Applies one fault to a call; `actions` answer, time out or cut it. */
export function applyFault(fault: Fault, actions: FaultActions): void {
  switch (fault.kind) {
    case 'status':
      return actions.reply(fault.status ?? 65535, fault.message ?? `injected fault: status ${fault.status ?? 65535}`);
    case 'delay':
    case 'slow':
    case 'hang':
      return wait(
        fault.kind === 'hang' ? undefined : fault.kind === 'delay' ? (fault.delayMs ?? 0) : (fault.tokenDelayMs ?? 0),
        actions,
      );
    default:
      return actions.drop();
  }
}

function wait(ms: number | undefined, actions: FaultActions): void {
  if (actions.closing.aborted) return;
  const timers: NodeJS.Timeout[] = [];
  const clear = () => timers.forEach(clearTimeout);
  if (ms !== undefined && ms < actions.timeoutMs) timers.push(setTimeout(() => (clear(), actions.run()), ms));
  else timers.push(setTimeout(() => (clear(), actions.timedOut()), actions.timeoutMs));
  actions.closing.addEventListener('abort', clear, { once: true });
  actions.response.once('close', () => {
    if (!actions.response.writableFinished) actions.entry.aborted = true;
    clear();
  });
}
