import { describe, expect, test } from 'vitest';
import { isLocalEngineHost, publishing } from './published-ports.js';

describe('where ports are published', () => {
  const own = new Set(['127.0.0.1', '::1', '172.17.0.1', '10.1.2.3']);

  test('a loopback engine binds to 127.0.0.1 and names it', () => {
    for (const host of ['localhost', '127.0.0.1', '::1']) {
      expect(isLocalEngineHost(host, own)).toBe(true);
      expect(publishing(host, undefined, own)).toEqual({ bindAddress: '127.0.0.1', endpointHost: '127.0.0.1' });
    }
  });

  test("the bridge gateway of a dockerd in this container is ours: ports bind there, not on every interface", () => {
    expect(isLocalEngineHost('172.17.0.1', own)).toBe(true);
    expect(publishing('172.17.0.1', undefined, own)).toEqual({ bindAddress: '172.17.0.1', endpointHost: '172.17.0.1' });
  });

  test("a remote engine binds to all of its interfaces and endpoints name its host", () => {
    expect(isLocalEngineHost('192.168.5.9', own)).toBe(false);
    expect(publishing('192.168.5.9', undefined, own)).toEqual({ bindAddress: '', endpointHost: '192.168.5.9' });
  });

  test('an explicit bind address wins; any-address on a local engine still names loopback', () => {
    expect(publishing('localhost', '0.0.0.0', own)).toEqual({ bindAddress: '0.0.0.0', endpointHost: '127.0.0.1' });
    expect(publishing('172.17.0.1', '127.0.0.1', own)).toEqual({ bindAddress: '127.0.0.1', endpointHost: '127.0.0.1' });
    expect(publishing('192.168.5.9', '::', own)).toEqual({ bindAddress: '::', endpointHost: '192.168.5.9' });
    expect(() => publishing('localhost', 'example.org', own)).toThrow(/must be an IP address/);
  });
});

describe('whether an address is this machine\'s', () => {
  test('loopback is; a documentation address (TEST-NET-3) and a name are not', async () => {
    const { isOwnAddress } = await import('./published-ports.js');
    expect(await isOwnAddress('127.0.0.1')).toBe(true);
    expect(await isOwnAddress('203.0.113.77')).toBe(false);
    expect(await isOwnAddress('localhost')).toBe(false);
  });
});
