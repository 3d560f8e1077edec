import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { processAlive } from '../common/process-alive.js';
import type { Command } from './command.js';
import { docker, dockerOrThrow } from './docker-run.js';
import { isAbandoned, listManaged } from './managed.js';
import { containerName, currentProject } from './project.js';
import { UsageError } from './usage-error.js';

const DOWN_HELP = `Usage: fakecontainers down [--all [--force]]

Removes the containers \`fakecontainers up\` started for this project (the current directory).

Options:
  --all        also every other fakecontainers container that is stopped or whose test run is gone
               (a live run's containers and other projects' running fakes are kept and listed)
  --force      with --all: remove every fakecontainers container, running or not
  -h, --help   this help
`;

const PS_HELP = `Usage: fakecontainers ps [--all]

Lists the containers \`fakecontainers up\` started for this project, with their state and ports.

Options:
  --all        every fakecontainers container on this engine: other projects' and test runs' too
  -h, --help   this help
`;

const LOGS_HELP = `Usage: fakecontainers logs <ollama|milvus> [--no-follow] [--tail N]

Follows the log of a fake \`fakecontainers up\` started for this project.

Options:
  --no-follow  print what is there and stop
  --tail <N>   start with the last N lines
  -h, --help   this help
`;

export const downCommand: Command = {
  summary: "remove this project's fakes (--all: also stopped and orphaned ones; --force: everything)",
  help: DOWN_HELP,
  async run(args) {
    const { values } = parseArgs({ args, options: { all: { type: 'boolean' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      process.stdout.write(DOWN_HELP);
      return 0;
    }
    if (values.force && !values.all) throw new UsageError('--force goes with --all');
    const project = currentProject();
    const ours = await listManaged(project);
    const others = values.all ? (await listManaged('all')).filter((c) => !ours.some((o) => o.id === c.id)) : [];
    const here = hostname();
    const removable = others.filter((c) => values.force || isAbandoned(c, here, processAlive));
    const kept = others.filter((c) => !removable.includes(c));
    const doomed = [...ours, ...removable];
    if (doomed.length > 0) await dockerOrThrow(['rm', '-f', ...doomed.map((c) => c.id)]);
    process.stdout.write(`removed ${doomed.length} container${doomed.length === 1 ? '' : 's'}${doomed.length ? `: ${doomed.map((c) => c.name).join(', ')}` : ''}\n`);
    if (kept.length > 0) {
      process.stdout.write(`kept ${kept.length} running container(s) of other projects or live test runs (--all --force removes them): ${kept.map((c) => c.name).join(', ')}\n`);
    }
    return 0;
  },
};

export const psCommand: Command = {
  summary: "list this project's fakes with their state (--all: every fakecontainers container)",
  help: PS_HELP,
  async run(args) {
    const { values } = parseArgs({ args, options: { all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      process.stdout.write(PS_HELP);
      return 0;
    }
    const rows = (await listManaged(values.all ? 'all' : currentProject())).map((c) => [c.name, c.kind, c.status, c.ports || '-', c.source]);
    const all = [['NAME', 'FAKE', 'STATUS', 'PORTS', 'STARTED BY'], ...rows];
    const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    for (const row of all) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]! + 2)).join('').trimEnd()}\n`);
    return 0;
  },
};

export const logsCommand: Command = {
  summary: "follow the log of one of this project's fakes (logs ollama|milvus)",
  help: LOGS_HELP,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { 'no-follow': { type: 'boolean' }, tail: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(LOGS_HELP);
      return 0;
    }
    const kind = positionals[0];
    if (kind !== 'ollama' && kind !== 'milvus') throw new UsageError('name the fake: logs ollama or logs milvus');
    if (values.tail !== undefined && !/^\d+$/.test(values.tail)) throw new UsageError(`--tail takes a number of lines; got ${values.tail}`);
    const follow = values['no-follow'] ? [] : ['--follow'];
    const tail = values.tail === undefined ? [] : ['--tail', values.tail];
    const result = await docker(['logs', ...follow, ...tail, containerName(kind, currentProject())], { inherit: true });
    return result.code;
  },
};
