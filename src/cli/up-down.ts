import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dockerCli } from '../containers/docker-ops.js';
import { buildImagesWith } from '../containers/image-build.js';
import { KIND_LABEL, MANAGED_LABEL } from '../containers/labels.js';
import { FakeControlClient } from '../fakes/control/control-client.js';
import type { Command } from './command.js';
import { UsageError, intFlag } from './usage-error.js';
import { docker, dockerOrThrow } from './docker-run.js';
import { endpointEnvironment } from '../lifecycle/environment.js';
import { SOURCE_LABEL, listManaged } from './managed.js';
import { availableServices, containerName } from './services.js';

const UP_HELP = `Usage: fakecontainers up [--ollama-port 11434] [--milvus-port 19530] [--seed file.json]

Builds the images if needed, starts the fakes as background containers (named fakecontainers-<fake>),
waits until they are healthy and prints their endpoints. Running it again replaces them.

Options:
  --ollama-port <port>   host port of the fake Ollama (default 11434)
  --milvus-port <port>   host port of the fake Milvus (default 19530)
  --milvus-health-port <port>  host port of its /healthz (default 9091)
  (a port of 0 picks a free one)
  --seed <file.json>     Milvus seed data loaded at start (mounted read-only)
  --base <auto|registry|local>  base image when the images must be built
  -h, --help             this help
`;

const HEALTH_BUDGET_MS = 30_000;

export const upCommand: Command = {
  summary: 'start the fakes as background containers and print their endpoints',
  help: UP_HELP,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        'ollama-port': { type: 'string' },
        'milvus-port': { type: 'string' },
        'milvus-health-port': { type: 'string' },
        seed: { type: 'string' },
        base: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(UP_HELP);
      return 0;
    }
    const services = availableServices();
    const seed = values.seed === undefined ? undefined : path.resolve(values.seed);
    if (seed !== undefined && !existsSync(seed)) throw new UsageError(`--seed file ${seed} does not exist`);
    if (seed !== undefined && !services.some((s) => s.kind === 'milvus')) throw new UsageError('--seed needs the fake Milvus image');
    const base = values.base ?? 'auto';
    if (base !== 'auto' && base !== 'registry' && base !== 'local') throw new UsageError('--base must be auto, registry or local');
    await buildImagesWith(dockerCli, { base, images: [...services.map((s) => s.kind)], progress: (line) => process.stderr.write(`  ${line}\n`) });
    const hostPorts: Record<number, number> = {
      11434: intFlag(values['ollama-port'], '--ollama-port', 11434),
      19530: intFlag(values['milvus-port'], '--milvus-port', 19530),
      9091: intFlag(values['milvus-health-port'], '--milvus-health-port', 9091),
    };
    const endpoints: { ollamaUrl?: string; milvusAddress?: string } = {};
    for (const service of services) {
      const name = containerName(service.kind);
      await docker(['rm', '-f', name]);
      const ports = service.ports.flatMap(([container, fallback]) => ['-p', `${hostPorts[container] ?? fallback}:${container}`]);
      const mounts = service.kind === 'milvus' && seed ? ['-v', `${seed}:/seed/seed.json:ro`, '-e', 'FAKE_MILVUS_SEED_FILE=/seed/seed.json'] : [];
      const labels = ['--label', `${MANAGED_LABEL}=true`, '--label', `${KIND_LABEL}=${service.kind}`, '--label', `${SOURCE_LABEL}=cli`];
      await dockerOrThrow(['run', '-d', '--name', name, ...labels, ...ports, ...mounts, service.image]);
      const hostPort = Number((await dockerOrThrow(['port', name, String(service.mainPort)])).trim().split('\n')[0]?.split(':').pop());
      const endpoint = service.endpoint('127.0.0.1', hostPort);
      const healthUrl = service.kind === 'ollama' ? endpoint : `http://${endpoint}`;
      await waitHealthy(new FakeControlClient(healthUrl), name);
      if (service.kind === 'ollama') endpoints.ollamaUrl = endpoint;
      else endpoints.milvusAddress = endpoint;
      process.stdout.write(`${service.kind.padEnd(7)} ${endpoint.padEnd(26)} (container ${name})\n`);
    }
    process.stdout.write(`\n# environment for code under test:\n`);
    for (const [key, value] of Object.entries(endpointEnvironment(endpoints))) process.stdout.write(`export ${key}=${value}\n`);
    process.stdout.write(`\nStop them with: fakecontainers down\n`);
    return 0;
  },
};

async function waitHealthy(control: FakeControlClient, name: string): Promise<void> {
  try {
    await control.waitHealthy(HEALTH_BUDGET_MS);
  } catch (error) {
    const logs = await docker(['logs', '--tail', '20', name]);
    throw new UsageError(`${name}: ${(error as Error).message}. Last log lines:\n${logs.stdout}${logs.stderr}`);
  }
}

export const downCommand: Command = {
  summary: 'remove the containers `up` started (--all: every fakecontainers container)',
  help: 'Usage: fakecontainers down [--all]\n',
  async run(args) {
    const { values } = parseArgs({ args, options: { all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      process.stdout.write(this.help);
      return 0;
    }
    const containers = await listManaged(values.all === true);
    if (containers.length > 0) await dockerOrThrow(['rm', '-f', ...containers.map((c) => c.id)]);
    process.stdout.write(`removed ${containers.length} container${containers.length === 1 ? '' : 's'}${containers.length ? `: ${containers.map((c) => c.name).join(', ')}` : ''}\n`);
    return 0;
  },
};

export const psCommand: Command = {
  summary: 'list fakecontainers containers with their health (--all: also from test runs)',
  help: 'Usage: fakecontainers ps [--all]\n',
  async run(args) {
    const { values } = parseArgs({ args, options: { all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      process.stdout.write(this.help);
      return 0;
    }
    const rows = (await listManaged(values.all === true)).map((c) => [c.name, c.kind, c.status, c.ports || '-', c.source]);
    const all = [['NAME', 'FAKE', 'STATUS', 'PORTS', 'STARTED BY'], ...rows];
    const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    for (const row of all) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]! + 2)).join('').trimEnd()}\n`);
    return 0;
  },
};

export const logsCommand: Command = {
  summary: 'follow the log of a fake started by `up` (logs ollama|milvus)',
  help: 'Usage: fakecontainers logs <ollama|milvus> [--no-follow] [--tail N]\n',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { 'no-follow': { type: 'boolean' }, tail: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(this.help);
      return 0;
    }
    const kind = positionals[0];
    if (kind !== 'ollama' && kind !== 'milvus') throw new UsageError('name the fake: logs ollama or logs milvus');
    const follow = values['no-follow'] ? [] : ['--follow'];
    const tail = values.tail === undefined ? [] : ['--tail', values.tail];
    const result = await docker(['logs', ...follow, ...tail, containerName(kind)], { inherit: true });
    return result.code;
  },
};
