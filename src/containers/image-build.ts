import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakecontainersError } from '../common/errors.js';
import { type BaseChoice, resolveBase } from './base-image.js';
import { withMachineLock } from './build-lock.js';
import type { DockerOps } from './docker-ops.js';
import { CONTENT_HASH_LABEL, type FakeImageKind, RECIPES, imageRef, packagePath } from './image-catalog.js';
import { PACKAGE_VERSION } from './package-info.js';

export interface BuildImagesOptions {
  /** Which Node base: `auto` (default, or FAKECONTAINERS_BASE), `registry` or `local`. */
  base?: BaseChoice;
  /** Which images; default: every image this package can build. */
  images?: readonly FakeImageKind[];
  /** Rebuild even when the inputs are unchanged. */
  force?: boolean;
  progress?: (line: string) => void;
}

export interface BuiltImage {
  kind: FakeImageKind;
  /** `<repository>:<package version>`; also tagged `:latest`. */
  ref: string;
  /** False when the image was already up to date. */
  built: boolean;
  base: string;
  contentHash: string;
  durationMs: number;
}

/** Every image kind whose Dockerfile ships with this package. */
export function availableImages(): FakeImageKind[] {
  return (Object.keys(RECIPES) as FakeImageKind[]).filter((kind) => existsSync(packagePath(RECIPES[kind].dockerfile)));
}

/**
 * Builds the images (under a machine-wide lock), skipping any whose inputs (Dockerfile, bundles,
 * base image) hash to the label the existing image carries.
 */
export async function buildImagesWith(ops: DockerOps, options: BuildImagesOptions = {}): Promise<BuiltImage[]> {
  const progress = options.progress ?? (() => {});
  const kinds = options.images ?? availableImages();
  const choice = options.base ?? baseFromEnv();
  // First the engine: an unreachable one would otherwise surface as "cannot pull" (the registry's fault).
  await ops.engine();
  return withMachineLock('images', async () => {
    const base = await resolveBase(choice, ops, progress);
    const results: BuiltImage[] = [];
    for (const kind of kinds) results.push(await buildOne(ops, kind, base, options.force === true, progress));
    return results;
  });
}

function baseFromEnv(): BaseChoice {
  const value = process.env.FAKECONTAINERS_BASE;
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'registry' || value === 'local') return value;
  throw new FakecontainersError('INVALID_OPTION', `FAKECONTAINERS_BASE must be auto, registry or local; got ${value}`);
}

async function buildOne(ops: DockerOps, kind: FakeImageKind, base: string, force: boolean, progress: (line: string) => void): Promise<BuiltImage> {
  const started = Date.now();
  const recipe = RECIPES[kind];
  const inputs = [recipe.dockerfile, ...recipe.files.map(([source]) => source)];
  for (const input of inputs) {
    if (!existsSync(packagePath(input))) {
      throw new FakecontainersError('IMAGE_BUILD_FAILED', `missing build input ${packagePath(input)}; run "npm run build" first`);
    }
  }
  const hash = createHash('sha256').update(`${base}\n${PACKAGE_VERSION}\n`);
  for (const input of inputs) hash.update(`${input}\n`).update(readFileSync(packagePath(input)));
  const contentHash = hash.digest('hex').slice(0, 16);
  const ref = imageRef(kind);
  const latest = imageRef(kind, 'latest');
  const result = { kind, ref, base, contentHash };
  if (!force) {
    const [versioned, newest] = await Promise.all([ops.imageLabels(ref), ops.imageLabels(latest)]);
    if (versioned?.[CONTENT_HASH_LABEL] === contentHash && newest?.[CONTENT_HASH_LABEL] === contentHash) {
      // Said once, by the caller, from the result (the CLI used to print it twice).
      return { ...result, built: false, durationMs: Date.now() - started };
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `fakecontainers-${kind}-`));
  try {
    copyFileSync(packagePath(recipe.dockerfile), path.join(dir, 'Dockerfile'));
    for (const [source, name, executable] of recipe.files) {
      copyFileSync(packagePath(source), path.join(dir, name));
      chmodSync(path.join(dir, name), executable ? 0o755 : 0o644);
    }
    progress(`building ${ref} on ${base}`);
    await ops.build(dir, [ref, latest], { NODE_IMAGE: base, VERSION: PACKAGE_VERSION, CONTENT_HASH: contentHash }, progress);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...result, built: true, durationMs: Date.now() - started };
}
