import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../common/config-file.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';
import { endpointEnvironment } from '../lifecycle/environment.js';
import { type StartedRun, startRun } from '../lifecycle/run.js';

const HELP = `Usage: fakecontainers run [--mode process|container] [--config file.json] -- <command> [args...]

Starts the fakes, runs the command with OLLAMA_HOST, OLLAMA_BASE_URL, MILVUS_ADDRESS and MILVUS_URI
(and FAKECONTAINERS_OLLAMA_URL / FAKECONTAINERS_MILVUS_ADDRESS) pointing at them, forwards SIGINT and
SIGTERM to it, always tears the fakes down, and exits with the command's exit code.

Options:
  --mode <process|container>  in this process (default) or in Docker containers
  --config <file.json>        configuration: { "ollama": {...}, "milvus": {...} }
  -h, --help                  this help
`;

const TEARDOWN_BUDGET_MS = 15_000;

export const runCommand: Command = {
  summary: 'run a command with the fakes up (run [--mode process|container] -- cmd)',
  help: HELP,
  async run(args) {
    const separator = args.indexOf('--');
    const own = separator < 0 ? args : args.slice(0, separator);
    const command = separator < 0 ? [] : args.slice(separator + 1);
    const { values } = parseArgs({
      args: own,
      options: { mode: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (command.length === 0) throw new UsageError('give the command after --, e.g. fakecontainers run -- npx jest');
    const mode = values.mode ?? 'process';
    if (mode !== 'process' && mode !== 'container') throw new UsageError('--mode must be process or container');
    const config = values.config ? loadConfigFile(values.config) : {};
    const run = await startRun({ mode, ollama: config.ollama, milvus: config.milvus });
    return runChild(command, run);
  },
};

async function runChild(command: string[], run: StartedRun): Promise<number> {
  const [file, ...rest] = command as [string, ...string[]];
  const child = spawn(file, rest, { stdio: 'inherit', env: { ...process.env, ...endpointEnvironment(run.endpoints), FAKECONTAINERS_RUN_ID: run.runId } });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = forward(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const code = await new Promise<number>((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`fakecontainers run: cannot start ${file}: ${error.message}\n`);
      resolve(127);
    });
    child.once('exit', (exitCode, signal) => {
      resolve(exitCode ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
  for (const [signal, handler] of handlers) process.off(signal, handler);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, TEARDOWN_BUDGET_MS, 'timeout').unref());
  const outcome = await Promise.race([run.close().then(() => 'closed' as const, (error: Error) => error), timeout]);
  if (outcome === 'timeout') process.stderr.write(`fakecontainers run: teardown took longer than ${TEARDOWN_BUDGET_MS} ms\n`);
  else if (outcome instanceof Error) process.stderr.write(`fakecontainers run: teardown failed: ${outcome.message}\n`);
  return code;
}
