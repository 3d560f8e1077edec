import { describe, expect, test } from 'vitest';
import { localBaseRef, resolveBase } from './base-image.js';
import type { DockerOps } from './docker-ops.js';
import { REGISTRY_NODE_IMAGE } from './image-catalog.js';

function ops(present: string[], pullable: boolean): DockerOps & { pulls: string[] } {
  const pulls: string[] = [];
  return {
    pulls,
    engine: async () => '28.0.0',
    imageLabels: async (ref) => (present.includes(ref) ? {} : undefined),
    build: async () => {},
    pull: async (ref) => {
      pulls.push(ref);
      return pullable;
    },
  };
}

describe('resolveBase', () => {
  test('uses the registry image when it is already here, without pulling', async () => {
    const docker = ops([REGISTRY_NODE_IMAGE], false);
    expect(await resolveBase('auto', docker, () => {})).toBe(REGISTRY_NODE_IMAGE);
    expect(docker.pulls).toEqual([]);
  });

  test('pulls the registry image when it can', async () => {
    const docker = ops([], true);
    expect(await resolveBase('registry', docker, () => {})).toBe(REGISTRY_NODE_IMAGE);
    expect(docker.pulls).toEqual([REGISTRY_NODE_IMAGE]);
  });

  test('auto falls back to a local base (this Node binary) when the registry cannot be reached', async () => {
    const built: string[] = [];
    const docker = { ...ops([], false), build: async (_dir: string, tags: readonly string[]) => void built.push(...tags) };
    const lines: string[] = [];
    expect(await resolveBase('auto', docker, (l) => lines.push(l))).toBe(localBaseRef());
    expect(built).toEqual([localBaseRef()]);
    expect(lines.join('\n')).toMatch(/cannot be pulled; building a local base/);
  });

  test('auto keeps an earlier local fallback instead of retrying a slow pull', async () => {
    const docker = ops([localBaseRef()], true);
    expect(await resolveBase('auto', docker, () => {})).toBe(localBaseRef());
    expect(docker.pulls).toEqual([]);
  });

  test('registry without a registry is an error that says what to do', async () => {
    await expect(resolveBase('registry', ops([], false), () => {})).rejects.toThrow(/use --base local/);
  });
});
