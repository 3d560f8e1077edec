import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { nodeFloorOf, testcontainersInstall } from './testcontainers-install.js';

function installed(pkg: Record<string, unknown> | undefined): (id: string) => string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tc-'));
  mkdirSync(path.join(dir, 'testcontainers'));
  if (pkg) writeFileSync(path.join(dir, 'testcontainers/package.json'), JSON.stringify(pkg));
  return (id) => {
    if (!pkg) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    return path.join(dir, id === 'testcontainers' ? 'testcontainers/build/index.js' : id);
  };
}

describe('testcontainersInstall', () => {
  test('testcontainers 12 on Node 20 is refused in one sentence that names the fix (12.1 states engines >= 22.22)', () => {
    const install = testcontainersInstall('20.20.2', installed({ version: '12.1.0', engines: { node: '>= 22.22' } }));
    expect(install).toMatchObject({ kind: 'incompatible', version: '12.1.0' });
    expect(install.kind !== 'usable' && install.problem).toBe(
      'testcontainers 12.1.0 needs Node 22.22 or newer and this is Node 20.20.2; on Node 20 install testcontainers 11 (npm i -D testcontainers@^11.14) or upgrade Node',
    );
  });

  test('12.0.x, which states no engines but pulls undici 8, is refused by its major', () => {
    expect(testcontainersInstall('20.19.0', installed({ version: '12.0.4' })).kind).toBe('incompatible');
    expect(testcontainersInstall('24.1.0', installed({ version: '12.0.4' })).kind).toBe('usable');
  });

  test('11 on Node 20 and 12 on Node 24 are usable; a missing install says how to add it', () => {
    expect(testcontainersInstall('20.20.2', installed({ version: '11.14.0', engines: { node: '>= 20' } }))).toEqual({ kind: 'usable', version: '11.14.0' });
    expect(testcontainersInstall('24.11.1', installed({ version: '12.2.0', engines: { node: '>= 22.22' } }))).toEqual({ kind: 'usable', version: '12.2.0' });
    expect(testcontainersInstall('20.20.2', installed(undefined))).toMatchObject({ kind: 'missing', problem: expect.stringMatching(/npm i -D testcontainers/) });
  });

  test('the Node floor comes from engines when it states one', () => {
    expect(nodeFloorOf('12.1.0', '>= 22.22')).toBe('22.22');
    expect(nodeFloorOf('11.14.0', '>=20')).toBe('20');
    expect(nodeFloorOf('11.14.0', undefined)).toBeUndefined();
    expect(nodeFloorOf('13.0.0', '^22 || ^24')).toBe('22.0.0');
  });
});
