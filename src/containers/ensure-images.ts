import { dockerApiOps } from './dockerode-ops.js';
import { buildImagesWith } from './image-build.js';
import { type FakeImageKind, IMAGE_REPOSITORIES } from './image-catalog.js';
import { usesOurReaper } from './reaper-env.js';

const ensured = new Map<string, Promise<void>>();

/**
 * Makes sure the image a container class is about to run exists (built once per machine under a
 * lock, once per process here), together with our reaper when testcontainers will use it.
 * Images that are not ours (a user's own tag) are left to testcontainers' pull policy.
 */
export function ensureImageFor(imageName: string): Promise<void> {
  const kinds: FakeImageKind[] = [];
  for (const [kind, repository] of Object.entries(IMAGE_REPOSITORIES) as [FakeImageKind, string][]) {
    if (imageName.startsWith(`${repository}:`) || imageName === repository) kinds.push(kind);
  }
  if (usesOurReaper() && !kinds.includes('reaper')) kinds.push('reaper');
  if (kinds.length === 0) return Promise.resolve();
  const key = kinds.sort().join(',');
  let pending = ensured.get(key);
  if (!pending) {
    pending = (async () => {
      const ops = await dockerApiOps();
      await buildImagesWith(ops, { images: kinds });
    })();
    pending.catch(() => ensured.delete(key));
    ensured.set(key, pending);
  }
  return pending;
}
