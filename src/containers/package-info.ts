import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the installed package lives (its Dockerfiles and bundles are image build inputs) and its
 * version (an image tag). Works from `src/` (tests) and from `dist/` (installed package).
 */
function findPackageRoot(): { root: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'fakecontainers') return { root: dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // not here; keep walking up
    }
    dir = path.dirname(dir);
  }
  throw new Error('fakecontainers: cannot find its own package.json');
}

const info = findPackageRoot();

export const PACKAGE_ROOT = info.root;
export const PACKAGE_VERSION = info.version;
