/**
 * Thousands of connections opened and dropped: some silent, some half a request, some a whole one
 * abandoned before the answer. Afterwards the fake's connection list must drain (it tracks every socket
 * for leak reports, so a missed `close` would show up there as a leak that never ends).
 */
import net from 'node:net';
import type { ConnectionInfo } from '../../src/fakes/control/connections.js';

const OPENERS: readonly string[] = [
  '',
  'GET /api/version HTTP/1.1\r\nhost: x\r\n',
  'POST /api/chat HTTP/1.1\r\nhost: x\r\ncontent-length: 500\r\n\r\n{"model":',
  'POST /api/chat HTTP/1.1\r\nhost: x\r\ncontent-length: 64\r\n\r\n{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]}',
  'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
  '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003',
];

export async function flood(port: number, connections: number, batch = 200): Promise<void> {
  for (let done = 0; done < connections; done += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, connections - done) }, (_, i) =>
        new Promise<void>((resolve) => {
          const socket = net.connect({ host: '127.0.0.1', port });
          const finish = () => {
            socket.destroy();
            resolve();
          };
          socket.once('error', finish);
          socket.once('close', finish);
          socket.once('connect', () => {
            const opener = OPENERS[(done + i) % OPENERS.length] as string;
            if (opener !== '') socket.write(Buffer.from(opener, 'latin1'));
            // Drop it a moment later, mid-request or mid-answer.
            setTimeout(finish, (done + i) % 7);
          });
        }),
      ),
    );
  }
}

/** The connections the fake still tracks (the control plane leaves out the one that asks). */
export async function openConnections(controlUrl: string): Promise<ConnectionInfo[]> {
  const response = await fetch(`${controlUrl}/_fake/connections`, { headers: { connection: 'close' } });
  const body = (await response.json()) as { connections: ConnectionInfo[] };
  return body.connections;
}
