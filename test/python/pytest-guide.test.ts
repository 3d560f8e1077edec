import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

  test('the README\'s Python blocks are excerpts of the tested files, and its commands run from examples/pytest', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Python / pytest'), readme.indexOf('\n## ', readme.indexOf('### Python / pytest')));
    const blocks = [...section.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThan(0);
    const guide = path.join(root, 'examples/pytest');
    const sources = readdirSync(guide).filter((f) => f.endsWith('.py')).map((f) => readFileSync(path.join(guide, f), 'utf8'));
    for (const block of blocks) expect(sources.some((source) => source.includes(block)), block).toBe(true);
    expect(section).toMatch(/^cd examples\/pytest && python3 -m pytest /m);
    expect(readFileSync(path.join(root, '.ci/python/check.sh'), 'utf8')).toMatch(/cd examples\/pytest && timeout \d+ "\$python" -m pytest -q\)/);
  });
});
