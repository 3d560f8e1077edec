import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Docker-backed tests run when an engine answers. Without one they are skipped on a developer's
 * machine, and fail in CI, where FAKECONTAINERS_REQUIRE_DOCKER=1 turns a missing engine into an error.
 */
export function dockerAvailable(): boolean {
  let ok = false;
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 10_000 });
    ok = true;
  } catch {
    ok = false;
  }
  if (!ok && process.env.FAKECONTAINERS_REQUIRE_DOCKER === '1') {
    throw new Error('FAKECONTAINERS_REQUIRE_DOCKER=1 but no Docker engine answers `docker info`');
  }
  return ok;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Rebuilds dist/ when a source file is newer than the bundles the images are built from. */
export function ensureFreshBuild(): void {
  const bundle = path.join(root, 'dist/bundles/fake-ollama.mjs');
  let built = 0;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    built = 0;
  }
  if (newest(path.join(root, 'src')) > built) {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  }
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}
