import path from 'node:path';
import { PACKAGE_ROOT, PACKAGE_VERSION } from './package-info.js';

/** The images fakecontainers builds, and the files each build context holds. */
export type FakeImageKind = 'ollama' | 'milvus' | 'reaper';

export const IMAGE_REPOSITORIES: Readonly<Record<FakeImageKind, string>> = {
  ollama: 'fakecontainers/fake-ollama',
  milvus: 'fakecontainers/fake-milvus',
  reaper: 'fakecontainers/reaper',
};

/** Label holding the hash of an image's build inputs; a build is skipped when it is unchanged. */
export const CONTENT_HASH_LABEL = 'fakecontainers.content-hash';

/** The registry base image the Dockerfiles default to (what real users pull). */
export const REGISTRY_NODE_IMAGE = 'node:24-slim';

export interface ImageRecipe {
  kind: FakeImageKind;
  dockerfile: string;
  /** [path under the package root, name in the build context, executable?] */
  files: readonly (readonly [string, string, boolean])[];
}

const bundle = (name: string) => path.join('dist', 'bundles', name);

export const RECIPES: Readonly<Record<FakeImageKind, ImageRecipe>> = {
  ollama: {
    kind: 'ollama',
    dockerfile: 'Dockerfile.fake-ollama',
    files: [
      [bundle('fake-ollama.mjs'), 'fake-ollama.mjs', false],
      [bundle('healthcheck.mjs'), 'healthcheck.mjs', false],
      [bundle('ollama-shim.cjs'), 'ollama', true],
    ],
  },
  milvus: {
    kind: 'milvus',
    dockerfile: 'Dockerfile.fake-milvus',
    files: [
      [bundle('fake-milvus.mjs'), 'fake-milvus.mjs', false],
      [bundle('healthcheck.mjs'), 'healthcheck.mjs', false],
    ],
  },
  reaper: {
    kind: 'reaper',
    dockerfile: 'Dockerfile.reaper',
    files: [[bundle('reaper.mjs'), 'reaper.mjs', false]],
  },
};

/** `fakecontainers/fake-ollama:0.1.0` (the tag defaults to the package version). */
export function imageRef(kind: FakeImageKind, tag: string = PACKAGE_VERSION): string {
  return `${IMAGE_REPOSITORIES[kind]}:${tag}`;
}

export function packagePath(relative: string): string {
  return path.join(PACKAGE_ROOT, relative);
}
