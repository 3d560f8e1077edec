import { type ChildProcess, spawn } from 'node:child_process';
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
    // One signal handler for the command's whole life: while the fakes start it only notes the signal
    // (the start settles, what exists is torn down, and the exit code says which signal: 130 for
    // Ctrl-C); once the command runs it forwards the signal to it.
    let interrupted: NodeJS.Signals | undefined;
    let child: ChildProcess | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (child) child.kill(signal);
      else interrupted ??= signal;
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
    try {
      let run: StartedRun | undefined;
      try {
        run = await startRun({ mode, ollama: config.ollama, milvus: config.milvus });
      } catch (error) {
        if (interrupted === undefined) throw error;
      }
      // A signal caught while the start ran synchronous code is dispatched on the next turn.
      await new Promise((resolve) => setImmediate(resolve));
      if (interrupted !== undefined || !run) {
        if (run) await teardown(run);
        return signalExitCode(interrupted ?? 'SIGINT');
      }
      const started = run;
      const [file, ...rest] = command as [string, ...string[]];
      child = spawn(file, rest, { stdio: 'inherit', env: { ...process.env, ...endpointEnvironment(started.endpoints), FAKECONTAINERS_RUN_ID: started.runId } });
      const running = child;
      const code = await new Promise<number>((resolve) => {
        running.once('error', (error) => {
          process.stderr.write(`fakecontainers run: cannot start ${file}: ${error.message}\n`);
          resolve(127);
        });
        running.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? signalExitCode(signal) : 1)));
      });
      await teardown(started);
      return code;
    } finally {
      for (const signal of SIGNALS) process.off(signal, onSignal);
    }
  },
};

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/** Bounded; quiet when the fakes went away cleanly. */
async function teardown(run: StartedRun): Promise<void> {
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, TEARDOWN_BUDGET_MS, 'timeout').unref());
  const outcome = await Promise.race([run.close().then(() => 'closed' as const, (error: Error) => error), timeout]);
  if (outcome === 'timeout') process.stderr.write(`fakecontainers run: teardown took longer than ${TEARDOWN_BUDGET_MS} ms\n`);
  else if (outcome instanceof Error) process.stderr.write(`fakecontainers run: teardown failed: ${outcome.message}\n`);
}
