import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { dockerHostSetting } from './docker-host.js';

describe('dockerHostSetting (the engine testcontainers picks)', () => {
  const homes: string[] = [];
  const home = (properties?: string): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fc-home-'));
    homes.push(dir);
    if (properties !== undefined) writeFileSync(path.join(dir, '.testcontainers.properties'), properties);
    return dir;
  };
  afterEach(() => homes.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('DOCKER_HOST, or nothing (the default socket)', () => {
    expect(dockerHostSetting({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, home())).toBe('tcp://10.0.0.5:2375');
    expect(dockerHostSetting({}, home())).toBeUndefined();
  });

  test("tc.host (Testcontainers Desktop / Cloud's agent) wins over DOCKER_HOST, as in testcontainers", () => {
    const dir = home('# written by the agent\ntc.host=tcp://127.0.0.1:41234\ndocker.host=unix:///other.sock\n');
    expect(dockerHostSetting({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, dir)).toBe('tcp://127.0.0.1:41234');
  });

  test('docker.host of the file only when DOCKER_HOST is unset', () => {
    const dir = home('docker.host : tcp://192.0.2.7:2375\n');
    expect(dockerHostSetting({}, dir)).toBe('tcp://192.0.2.7:2375');
    expect(dockerHostSetting({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, dir)).toBe('unix:///run/user/1000/docker.sock');
  });
});
