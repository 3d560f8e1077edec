import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { FixedClock } from '../../common/clock.js';
import { ConnectionTracker } from './connections.js';
import { type ControlAccess, type ControlRequest, handleControl, isLoopback } from './control-routes.js';
import { FaultBook } from './faults.js';
import { Journal } from './journal.js';

const plane = (access: ControlAccess) => ({
  fake: 'ollama' as const,
  version: '1',
  journal: new Journal(2),
  faults: new FaultBook(),
  connections: new ConnectionTracker(new FixedClock(0)),
  access,
  reset: () => {},
});
const request = (remoteAddress: string, path = '/journal', authorization?: string): ControlRequest => ({
  method: 'GET',
  path,
  query: new URLSearchParams(),
  body: undefined,
  remoteAddress,
  authorization,
});

describe('control-plane access', () => {
  test('loopback peers only by default: a remote peer gets 403, health stays open', async () => {
    expect((await handleControl(plane({}), request('127.0.0.1'))).status).toBe(200);
    expect((await handleControl(plane({}), request('::ffff:127.0.0.1'))).status).toBe(200);
    expect((await handleControl(plane({}), request('::1'))).status).toBe(200);
    const denied = await handleControl(plane({}), request('10.1.2.3'));
    expect(denied.status).toBe(403);
    expect((denied.body as { error: string }).error).toContain('loopback peers only (got 10.1.2.3)');
    expect((await handleControl(plane({}), request('10.1.2.3', '/health'))).status).toBe(200);
  });

  test('allowRemote opens it; a token is required from everyone once configured', async () => {
    expect((await handleControl(plane({ allowRemote: true }), request('10.1.2.3'))).status).toBe(200);
    expect((await handleControl(plane({ token: 't' }), request('127.0.0.1'))).status).toBe(401);
    expect((await handleControl(plane({ token: 't' }), request('10.1.2.3', '/journal', 'Bearer t'))).status).toBe(200);
  });

  test('isLoopback knows the loopback forms', () => {
    expect(['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', ''].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '192.168.1.1', '::ffff:10.0.0.1'].some(isLoopback)).toBe(false);
  });
});

describe('journal', () => {
  test('keeps the newest entries up to its capacity; seq keeps counting after clear', () => {
    const journal = new Journal(2);
    const entry = { at: 0, method: 'GET', path: '/', stream: false };
    for (let i = 0; i < 3; i++) journal.record(entry);
    expect(journal.list().map((e) => e.seq)).toEqual([2, 3]);
    journal.clear();
    expect(journal.record(entry).seq).toBe(4);
  });
});

describe('connection listing', () => {
  test('leaves out the connection the listing request itself came on', async () => {
    const p = plane({});
    const socket = (port: number) => Object.assign(new EventEmitter(), { remoteAddress: '127.0.0.1', remotePort: port }) as unknown as Socket;
    const observer = p.connections.add(socket(1000));
    p.connections.add(socket(1001));
    const response = await handleControl(p, { ...request('127.0.0.1', '/connections'), connectionId: observer.id });
    expect((response.body as { connections: { remotePort: number }[] }).connections.map((c) => c.remotePort)).toEqual([1001]);
  });
});
