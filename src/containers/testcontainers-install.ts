/**
 * Whether the testcontainers this package would load is there and can run on this Node, decided from
 * its package.json before anything imports it: testcontainers 12 needs Node 22.22+ (its `engines`, and
 * undici 8 underneath); loading it on Node 20 fails deep inside vitest with "Cannot read properties of
 * undefined (reading 'bind')" and no hint. Here it becomes one sentence that names the fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type TestcontainersInstall =
  | { readonly kind: 'usable'; readonly version: string }
  | { readonly kind: 'missing' | 'incompatible'; readonly version?: string; readonly problem: string };

function packageJsonOf(resolve: (id: string) => string): { version: string; engines?: { node?: string } } | undefined {
  let file: string;
  try {
    file = resolve('testcontainers/package.json');
  } catch {
    try {
      // A future version may hide package.json behind `exports`: walk up from its entry instead.
      let dir = path.dirname(resolve('testcontainers'));
      while (path.basename(dir) !== 'testcontainers' && path.dirname(dir) !== dir) dir = path.dirname(dir);
      file = path.join(dir, 'package.json');
    } catch {
      return undefined;
    }
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { version: string; engines?: { node?: string } };
  } catch {
    return undefined;
  }
}

function parts(version: string): number[] {
  return version.split('.').map((p) => Number.parseInt(p, 10) || 0);
}

function atLeast(version: string, floor: string): boolean {
  const [a, b] = [parts(version), parts(floor)];
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** The lowest Node a testcontainers version runs on: its `engines` when it states a floor, else by major. */
export function nodeFloorOf(version: string, engines: string | undefined): string | undefined {
  const stated = engines ? /^\s*>=?\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(engines)?.[1] : undefined;
  if (stated) return stated;
  return (parts(version)[0] ?? 0) >= 12 ? '22.0.0' : undefined;
}

/**
 * @example
 * const install = testcontainersInstall();
 * if (install.kind !== 'usable') console.warn(install.problem);
 */
export function testcontainersInstall(
  nodeVersion = process.versions.node,
  resolve: (id: string) => string = createRequire(import.meta.url).resolve,
): TestcontainersInstall {
  const pkg = packageJsonOf(resolve);
  if (!pkg) {
    return { kind: 'missing', problem: 'testcontainers is not installed (npm i -D testcontainers to run the fakes in Docker)' };
  }
  const floor = nodeFloorOf(pkg.version, pkg.engines?.node);
  if (floor && !atLeast(nodeVersion, floor)) {
    return {
      kind: 'incompatible',
      version: pkg.version,
      problem:
        `testcontainers ${pkg.version} needs Node ${floor} or newer and this is Node ${nodeVersion}; ` +
        `on Node 20 install testcontainers 11 (npm i -D testcontainers@^11.14) or upgrade Node`,
    };
  }
  return { kind: 'usable', version: pkg.version };
}
