import { FakecontainersError } from '../common/errors.js';
import type { ConnectionInfo } from '../fakes/control/connections.js';
import { FakeControlClient } from '../fakes/control/control-client.js';
import { type FakeEndpoints, milvusHttpUrl } from './endpoints.js';
import type { ResourceOwner } from './resource-owner.js';
import { clientRecords } from './tracked-clients.js';

/**
 * After a scope closes, the fakes must list no connection for it. A connection closes a moment after
 * its socket is destroyed on our side, so the check waits briefly before calling it a leak.
 */
export interface Leak {
  fake: 'ollama' | 'milvus';
  connection: ConnectionInfo;
  /** Where the client that opened the connection was created, when known. */
  createdAt?: string;
}

export interface LeakReport {
  scope: string;
  leaks: Leak[];
}

export class LeakError extends FakecontainersError {
  readonly report: LeakReport;

  constructor(report: LeakReport) {
    super('LEAK_DETECTED', formatLeaks(report));
    this.name = 'LeakError';
    this.report = report;
  }
}

export async function findLeaks(scope: ResourceOwner, endpoints: FakeEndpoints, settleMs = 1_000): Promise<LeakReport> {
  return (await findLeaksOf([scope], endpoints, settleMs))[0] as LeakReport;
}

/**
 * One report per scope, from one request per fake for the whole batch (each fake waits, server side,
 * for the sockets the scopes just destroyed to be seen closed). A leak check that runs after every test
 * batches the closed test scopes of a file this way instead of paying a round trip per test.
 */
export async function findLeaksOf(scopes: readonly ResourceOwner[], endpoints: FakeEndpoints, settleMs = 1_000): Promise<LeakReport[]> {
  const fakes: ['ollama' | 'milvus', FakeControlClient][] = [];
  if (endpoints.ollamaUrl) fakes.push(['ollama', new FakeControlClient(endpoints.ollamaUrl, endpoints.controlToken)]);
  if (endpoints.milvusAddress) fakes.push(['milvus', new FakeControlClient(milvusHttpUrl(endpoints.milvusAddress), endpoints.controlToken)]);
  const ids = scopes.map((s) => s.id);
  const found = await Promise.all(fakes.map(async ([fake, control]) => ({ fake, connections: ids.length === 0 ? [] : await control.connections({ scope: ids }, settleMs) })));
  return scopes.map((scope) => {
    const leaks: Leak[] = [];
    for (const { fake, connections } of found) {
      for (const connection of connections) {
        if (connection.scope !== scope.id && !connection.activeScopes?.includes(scope.id)) continue;
        const client = clientRecords(scope).find((c) => c.id === connection.client);
        leaks.push({ fake, connection, createdAt: client?.createdAt });
      }
    }
    return { scope: scope.path, leaks };
  });
}

export function formatLeaks(report: LeakReport): string {
  if (report.leaks.length === 0) return `scope "${report.scope}": no open connections`;
  const lines = report.leaks.map(({ fake, connection, createdAt }) => {
    const age = Math.max(0, Date.now() - connection.openedAt);
    return `  - ${fake} connection #${connection.id} from ${connection.remoteAddress}:${connection.remotePort}, open ${age} ms, ${connection.active} request(s) active, created at ${createdAt ?? 'an unknown site'}`;
  });
  return `scope "${report.scope}" left ${report.leaks.length} connection(s) open after closing:\n${lines.join('\n')}`;
}
