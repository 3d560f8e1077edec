import { parseArgs } from 'node:util';
import { loadConfigFile } from '../common/config-file.js';
import { isLogLevel } from '../common/log.js';
import { stopOnSignals } from '../common/signals.js';
import type { FakeOllamaOptions } from '../fakes/ollama/server.js';
import { startFakeOllama } from '../fakes/ollama/server.js';
import type { Command } from './commands.js';
import { UsageError, intFlag } from './usage-error.js';

const HELP = `Usage: fakecontainers serve [options]

Serves the fakes in this process until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --host <host>            listen address (default: loopback, 127.0.0.1 and ::1)
  --ollama-port <port>     fake Ollama port (default 11434; 0 picks a free port)
  --config <file.json>     configuration: { "ollama": {...}, "milvus": {...} }
  --record <cassette>      proxy Ollama requests to --upstream and record them
  --upstream <url>         the real Ollama to record from
  --replay <cassette>      answer Ollama requests from a recorded cassette
  --log-level <level>      silent, error, warn, info, debug (default warn)
  -h, --help               this help
`;

export const serveCommand: Command = {
  summary: 'serve the fakes in the foreground (npm start)',
  help: HELP,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        host: { type: 'string' },
        'ollama-port': { type: 'string' },
        config: { type: 'string' },
        record: { type: 'string' },
        upstream: { type: 'string' },
        replay: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const level = values['log-level'];
    if (level !== undefined && !isLogLevel(level)) throw new UsageError(`--log-level must be silent, error, warn, info or debug`);
    if (values.record !== undefined && values.upstream === undefined) throw new UsageError('--record needs --upstream <url>');
    const file = values.config ? loadConfigFile(values.config) : {};
    const ollamaOptions: FakeOllamaOptions = {
      ...((file.ollama ?? {}) as FakeOllamaOptions),
      port: intFlag(values['ollama-port'], '--ollama-port', 11434),
      host: values.host,
      logLevel: level,
      ...(values.record ? { record: { cassette: values.record, upstream: values.upstream as string } } : {}),
      ...(values.replay ? { replay: { cassette: values.replay } } : {}),
    };
    const ollama = await startFakeOllama(ollamaOptions);
    const lines = [
      'fakecontainers: fakes are ready',
      `  ollama  ${ollama.url}    export OLLAMA_HOST=${ollama.url}`,
      `          control plane ${ollama.url}/_fake/health`,
      'Press Ctrl-C to stop.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    stopOnSignals(async () => {
      await ollama.close();
      process.stdout.write('fakecontainers: stopped\n');
    });
    return new Promise<never>(() => {});
  },
};
