import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureFreshBuild } from '../support/docker.js';

const cli = path.resolve(import.meta.dirname, '../../dist/cli.js');

function run(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, done: new Promise((resolve) => child.once('close', (code) => resolve({ code, output }))) };
}

describe('fakecontainers run', () => {
  beforeAll(() => ensureFreshBuild(), 120_000);

  test('gives the command the endpoints and passes its exit code through', async () => {
    const script = `
      const res = await fetch(process.env.OLLAMA_HOST + '/api/version');
      console.log('ollama', res.status, process.env.OLLAMA_BASE_URL === process.env.OLLAMA_HOST);
      console.log('milvus', /^127\\.0\\.0\\.1:\\d+$/.test(process.env.MILVUS_ADDRESS), process.env.MILVUS_URI === 'http://' + process.env.MILVUS_ADDRESS);
      process.exit(3);`;
    const { done } = run(['run', '--mode', 'process', '--', process.execPath, '--input-type=module', '-e', script]);
    const result = await done;
    expect(result.output).toContain('ollama 200 true');
    expect(result.output).toContain('milvus true true');
    expect(result.code).toBe(3);
  }, 60_000);

  test('forwards SIGTERM to the command, then tears down and exits with its code', async () => {
    const script = `process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(7); }); console.log('ready'); setInterval(() => {}, 1000);`;
    const { child, done } = run(['run', '--', process.execPath, '-e', script]);
    await new Promise<void>((resolve) => child.stdout?.on('data', (chunk: Buffer) => String(chunk).includes('ready') && resolve()));
    child.kill('SIGTERM');
    const result = await done;
    expect(result.output).toContain('child got SIGTERM');
    expect(result.code).toBe(7);
  }, 60_000);

  test('says what is wrong with a command line it cannot run', async () => {
    const { done } = run(['run', '--mode', 'sideways', '--', 'true']);
    const result = await done;
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/--mode must be process or container/);
  });
});

describe('the command line tells a new user what to do', () => {
  test('--version prints the package version; every command has a full --help', async () => {
    const { version } = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'))) as { version: string };
    expect((await run(['--version']).done).output.trim()).toBe(version);
    for (const [command, mention] of [['down', '--all'], ['ps', '--all'], ['logs', '--tail'], ['up', '--replace'], ['run', '--config'], ['serve', '--']] as const) {
      const result = await run([command, '--help']).done;
      expect(result.code, command).toBe(0);
      expect(result.output, command).toMatch(/^Usage: fakecontainers /);
      expect(result.output, command).toContain(mention);
    }
  });

  test('an engine that does not answer is named as such, not blamed on the registry', async () => {
    const env = { ...process.env, DOCKER_HOST: 'tcp://127.0.0.1:1' };
    for (const args of [['images', 'build'], ['up']]) {
      const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
      let output = '';
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise((resolve) => child.once('close', resolve));
      expect(code).toBe(2);
      expect(output).toMatch(/no Docker engine answers at DOCKER_HOST=tcp:\/\/127\.0\.0\.1:1|the docker command is not installed/);
      expect(output).not.toMatch(/pull/);
    }
  });

  test('a bad --config file is one line naming every problem, not a stack trace', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fc-config-')), 'config.json');
    writeFileSync(file, JSON.stringify({ ollama: { modles: [], seed: 'x' }, milvus: { seed: { collections: [{ nmae: 'a' }] } } }));
    const result = await run(['run', '--mode', 'process', '--config', file, '--', 'true']).done;
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/fake Ollama config is not valid:\n/);
    expect(result.output).toMatch(/\n {2}- modles: unknown key\n/);
    expect(result.output).toMatch(/\n {2}- seed: .*expected number/i);
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  test('Ctrl-C while the fakes start ends with 130, quietly, after tearing down', async () => {
    const { child, done } = run(['run', '--mode', 'process', '--', process.execPath, '-e', 'setInterval(() => {}, 1000)']);
    // The mode line comes first; the signal then arrives while the fakes start, or just after.
    await new Promise<void>((resolve) => child.stderr?.on('data', (chunk: Buffer) => String(chunk).includes('process mode') && resolve()));
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.output).not.toMatch(/teardown failed|Error/);
  }, 60_000);
});
