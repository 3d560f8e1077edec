import { dockerApiOps } from './dockerode-ops.js';
import { type BuildImagesOptions, type BuiltImage, buildImagesWith } from './image-build.js';

/**
 * Builds the fakecontainers images through the Docker API (no `docker` CLI needed), skipping those
 * already up to date. The container classes call this on first use; call it yourself to build ahead
 * (for example in a CI step before tests).
 *
 * @example
 * import { buildImages } from 'fakecontainers/containers';
 * await buildImages({ base: 'local' }); // air-gapped: a base image from this machine's Node binary
 */
export async function buildImages(options: BuildImagesOptions = {}): Promise<BuiltImage[]> {
  return buildImagesWith(await dockerApiOps(), options);
}
