import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_LABEL, docker, dockerOk, removeBenchContainers } from './docker.js';
import { type Figure, median } from './figure.js';

const root = path.resolve(import.meta.dirname, '..');
const vitestBin = path.join(root, 'node_modules/vitest/vitest.mjs');
const TESTS = 20;
const VITEST_ROUNDS = 3;
const CLOSE_ROUNDS = 3;
const KILL_ROUNDS = 3;
const RECONNECTION_TIMEOUT_MS = 10_000;

type BenchFile = 'plain' | 'plain-sdk' | 'plain-milvus-rpc' | 'with-milvus-rpc' | `with-${Fixture}`;
type Fixture = 'scope' | 'ollama' | 'fetch' | 'milvus';
const FIXTURES: readonly Fixture[] = ['scope', 'fetch', 'ollama', 'milvus'];

/** One `vitest run` of the overhead fixture project; returns the in-file time (first test to last teardown) and the wall time. */
async function vitestRun(file: BenchFile, mode: 'process' | 'container', leaks = 'warn', tests = TESTS): Promise<{ fileMs: number; wallMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fakecontainers-bench-'));
  const out = path.join(dir, 'ms');
  const started = performance.now();
  const child = spawn(process.execPath, [vitestBin, 'run', '--root', path.join(root, 'bench/fixtures/overhead'), `${file}.bench-test.ts`], {
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', VITEST: '', VITEST_POOL_ID: '', VITEST_WORKER_ID: '', FAKECONTAINERS_MODE: mode, FAKECONTAINERS_LEAKS: leaks, BENCH_TESTS: String(tests), BENCH_OUT: out },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const wallMs = performance.now() - started;
  try {
    if (code !== 0) throw new Error(`vitest run ${file} (${mode}) exited with ${code}:\n${output.slice(-2000)}`);
    return { fileMs: Number(readFileSync(out, 'utf8')), wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Per-test overhead of each fixture, in both modes, leak checks on and off, beside the same trivial
 * tests without fixtures in the same rounds; and the first use of the milvus fixture in a worker (a
 * file of one test), beside one plain test in a file that imports the SDK (which any file talking to
 * Milvus loads; ~400 ms of the first use is that import).
 */
async function fixtureOverhead(group: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const mode of ['process', 'container'] as const) {
    const runs = new Map<string, Array<{ fileMs: number; wallMs: number }>>();
    const add = (key: string, run: { fileMs: number; wallMs: number }) => runs.set(key, [...(runs.get(key) ?? []), run]);
    for (let round = 0; round < VITEST_ROUNDS; round++) {
      process.stderr.write(`  lifecycle: vitest fixture overhead (${mode} mode), round ${round + 1}/${VITEST_ROUNDS}\n`);
      add('plain', await vitestRun('plain', mode));
      add('plain-sdk', await vitestRun('plain-sdk', mode));
      for (const fixture of FIXTURES) {
        add(`${fixture}:warn`, await vitestRun(`with-${fixture}`, mode));
        add(`${fixture}:off`, await vitestRun(`with-${fixture}`, mode, 'off'));
      }
      add('first:plain', await vitestRun('plain-sdk', mode, 'warn', 1));
      add('first:milvus', await vitestRun('with-milvus', mode, 'warn', 1));
      add('rpc:plain', await vitestRun('plain-milvus-rpc', mode));
      add('rpc:milvus', await vitestRun('with-milvus-rpc', mode));
      add('rpc:milvus:first', await vitestRun('with-milvus-rpc', mode, 'warn', 1));
    }
    const perTest = (key: string) => median((runs.get(key) ?? []).map((r) => r.fileMs)) / TESTS;
    const plain = { name: 'same tests with plain vitest test', value: perTest('plain') };
    for (const fixture of FIXTURES) {
      for (const leaks of ['warn', 'off'] as const) {
        const value = perTest(`${fixture}:${leaks}`);
        const target = fixture === 'milvus' ? '< 10 ms overhead' : '< 2 ms overhead';
        const what = leaks === 'warn' ? 'leak checks on' : 'FAKECONTAINERS_LEAKS=off';
        figures.push({ group, name: `${mode} mode: \`${fixture}\` fixture, per test (${what}; overhead ${(value - plain.value).toFixed(1)} ms)`, value, unit: 'ms', reference: plain, target, better: 'lower' });
      }
    }
    const first = (key: string) => median((runs.get(key) ?? []).map((r) => r.fileMs));
    // The per-test figures above spread the worker's first milvus fixture over the file's 20 tests;
    // this one leaves it out: (file of 20 - file of 1) / 19.
    const steady = (perTest('milvus:warn') * TESTS - first('first:milvus')) / (TESTS - 1);
    figures.push({ group, name: `${mode} mode: \`milvus\` fixture, per test after the worker's first (overhead ${(steady - plain.value).toFixed(1)} ms)`, value: steady, unit: 'ms', reference: plain, target: '< 10 ms overhead', better: 'lower' });
    // Tests that send one request: the fixture's database is then dropped and replaced in the background.
    const rpcPlain = { name: 'same request from a client of the file, no fixture', value: perTest('rpc:plain') };
    const rpcSteady = (perTest('rpc:milvus') * TESTS - first('rpc:milvus:first')) / (TESTS - 1);
    figures.push({ group, name: `${mode} mode: \`milvus\` fixture in tests that send one request, per test after the worker's first (overhead ${(rpcSteady - rpcPlain.value).toFixed(1)} ms)`, value: rpcSteady, unit: 'ms', reference: rpcPlain, target: '< 10 ms overhead', better: 'lower' });
    figures.push({ group, name: `${mode} mode: first \`milvus\` fixture in a worker (a file of one test; overhead ${(first('first:milvus') - first('first:plain')).toFixed(0)} ms)`, value: first('first:milvus'), unit: 'ms', reference: { name: 'one plain test in a file that imports the Milvus SDK', value: first('first:plain') }, target: '< 200 ms overhead', better: 'lower' });
    const wall = (key: string) => median((runs.get(key) ?? []).map((r) => r.wallMs));
    figures.push({ group, name: `${mode} mode: whole vitest run (${TESTS} tests with the milvus fixture, global setup included)`, value: wall('milvus:warn'), unit: 'ms', reference: { name: 'same run with plain tests', value: wall('plain') }, target: '<= 1.1x', better: 'lower' });
    // The same, beside plain tests in a file that imports the Milvus SDK, as any file talking to Milvus does:
    // what the fixtures add beyond the SDK's own ~250 ms import.
    figures.push({ group, name: `${mode} mode: whole vitest run (${TESTS} tests with the milvus fixture), beside plain tests importing the SDK`, value: wall('milvus:warn'), unit: 'ms', reference: { name: 'same run, plain tests in a file importing the SDK', value: wall('plain-sdk') }, target: '<= 1.1x', better: 'lower' });
  }
  return figures;
}

interface Stoppable {
  stop(): Promise<unknown>;
}

/** Ten fake containers (five of each), labelled for cleanup. */
async function startTen(): Promise<Stoppable[]> {
  const { FakeMilvusContainer, FakeOllamaContainer } = await import('../dist/containers/index.js');
  const labels = { [BENCH_LABEL.split('=')[0] as string]: '1' };
  return Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0 ? new FakeOllamaContainer().withLabels(labels).start() : new FakeMilvusContainer().withLabels(labels).start(),
    ),
  );
}

async function scopeClose(group: string): Promise<Figure> {
  const { createScope } = await import('../dist/lifecycle/index.js');
  const scoped: number[] = [];
  const plain: number[] = [];
  for (let round = 0; round < CLOSE_ROUNDS; round++) {
    process.stderr.write(`  lifecycle: closing 10 containers, round ${round + 1}/${CLOSE_ROUNDS}\n`);
    const scope = createScope('bench');
    // Independent containers: closed together (order against other resources is still kept).
    for (const container of await startTen()) scope.track(container, (c) => c.stop(), { name: 'bench container', concurrent: true });
    let started = performance.now();
    await scope.close();
    scoped.push(performance.now() - started);
    const containers = await startTen();
    started = performance.now();
    await Promise.all(containers.map((c) => c.stop()));
    plain.push(performance.now() - started);
  }
  return { group, name: 'scope.close() with 10 tracked fake containers', value: median(scoped), unit: 'ms', reference: { name: 'Promise.all(stop) of the same 10', value: median(plain) }, target: '< 1,500 ms', better: 'lower' };
}

const RYUK_FILTER = 'label=org.testcontainers.ryuk=true';

/** Running reapers (ours or Ryuk); testcontainers in any process reuses one of them instead of starting its own. */
async function runningReapers(): Promise<string[]> {
  return (await dockerOk(['ps', '-q', '--filter', RYUK_FILTER])).split('\n').filter(Boolean);
}

/** Waits (bounded) until no reaper runs, so that the next run starts its own; false if one is still there. */
async function awaitNoReaper(timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while ((await runningReapers()).length > 0) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return true;
}

/**
 * Starts a containerised run in a child, SIGKILLs it, and times until its last container is gone.
 * `shared` tells whether the run reused a reaper another process had started (then the reaper waits for
 * that process too, and the time says nothing about the run).
 */
async function killedRun(): Promise<{ ms: number; shared: boolean }> {
  const spawned = Date.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bench/children/killed-run.mjs')], {
    env: { ...process.env, FAKECONTAINERS_RUN_ID: '', FAKECONTAINERS_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const runId = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /run=(\w+)/.exec(buffered);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the run exited early with ${code}`)));
  });
  const filter = `label=fakecontainers.run-id=${runId}`;
  const list = async () => (await dockerOk(['ps', '-aq', '--filter', filter])).split('\n').filter(Boolean);
  const containers = await list();
  if (containers.length === 0) throw new Error(`run ${runId} has no containers to remove`);
  const session = await dockerOk(['inspect', '--format', '{{index .Config.Labels "org.testcontainers.session-id"}}', containers[0] as string]);
  const reaper = (await dockerOk(['ps', '-q', '--filter', RYUK_FILTER, '--filter', `label=org.testcontainers.session-id=${session}`])).split('\n')[0];
  const created = reaper ? Date.parse(await dockerOk(['inspect', '--format', '{{.Created}}', reaper])) : Number.NaN;
  const shared = !(created >= spawned);
  const killed = performance.now();
  child.kill('SIGKILL');
  while ((await list()).length > 0) {
    if (performance.now() - killed > 60_000) {
      await docker(['rm', '-f', ...(await list())]);
      process.stderr.write(`  lifecycle: run ${runId}: containers still there 60 s after SIGKILL (removed them; reaper shared: ${shared})\n`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { ms: performance.now() - killed, shared };
}

async function sigkillCleanup(group: string): Promise<Figure> {
  const kills: Array<{ ms: number; shared: boolean }> = [];
  for (let round = 0; round < KILL_ROUNDS; round++) {
    process.stderr.write(`  lifecycle: SIGKILL a containerised run, round ${round + 1}/${KILL_ROUNDS}\n`);
    if (!(await awaitNoReaper(30_000))) {
      process.stderr.write('  lifecycle: another process keeps a reaper running; this run will share it\n');
    }
    kills.push(await killedRun());
  }
  const own = kills.filter((k) => !k.shared);
  const counted = own.length > 0 ? own : kills;
  const note = own.length > 0 ? 'own reaper' : 'reaper shared with another process';
  return { group, name: `SIGKILL of a containerised run -> last container removed (${note}, ${counted.length} runs)`, value: median(counted.map((k) => k.ms)), unit: 'ms', reference: { name: "reaper's reconnection timeout", value: RECONNECTION_TIMEOUT_MS }, target: '< 15,000 ms', better: 'lower' };
}

/** Figures for the lifecycle manager: fixture overhead, scope close, SIGKILL cleanup. */
export async function lifecycleFigures(): Promise<Figure[]> {
  const group = 'lifecycle';
  const figures: Figure[] = [];
  figures.push(...(await fixtureOverhead(group)));
  // Before anything in this process loads testcontainers: its reaper connection would keep every later
  // run's reaper alive (testcontainers reuses a running reaper) until this process exits.
  figures.push(await sigkillCleanup(group));
  try {
    figures.push(await scopeClose(group));
  } finally {
    await removeBenchContainers();
  }
  return figures;
}
