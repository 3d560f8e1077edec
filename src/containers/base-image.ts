import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakecontainersError } from '../common/errors.js';
import type { DockerOps } from './docker-ops.js';
import { REGISTRY_NODE_IMAGE } from './image-catalog.js';

/**
 * The Node base of the images. `registry`: the official slim image. `local`: an image made FROM scratch
 * with this machine's own Node binary and the shared libraries `ldd` lists, for machines that cannot
 * reach a registry (Linux hosts only). `auto`: registry when the image is here or can be pulled in
 * time, else local.
 */
export type BaseChoice = 'auto' | 'registry' | 'local';

export const LOCAL_BASE_REPOSITORY = 'fakecontainers/node-base';
const PULL_TIMEOUT_MS = 60_000;

export async function resolveBase(choice: BaseChoice, ops: DockerOps, progress: (line: string) => void): Promise<string> {
  if (choice === 'local') return ensureLocalBase(ops, progress);
  if (await ops.imageLabels(REGISTRY_NODE_IMAGE)) return REGISTRY_NODE_IMAGE;
  // An earlier `auto` build fell back to a local base: keep using it rather than retrying a pull
  // that may take a minute to fail (use --base registry to try the registry again).
  if (choice === 'auto' && (await ops.imageLabels(localBaseRef()))) return localBaseRef();
  progress(`pulling ${REGISTRY_NODE_IMAGE}`);
  if (await ops.pull(REGISTRY_NODE_IMAGE, PULL_TIMEOUT_MS, () => {})) return REGISTRY_NODE_IMAGE;
  if (choice === 'registry') {
    throw new FakecontainersError(
      'IMAGE_BUILD_FAILED',
      `cannot pull ${REGISTRY_NODE_IMAGE}; use --base local to build from this machine's Node binary`,
    );
  }
  progress(`${REGISTRY_NODE_IMAGE} cannot be pulled; building a local base from ${process.execPath}`);
  return ensureLocalBase(ops, progress);
}

export function localBaseRef(): string {
  return `${LOCAL_BASE_REPOSITORY}:${process.versions.node}`;
}

async function ensureLocalBase(ops: DockerOps, progress: (line: string) => void): Promise<string> {
  const ref = localBaseRef();
  if (await ops.imageLabels(ref)) return ref;
  if (process.platform !== 'linux') {
    throw new FakecontainersError('IMAGE_BUILD_FAILED', `a local base image needs a Linux Node binary; this is ${process.platform}. Use --base registry`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fakecontainers-base-'));
  try {
    const rootfs = path.join(dir, 'rootfs');
    const node = realpathSync(process.execPath);
    place(node, path.join(rootfs, 'usr/local/bin/node'));
    for (const library of sharedLibraries(node)) place(library, path.join(rootfs, library));
    mkdirSync(path.join(rootfs, 'tmp'), { recursive: true });
    chmodSync(path.join(rootfs, 'tmp'), 0o1777);
    mkdirSync(path.join(rootfs, 'etc'), { recursive: true });
    writeFileSync(path.join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n');
    writeFileSync(path.join(rootfs, 'etc/group'), 'root:x:0:\nnonroot:x:65532:\n');
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY rootfs/ /',
        'ENV PATH=/usr/local/bin:/usr/bin:/bin',
        `LABEL org.opencontainers.image.title="fakecontainers node base" fakecontainers.node-version="${process.versions.node}"`,
        'CMD ["node"]',
        '',
      ].join('\n'),
    );
    progress(`building ${ref} (Node ${process.versions.node} and its shared libraries)`);
    await ops.build(dir, [ref], {}, progress);
    return ref;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Absolute paths of the shared libraries a binary loads, from `ldd`. */
export function sharedLibraries(binary: string): string[] {
  let out: string;
  try {
    out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  } catch (error) {
    throw new FakecontainersError('IMAGE_BUILD_FAILED', `ldd ${binary} failed: ${(error as Error).message}`);
  }
  const libraries = new Set<string>();
  for (const line of out.split('\n')) {
    const match = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (match?.[1]) libraries.add(match[1]);
  }
  return [...libraries];
}

function place(source: string, target: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(realpathSync(source), target);
  chmodSync(target, 0o755);
}
