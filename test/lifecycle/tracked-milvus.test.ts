import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StartedFakeMilvus, startFakeMilvus } from '../../src/fakes/milvus/index.js';
import { createScope } from '../../src/lifecycle/scope.js';

let fake: StartedFakeMilvus;
beforeAll(async () => {
  fake = await startFakeMilvus();
});
afterAll(() => fake.close());

describe('a Milvus client tracked by a scope', () => {
  test('attributes each call to the scope, on a connection it shares with other clients, and leaves nothing after close', async () => {
    const scope = createScope('milvus-attribution', { endpoints: { milvusAddress: fake.address } });
    const other = createScope('milvus-neighbour', { endpoints: { milvusAddress: fake.address } });
    const client = await scope.milvus();
    await (await other.milvus()).listDatabases();
    fake.addFault({ kind: 'delay', delayMs: 300, route: 'ListDatabases', times: 1 });
    const call = client.listDatabases();
    // While its call runs, the (shared) connection is the scope's; the neighbour's scope does not own it.
    await expect.poll(() => fake.connections({ scope: scope.id }).map((c) => c.activeScopes)).toEqual([[scope.id]]);
    expect(fake.connections({ scope: other.id })).toEqual([]);
    await call;
    expect(fake.journal({ scope: scope.id }).map((e) => e.route)).toContain('ListDatabases');
    expect(fake.connections({ scope: scope.id })).toEqual([]);
    await scope.close();
    await other.close();
    expect((await scope.checkLeaks()).leaks).toEqual([]);
  });

  test('cancels a call that hangs on the server, so closing does not hang with it', async () => {
    fake.addFault({ kind: 'hang', route: 'ListDatabases', times: 1 });
    const scope = createScope('milvus-hang', { endpoints: { milvusAddress: fake.address }, disposeTimeoutMs: 4_000 });
    const client = await scope.milvus();
    const pending = expect(client.listDatabases()).rejects.toThrow(/CANCELLED/);
    await expect.poll(() => fake.journal({ scope: scope.id, route: 'ListDatabases' }).length).toBe(1);
    await scope.close();
    await pending;
    expect(fake.journal({ scope: scope.id, route: 'ListDatabases' })).toMatchObject([{ fault: 'hang', aborted: true }]);
    expect((await scope.checkLeaks()).leaks).toEqual([]);
  });
});
