import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { FixedClock } from '../../common/clock.js';
import { ConnectionTracker } from './connections.js';

const socket = (port: number) => Object.assign(new EventEmitter(), { remoteAddress: '127.0.0.1', remotePort: port }) as unknown as Socket;

describe('ConnectionTracker', () => {
  test('a scope owns the connection its first request names, unless the request says the connection is shared', () => {
    const tracker = new ConnectionTracker(new FixedClock(0));
    const own = tracker.add(socket(1));
    const shared = tracker.add(socket(2));
    tracker.beginRequest(own, 'a', 'c1')();
    const end = tracker.beginRequest(shared, 'b', 'c2', true);
    expect(tracker.list({ scope: 'a' }).map((c) => c.id)).toEqual([own.id]);
    // Attributed while its call runs, and only then.
    expect(tracker.list({ scope: 'b' })).toMatchObject([{ id: shared.id, activeScopes: ['b'] }]);
    end();
    expect(tracker.list({ scope: 'b' })).toEqual([]);
    expect(tracker.list().find((c) => c.id === shared.id)?.scope).toBeUndefined();
  });

  test('settle answers as soon as the scope has nothing left, or when its time is up', async () => {
    const tracker = new ConnectionTracker(new FixedClock(0));
    const sockets = [socket(1), socket(2)];
    for (const s of sockets) tracker.beginRequest(tracker.add(s), 'a')();
    const settled = tracker.settle({ scope: 'a' }, 5_000);
    for (const s of sockets) s.emit('close');
    expect(await settled).toEqual([]);
    const stuck = socket(3);
    tracker.beginRequest(tracker.add(stuck), 'a')();
    expect((await tracker.settle({ scope: 'a' }, 20)).map((c) => c.remotePort)).toEqual([3]);
  });
});
