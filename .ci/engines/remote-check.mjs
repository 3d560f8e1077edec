// What `.ci/engines/remote.sh` checks against an engine reachable only at DOCKER_HOST (tcp://):
//   1. the container classes start their containers on that engine, not on the machine's own one, with
//      endpoints naming the engine's host, and testcontainers' reaper (our image) runs there too;
//   2. a run (startRun, container mode) SIGKILLed mid-run leaves nothing on that engine once its own
//      reaper's grace period has passed;
//   3. the same engine named the way Testcontainers Desktop / Cloud's agent does it (`tc.host` in
//      ~/.testcontainers.properties, no DOCKER_HOST): the run's containers start there, and a SIGTERM
//      removes them there at once through the exit hook (well before any reaper would).
// Each part runs in a child process, so the check itself can be killed like a user's run.
//   node .ci/engines/remote-check.mjs            the parent: spawns the parts and checks the engine
//   node .ci/engines/remote-check.mjs classes    part 1 (prints one JSON line)
//   node .ci/engines/remote-check.mjs run        part 2 (prints one JSON line, then waits to be killed)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const dockerHost = process.env.DOCKER_HOST ?? '';
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

/** Container ids (full) matching a filter, on the remote engine or on the machine's own engine. */
function containers(filter, where = 'remote') {
  const env = { ...process.env };
  if (where === 'local') delete env.DOCKER_HOST;
  const out = execFileSync('docker', ['ps', '-a', '-q', '--no-trunc', ...(filter ? ['--filter', filter] : [])], { env, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

function check(condition, message) {
  if (!condition) throw new Error(`remote engine check failed: ${message}`);
  console.log(`  ok [${elapsed()}] ${message}`);
}

async function partClasses() {
  const { FakeMilvusContainer, FakeOllamaContainer } = await import('fakecontainers/containers');
  const { MilvusClient } = await import('@zilliz/milvus2-sdk-node');
  // try/finally rather than `await using`: plain JavaScript on Node 20 has no `await using`.
  const ollama = await new FakeOllamaContainer().withModels(['llama3.2']).start();
  try {
    const milvus = await new FakeMilvusContainer().start();
    try {
      const tags = await (await fetch(`${ollama.getEndpoint()}/api/tags`)).json();
      const client = new MilvusClient({ address: milvus.getAddress() });
      const version = await client.getVersion();
      await client.closeConnection();
      const report = { ollamaId: ollama.getId(), milvusId: milvus.getId(), ollamaUrl: ollama.getEndpoint(), milvusAddress: milvus.getAddress() };
      console.log(JSON.stringify({ ...report, models: tags.models.map((m) => m.name), milvusVersion: version.version }));
    } finally {
      await milvus.stop();
    }
  } finally {
    await ollama.stop();
  }
}

async function partRun() {
  const { startRun } = await import('fakecontainers/lifecycle');
  const run = await startRun({ mode: 'container', progress: () => {} });
  console.log(JSON.stringify({ runId: run.runId, endpoints: run.endpoints }));
  // Holds the reaper's connection until SIGKILL.
  setInterval(() => {}, 60_000);
}

// A failed check must not leave a part running (it holds a reaper connection and an output pipe).
const children = new Set();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

function spawnPart(part, env = process.env) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), part], { stdio: ['ignore', 'pipe', 'inherit'], env });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const firstLine = new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`part "${part}" exited with ${code} before reporting`)));
    setTimeout(() => reject(new Error(`part "${part}" did not report within 90 s`)), 90_000).unref();
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, firstLine, exited };
}

async function waitUntil(what, predicate, budgetMs) {
  const deadline = Date.now() + budgetMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`remote engine check failed: ${what} within ${budgetMs / 1000} s`);
    await sleep(500);
  }
  console.log(`  ok [${elapsed()}] ${what}`);
}

async function parent() {
  if (!dockerHost.startsWith('tcp://')) throw new Error(`DOCKER_HOST must name the TCP engine to check (it is ${JSON.stringify(dockerHost)})`);
  const engineHost = new URL(dockerHost.replace(/^tcp:/, 'http:')).hostname;
  console.log(`checking the engine at ${dockerHost}`);

  console.log('part 1: the container classes');
  const classes = spawnPart('classes');
  const one = await classes.firstLine;
  check(one.ollamaUrl === `http://${engineHost}:${new URL(one.ollamaUrl).port}`, `the Ollama endpoint names the engine's host: ${one.ollamaUrl}`);
  check(one.milvusAddress.startsWith(`${engineHost}:`), `the Milvus address names the engine's host: ${one.milvusAddress}`);
  check(one.models.includes('llama3.2:latest') || one.models.includes('llama3.2'), `the fake Ollama answers through it (${one.models.join(', ')})`);
  check(typeof one.milvusVersion === 'string', `the fake Milvus answers through it (version ${one.milvusVersion})`);
  check((await classes.exited) === 0, 'the classes part exited cleanly');
  const remoteIds = containers('');
  check(!remoteIds.includes(one.ollamaId) && !remoteIds.includes(one.milvusId), 'stopped containers are gone from the remote engine');
  const local = containers('', 'local');
  check(!local.includes(one.ollamaId) && !local.includes(one.milvusId), "neither container is on the machine's own engine");

  console.log('part 2: a run SIGKILLed mid-run');
  const run = spawnPart('run');
  const two = await run.firstLine;
  const runFilter = `label=fakecontainers.run-id=${two.runId}`;
  const runContainers = containers(runFilter);
  check(runContainers.length === 2, `the run's two fakes run on the remote engine (${runContainers.length})`);
  check(containers(`label=fakecontainers.reaper-for=${two.runId}`).length === 1, "the run's own reaper runs on the remote engine");
  // testcontainers' own reaper cannot be guarded on an engine of another machine, so it is off there.
  const otherMachine = !(engineHost === 'localhost' || engineHost.startsWith('127.'));
  const reapers = containers('ancestor=fakecontainers/reaper').length;
  if (otherMachine) check(reapers === 1, `only the run's reaper runs there: testcontainers' is off for an engine on another machine (${reapers})`);
  else check(reapers >= 2, `testcontainers' reaper (our image) runs on the remote engine too (${reapers})`);
  check(new URL(two.endpoints.ollamaUrl).hostname === engineHost, `the run's endpoints name the engine's host: ${two.endpoints.ollamaUrl}, ${two.endpoints.milvusAddress}`);
  check(containers(runFilter, 'local').length === 0, "nothing of the run on the machine's own engine");
  run.child.kill('SIGKILL');
  await run.exited;
  const killedAt = Date.now();
  // The run's reaper waits FAKECONTAINERS_REAPER_TIMEOUT (10 s by default) for a reconnection.
  await waitUntil("the SIGKILLed run's fakes are removed by its reaper", () => containers(runFilter).length === 0, 45_000);
  console.log(`  (removed ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the SIGKILL)`);
  await waitUntil('the remote engine has no container left (both reapers gone too)', () => containers('').length === 0, 45_000);

  console.log("part 3: the engine named by tc.host in ~/.testcontainers.properties, then a SIGTERM");
  const home = mkdtempSync(path.join(tmpdir(), 'fc-tc-home-'));
  try {
    writeFileSync(path.join(home, '.testcontainers.properties'), `tc.host=${dockerHost}\n`);
    const env = { ...process.env, HOME: home };
    delete env.DOCKER_HOST;
    const tc = spawnPart('run', env);
    const three = await tc.firstLine;
    const tcFilter = `label=fakecontainers.run-id=${three.runId}`;
    check(containers(tcFilter).length === 2, "the run's two fakes run on the tc.host engine");
    check(containers(tcFilter, 'local').length === 0, "nothing of the run on the machine's own engine");
    tc.child.kill('SIGTERM');
    const termAt = Date.now();
    await waitUntil("the SIGTERMed run's exit hook removed its fakes on the tc.host engine", () => containers(tcFilter).length === 0, 5_000);
    console.log(`  (removed ${((Date.now() - termAt) / 1000).toFixed(1)} s after the SIGTERM)`);
    // A plain Node process stays alive after that: the exit hook re-raises the signal only when it is the
    // last listener, and signal-exit (through testcontainers' proper-lockfile) follows the same rule.
    tc.child.kill('SIGKILL');
    await tc.exited;
    await waitUntil('the remote engine has no container left', () => containers('').length === 0, 45_000);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  console.log(`remote engine check passed in ${elapsed()}`);
}

const part = process.argv[2];
if (part === 'classes') await partClasses();
else if (part === 'run') await partRun();
else await parent();
