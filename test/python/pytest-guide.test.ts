import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { ensureFreshBuild } from '../support/docker.js';

/**
 * The pytest guide (examples/pytest) run by .ci/python/check.sh with Debian's python3-pytest,
 * python3-grpcio, python3-grpc-tools and python3-requests: Ollama over HTTP, Milvus REST v2 and Milvus
 * gRPC (stubs generated from the SDK's descriptors) from Python, and the conftest's leak check.
 * Without those packages this is skipped on a developer's machine and fails in CI, where
 * FAKECONTAINERS_REQUIRE_PYTHON=1 turns their absence into an error.
 */
const root = path.resolve(import.meta.dirname, '../..');
const python = process.env.FAKECONTAINERS_PYTHON ?? '/usr/bin/python3';
const required = process.env.FAKECONTAINERS_REQUIRE_PYTHON === '1';

function pythonReady(): boolean {
  try {
    execFileSync(python, ['-c', 'import pytest, grpc, grpc_tools.protoc, requests'], { stdio: 'pipe', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

const ready = pythonReady();

describe('the pytest guide', () => {
  test.skipIf(!ready && !required)('passes with Debian\'s Python packages, in process mode and attached to `fakecontainers run`', async () => {
    if (!ready) {
      throw new Error(`FAKECONTAINERS_REQUIRE_PYTHON=1 but ${python} cannot import pytest, grpc, grpc_tools and requests: bash .ci/python/check.sh --install-only`);
    }
    ensureFreshBuild();
    const { stdout } = await promisify(execFile)('bash', [path.join(root, '.ci/python/check.sh'), '--no-install'], {
      cwd: root,
      timeout: 300_000,
      env: { ...process.env, FAKECONTAINERS_PYTHON: python, NO_COLOR: '1' },
    });
    // Both runs collected the same tests and passed all of them.
    const summaries = [...stdout.matchAll(/^(\d+) passed in /gm)].map((m) => Number(m[1]));
    expect(summaries, stdout).toHaveLength(2);
    expect(summaries[0]).toBeGreaterThanOrEqual(14);
    expect(summaries[1]).toBe(summaries[0]);
    expect(stdout).toMatch(/libprotoc \d+\.\d+/);
  }, 320_000);
});
