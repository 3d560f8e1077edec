/**
 * `fakecontainers up` as a new user meets it: nothing starts when the seed is wrong, a fake that dies
 * during start fails the command at once and takes the other one with it, a second `up` does not
 * silently replace running fakes, and `down --all` leaves other projects' fakes alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildImages } from '../../src/containers/index.js';
import { dockerAvailable, ensureFreshBuild } from '../support/docker.js';

const docker = dockerAvailable();
const cli = path.resolve(import.meta.dirname, '../../dist/cli.js');
const projectA = mkdtempSync(path.join(tmpdir(), 'fc-project-a-'));
const projectB = mkdtempSync(path.join(tmpdir(), 'fc-project-b-'));
const PORTS = ['--ollama-port', '0', '--milvus-port', '0', '--milvus-health-port', '0'];

function fakecontainers(cwd: string, args: string[], env: Record<string, string> = {}): { code: number; out: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

const ours = (dir: string) => execFileSync('docker', ['ps', '-a', '--filter', 'label=fakecontainers.source=cli', '--format', '{{.Names}}'], { encoding: 'utf8' }).split('\n').filter((n) => n.includes(path.basename(dir).toLowerCase()));

describe.skipIf(!docker)('fakecontainers up, down and ps', () => {
  beforeAll(async () => {
    ensureFreshBuild();
    await buildImages({ images: ['ollama', 'milvus'] });
  }, 180_000);

  afterAll(() => {
    fakecontainers(projectA, ['down']);
    fakecontainers(projectB, ['down']);
  });

  test('a seed with a typo or one Milvus refuses stops up before any container starts', () => {
    const seed = path.join(projectA, 'seed.json');
    writeFileSync(seed, JSON.stringify({ collections: [{ name: 'docs', dimension: 4, rowz: [] }] }));
    const typo = fakecontainers(projectA, ['up', ...PORTS, '--seed', seed]);
    expect(typo.code).toBe(2);
    expect(typo.out).toContain('collections[0].rowz: unknown key');
    writeFileSync(seed, JSON.stringify({ collections: [{ name: 'docs', schema: { fields: [{ name: 'id', dataType: 'Int64', isPrimaryKey: true }] } }] }));
    const refused = fakecontainers(projectA, ['up', ...PORTS, '--seed', seed]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('collections[0] ("docs"): schema does not contain vector field');
    expect(ours(projectA)).toEqual([]);
  });

  test('a fake that exits during start fails up at once with its log, and nothing it started is left', () => {
    // The fake Milvus refuses an unknown log level at start and exits; the fake Ollama was up already.
    const result = fakecontainers(projectA, ['up', ...PORTS], { FAKE_MILVUS_LOG_LEVEL: 'loud' });
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/exited during start[\s\S]*FAKE_MILVUS_LOG_LEVEL must be one of/);
    expect(ours(projectA)).toEqual([]);
  });

  test('up twice refuses to replace running fakes without --replace; projects do not collide; down --all keeps live fakes of others', () => {
    expect(fakecontainers(projectA, ['up', ...PORTS]).code).toBe(0);
    expect(fakecontainers(projectB, ['up', ...PORTS]).code).toBe(0);
    const again = fakecontainers(projectA, ['up', ...PORTS]);
    expect(again.code).toBe(2);
    expect(again.out).toMatch(/already up .*fakecontainers down.* first, or .*up --replace/);
    expect(fakecontainers(projectA, ['up', ...PORTS, '--replace']).code).toBe(0);
    expect(ours(projectA)).toHaveLength(2);
    expect(ours(projectB)).toHaveLength(2);
    expect(fakecontainers(projectA, ['ps']).out).not.toContain(path.basename(projectB).toLowerCase());
    const downAll = fakecontainers(projectA, ['down', '--all']);
    expect(downAll.out).toMatch(/removed 2 containers/);
    expect(downAll.out).toMatch(/kept \d+ running container\(s\) of other projects or live test runs/);
    expect(ours(projectA)).toEqual([]);
    expect(ours(projectB)).toHaveLength(2);
    expect(fakecontainers(projectB, ['down']).out).toMatch(/removed 2 containers/);
  }, 180_000);
});

describe.skipIf(!docker)('fakecontainers run --mode container', () => {
  test('SIGTERM reaches the command, the run tears down quietly (the exit hook already removed the containers), and the exit code is 143', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [cli, 'run', '--mode', 'container', '--', process.execPath, '-e', "console.log('ready'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve) => child.stdout?.on('data', (chunk: Buffer) => String(chunk).includes('ready') && resolve()));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(143);
    expect(output).not.toMatch(/teardown failed|no such container/i);
  }, 120_000);
});
