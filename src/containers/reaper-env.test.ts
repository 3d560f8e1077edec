import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { remoteEngine } from './reaper-env.js';

describe('remoteEngine (testcontainers runs without a reaper there)', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'fc-home-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  test('an engine on another machine is remote; loopback, unix sockets and no setting are not', () => {
    expect(remoteEngine({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, empty)).toBe(true);
    expect(remoteEngine({ DOCKER_HOST: 'ssh://ci@build-host' }, empty)).toBe(true);
    expect(remoteEngine({ DOCKER_HOST: 'tcp://127.0.0.1:23750' }, empty)).toBe(false);
    expect(remoteEngine({ DOCKER_HOST: 'tcp://[::1]:2375' }, empty)).toBe(false);
    expect(remoteEngine({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, empty)).toBe(false);
    expect(remoteEngine({}, empty)).toBe(false);
  });

  test("tc.host of ~/.testcontainers.properties decides, as it does for testcontainers", () => {
    const home = mkdtempSync(path.join(tmpdir(), 'fc-home-'));
    try {
      writeFileSync(path.join(home, '.testcontainers.properties'), 'tc.host=tcp://127.0.0.1:41234\n');
      expect(remoteEngine({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, home)).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
