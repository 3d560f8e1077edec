import { createServer, type Server } from 'node:net';
import { describe, expect, test } from 'vitest';
import { closeServer, listenLoopback, servedBefore } from './listen.js';

/** A server whose first `listen(0, …)` lands on `port` instead, as if the OS had picked it again. */
function scripted(port: number): () => Server {
  let first = true;
  return () => {
    const server = createServer();
    const listen = server.listen.bind(server) as (port: number, host: string) => Server;
    (server as unknown as { listen: (p: number, h: string) => Server }).listen = (p, h) =>
      listen(first && p === 0 ? ((first = false), port) : p, h);
    return server;
  };
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(servers.map(closeServer));
}

describe('listenLoopback on port 0', () => {
  test('never hands one process the same port twice (a stale grpc-js subchannel would own it)', async () => {
    const before = await listenLoopback(() => createServer(), 0);
    await closeAll(before.servers);
    expect(servedBefore(before.port)).toBe(true);

    const again = await listenLoopback(scripted(before.port), 0);
    await closeAll(again.servers);
    expect(again.port).not.toBe(before.port);
    expect(servedBefore(again.port)).toBe(true);
  });

  test('with an explicit host too', async () => {
    const before = await listenLoopback(() => createServer(), 0, '127.0.0.1');
    await closeAll(before.servers);
    const again = await listenLoopback(scripted(before.port), 0, '127.0.0.1');
    await closeAll(again.servers);
    expect(again.port).not.toBe(before.port);
  });

  test('an explicit port is used as asked, even if a fake had it before', async () => {
    const before = await listenLoopback(() => createServer(), 0);
    await closeAll(before.servers);
    const same = await listenLoopback(() => createServer(), before.port);
    await closeAll(same.servers);
    expect(same.port).toBe(before.port);
  });
});
