import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FakecontainersError } from '../common/errors.js';

/**
 * A machine-wide lock (a directory in the temp dir, created atomically) so that parallel test workers
 * build each image once instead of once per worker. A lock whose owner died is taken over.
 */
const STALE_MS = 10 * 60_000;

export async function withMachineLock<T>(name: string, fn: () => Promise<T>, waitMs = 10 * 60_000): Promise<T> {
  const dir = path.join(os.tmpdir(), `fakecontainers-${name}.lock`);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await mkdir(dir);
      await writeFile(path.join(dir, 'owner'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(dir)) {
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new FakecontainersError('IMAGE_BUILD_FAILED', `timed out waiting for the lock ${dir}; remove it if no build is running`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function isStale(dir: string): Promise<boolean> {
  try {
    const owner = Number(await readFile(path.join(dir, 'owner'), 'utf8'));
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) return true;
    return Date.now() - (await stat(dir)).mtimeMs > STALE_MS;
  } catch {
    // The owner file is written right after mkdir; give a fresh lock a moment before judging it.
    try {
      return Date.now() - (await stat(dir)).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
