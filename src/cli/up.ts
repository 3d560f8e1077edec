import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../common/errors.js';
import { dockerCli } from '../containers/docker-ops.js';
import { buildImagesWith } from '../containers/image-build.js';
import { KIND_LABEL, MANAGED_LABEL } from '../containers/labels.js';
import { publishing } from '../containers/published-ports.js';
import { hostVariables } from '../containers/host-settings.js';
import { mergeLayers } from '../common/option-layers.js';
import { ollamaConfigFromEnv } from '../fakes/ollama/env-config.js';
import { MILVUS_ADDITIVE, milvusConfigFromEnv, milvusVariables } from '../fakes/milvus/env-config.js';
import type { FakeMilvusOptions } from '../fakes/milvus/options.js';
import { FakeControlClient } from '../fakes/control/control-client.js';
import { validateSeed } from '../fakes/milvus/engine/seed-schema.js';
import { dockerEndpoint } from '../lifecycle/docker-endpoint.js';
import { endpointEnvironment } from '../lifecycle/environment.js';
import type { Command } from './command.js';
import { docker, dockerOrThrow } from './docker-run.js';
import { SOURCE_LABEL, listManaged } from './managed.js';
import { PROJECT_LABEL, containerName, currentProject } from './project.js';
import { availableServices, type ServiceSpec } from './services.js';
import { UsageError, intFlag } from './usage-error.js';

const HELP = `Usage: fakecontainers up [options]

Builds the images if needed, starts the fakes as background containers for this project (the current
directory: containers named fakecontainers-<fake>-<dir>-<hash>), waits until they are healthy and prints
their endpoints and the variables for code under test. Everything it started is removed again if any
part fails. Stop them with \`fakecontainers down\`.

Options:
  --ollama-port <port>         host port of the fake Ollama (default 11434)
  --milvus-port <port>         host port of the fake Milvus (default 19530)
  --milvus-health-port <port>  host port of its /healthz (default 9091)
                               (a port of 0 picks a free one)
  --seed <file.json>           Milvus seed data, checked before anything starts
  --bind <address>             host interface to publish on (default 127.0.0.1 for a local engine,
                               all interfaces of a remote DOCKER_HOST; 0.0.0.0 to share on the network)
  --replace                    replace this project's fakes if they are already up
  --base <auto|registry|local> base image when the images must be built
  -h, --help                   this help

FAKE_OLLAMA_* and FAKE_MILVUS_* variables of this environment (models, faults, log level, ...) are passed
to the fakes. The fakes' control planes (/_fake/*) want the printed FAKECONTAINERS_CONTROL_TOKEN; attach mode and
\`fakecontainers run\` read it from the environment.
`;

const HEALTH_BUDGET_MS = 30_000;
/** Environment variables are capped around 128 KiB on Linux; a seed travels in one. */
const MAX_SEED_BYTES = 120_000;

/** The engine's host as clients reach it: DOCKER_HOST's for a TCP engine, this machine otherwise. */
function engineHost(): string {
  const endpoint = dockerEndpoint();
  return 'host' in endpoint ? endpoint.host : 'localhost';
}

/**
 * This machine's config file (FAKE_*_CONFIG / FAKE_*_CONFIG_JSON) and Milvus seed file, read here: the
 * container cannot see their paths. undefined when there is nothing to pass.
 */
function hostConfigJson(kind: 'ollama' | 'milvus'): string | undefined {
  const config = kind === 'ollama' ? ollamaConfigFromEnv(process.env) : hostMilvusConfig({});
  return Object.keys(config).length > 0 ? JSON.stringify({ [kind]: config }) : undefined;
}

function hostMilvusConfig(over: FakeMilvusOptions): FakeMilvusOptions {
  const seedFile = process.env.FAKE_MILVUS_SEED_FILE;
  const fromSeedFile = seedFile ? { seed: milvusVariables({ FAKE_MILVUS_SEED_FILE: seedFile }).seed } : {};
  return mergeLayers<FakeMilvusOptions>(MILVUS_ADDITIVE, fromSeedFile, milvusConfigFromEnv(process.env), over);
}

function readSeed(file: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--seed ${file}: ${describeError(error)}`);
  }
  const seed = JSON.stringify({ milvus: hostMilvusConfig({ seed: validateSeed(parsed, `seed file ${file}`) }) });
  if (Buffer.byteLength(seed) > MAX_SEED_BYTES) {
    throw new UsageError(`--seed ${file} is ${Math.round(Buffer.byteLength(seed) / 1024)} KiB; up passes seeds in the environment (at most ${MAX_SEED_BYTES / 1000} KB): load bigger data with POST /_fake/seed after up, or mount it (FAKE_MILVUS_SEED_FILE)`);
  }
  return seed;
}

function portFlags(bind: string, hostPortNumber: number, containerPort: number): string[] {
  const ip = bind.includes(':') ? `[${bind}]` : bind;
  const host = hostPortNumber === 0 ? '' : String(hostPortNumber);
  return ['-p', bind === '' ? (host === '' ? String(containerPort) : `${host}:${containerPort}`) : `${ip}:${host}:${containerPort}`];
}

export const upCommand: Command = {
  summary: 'start the fakes as background containers for this project and print their endpoints',
  help: HELP,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        'ollama-port': { type: 'string' },
        'milvus-port': { type: 'string' },
        'milvus-health-port': { type: 'string' },
        seed: { type: 'string' },
        bind: { type: 'string' },
        replace: { type: 'boolean' },
        base: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    // Everything that can be checked is checked before anything starts.
    const services = availableServices();
    const seed = values.seed === undefined ? undefined : readSeed(path.resolve(values.seed));
    if (seed !== undefined && !services.some((s) => s.kind === 'milvus')) throw new UsageError('--seed needs the fake Milvus image');
    const base = values.base ?? 'auto';
    if (base !== 'auto' && base !== 'registry' && base !== 'local') throw new UsageError('--base must be auto, registry or local');
    const hostPorts: Record<number, number> = {
      11434: intFlag(values['ollama-port'], '--ollama-port', 11434),
      19530: intFlag(values['milvus-port'], '--milvus-port', 19530),
      9091: intFlag(values['milvus-health-port'], '--milvus-health-port', 9091),
    };
    let published: ReturnType<typeof publishing>;
    try {
      published = publishing(engineHost(), values.bind);
    } catch (error) {
      throw new UsageError(`--bind: ${describeError(error)}`);
    }
    await dockerCli.engine();
    const project = currentProject();
    const running = (await listManaged(project)).filter((c) => c.state === 'running');
    if (running.length > 0 && !values.replace) {
      throw new UsageError(`this project's fakes are already up (${running.map((c) => c.name).join(', ')}): \`fakecontainers down\` first, or \`up --replace\``);
    }
    await buildImagesWith(dockerCli, { base, images: [...services.map((s) => s.kind)], progress: (line) => process.stderr.write(`  ${line}\n`) });
    const token = randomBytes(16).toString('hex');
    const started: string[] = [];
    const endpoints: { ollamaUrl?: string; milvusAddress?: string; controlToken: string } = { controlToken: token };
    try {
      for (const service of services) {
        const name = containerName(service.kind, project);
        await docker(['rm', '-f', name]);
        const args = runArgs(service, name, project.id, published.bindAddress, hostPorts, token, service.kind === 'milvus' ? (seed ?? hostConfigJson('milvus')) : hostConfigJson('ollama'));
        started.push(name);
        await dockerOrThrow(args);
        const mapped = await mappedPort(name, service.mainPort);
        const endpoint = service.endpoint(published.endpointHost, Number(mapped.split(':').pop()));
        await waitHealthy(new FakeControlClient(service.kind === 'ollama' ? endpoint : `http://${endpoint}`, token), name);
        if (service.kind === 'ollama') endpoints.ollamaUrl = endpoint;
        else endpoints.milvusAddress = endpoint;
        process.stdout.write(`${service.kind.padEnd(7)} ${endpoint.padEnd(26)} (container ${name})\n`);
      }
    } catch (error) {
      // Nothing half up: a failed start takes the other fake (and its own dead container) with it.
      if (started.length > 0) await docker(['rm', '-f', ...started]);
      throw error;
    }
    process.stdout.write(`\n# environment for code under test:\n`);
    for (const [key, value] of Object.entries(endpointEnvironment(endpoints))) process.stdout.write(`export ${key}=${value}\n`);
    process.stdout.write(`\nStop them with: fakecontainers down\n`);
    return 0;
  },
};

function runArgs(
  service: ServiceSpec,
  name: string,
  projectId: string,
  bind: string,
  hostPorts: Record<number, number>,
  token: string,
  configJson: string | undefined,
): string[] {
  const prefix = service.kind === 'ollama' ? 'FAKE_OLLAMA' : 'FAKE_MILVUS';
  const labels = [`${MANAGED_LABEL}=true`, `${KIND_LABEL}=${service.kind}`, `${SOURCE_LABEL}=cli`, `${PROJECT_LABEL}=${projectId}`].flatMap((l) => ['--label', l]);
  // The same hardening the container classes apply; the README's docker run lines show it too.
  const hardening = ['--read-only', '--tmpfs', '/tmp:rw,noexec,nosuid,size=16m', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges'];
  const ports = service.ports.flatMap(([container, fallback]) => portFlags(bind, hostPorts[container] ?? fallback, container));
  // The fake's own settings pass through from this environment, as `serve` and the images read them;
  // where it listens and its token are up's to choose.
  const passed = Object.entries(hostVariables(`${prefix}_` as 'FAKE_OLLAMA_' | 'FAKE_MILVUS_', process.env, {}));
  const env = [
    ...passed.flatMap(([key, value]) => ['-e', `${key}=${value}`]),
    '-e',
    `${prefix}_CONTROL_TOKEN=${token}`,
    ...(configJson ? ['-e', `${prefix}_CONFIG_JSON=${configJson}`] : []),
  ];
  return ['run', '-d', '--name', name, ...labels, ...hardening, ...ports, ...env, service.image];
}

/**
 * The host port Docker mapped. A container that already exited has none: that is reported as the exit
 * (with its log), not as `docker port`'s "No public port" (a busy machine reaches this line late).
 */
async function mappedPort(name: string, containerPort: number): Promise<string> {
  const port = await docker(['port', name, String(containerPort)]);
  if (port.code === 0) return port.stdout.trim().split('\n')[0] ?? '';
  await failIfExited(name);
  throw new UsageError(`docker port failed: ${(port.stderr || port.stdout).trim()}`);
}

async function failIfExited(name: string): Promise<void> {
  const state = (await docker(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name])).stdout.trim();
  if (state.startsWith('exited') || state.startsWith('dead')) {
    throw new UsageError(`${name} exited during start (${state}). Last log lines:\n${await logTail(name)}`);
  }
}

/** Healthy, or an error at once (with its log) when the container exits while we wait. */
async function waitHealthy(control: FakeControlClient, name: string): Promise<void> {
  const deadline = performance.now() + HEALTH_BUDGET_MS;
  let last = 'no answer';
  while (performance.now() < deadline) {
    await failIfExited(name);
    try {
      await control.health(1_000);
      return;
    } catch (error) {
      last = describeError(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new UsageError(`${name} is not healthy after ${HEALTH_BUDGET_MS / 1000} s (${last}). Last log lines:\n${await logTail(name)}`);
}

async function logTail(name: string): Promise<string> {
  const logs = await docker(['logs', '--tail', '20', name]);
  return `${logs.stdout}${logs.stderr}`.trimEnd() || '(no output)';
}
