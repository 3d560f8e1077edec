import { parseArgs } from 'node:util';
import { loadConfigFile } from '../common/config-file.js';
import { isLogLevel } from '../common/log.js';
import { stopOnSignals } from '../common/signals.js';
import type { FakeOllamaOptions } from '../fakes/ollama/server.js';
import { type FakeMilvusOptions, startFakeMilvus } from '../fakes/milvus/index.js';
import { startFakeOllama } from '../fakes/ollama/server.js';
import { mergeLayers } from '../common/option-layers.js';
import { OLLAMA_ADDITIVE, ollamaConfigFromEnv, ollamaVariables } from '../fakes/ollama/env-config.js';
import { MILVUS_ADDITIVE, milvusConfigFromEnv, milvusVariables } from '../fakes/milvus/env-config.js';
import type { Command } from './command.js';
import { UsageError, intFlag } from './usage-error.js';

const HELP = `Usage: fakecontainers serve [options]

Serves the fakes (Ollama and Milvus) in this process until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --host <host>            listen address (default: loopback, 127.0.0.1 and ::1)
  --ollama-port <port>     fake Ollama port (default 11434; 0 picks a free port)
  --milvus-port <port>     fake Milvus port: gRPC, REST v2 and /_fake (default 19530)
  --milvus-health-port <p> also serve /healthz on this port (off by default; the image uses 9091)
  --no-ollama, --no-milvus serve only the other fake
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
        'milvus-port': { type: 'string' },
        'milvus-health-port': { type: 'string' },
        'no-ollama': { type: 'boolean' },
        'no-milvus': { type: 'boolean' },
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
    // Flags > the config file (--config, else FAKE_*_CONFIG / FAKE_*_CONFIG_JSON) > FAKE_* variables.
    const file = values.config ? loadConfigFile(values.config) : undefined;
    const ollamaLayered = mergeLayers<FakeOllamaOptions>(
      OLLAMA_ADDITIVE,
      ollamaVariables(process.env),
      file ? ((file.ollama ?? {}) as FakeOllamaOptions) : ollamaConfigFromEnv(process.env),
      {
        ...(values['ollama-port'] !== undefined ? { port: intFlag(values['ollama-port'], '--ollama-port', 11434) } : {}),
        ...(values.host !== undefined ? { host: values.host } : {}),
        ...(level !== undefined ? { logLevel: level } : {}),
        ...(values.record ? { record: { cassette: values.record, upstream: values.upstream as string } } : {}),
        ...(values.replay ? { replay: { cassette: values.replay } } : {}),
      },
    );
    const ollamaOptions: FakeOllamaOptions = { ...ollamaLayered, port: ollamaLayered.port ?? 11434, env: false };
    if (values['no-ollama'] && values['no-milvus']) throw new UsageError('--no-ollama and --no-milvus leave nothing to serve');
    const stops: (() => Promise<void>)[] = [];
    const lines = ['fakecontainers: fakes are ready'];
    try {
      if (!values['no-ollama']) {
        const ollama = await startFakeOllama(ollamaOptions);
        stops.push(() => ollama.close());
        lines.push(`  ollama  ${ollama.url.padEnd(24)}  export OLLAMA_HOST=${ollama.url}`);
      }
      if (!values['no-milvus']) {
        const milvusLayered = mergeLayers<FakeMilvusOptions>(
          MILVUS_ADDITIVE,
          milvusVariables(process.env),
          file ? ((file.milvus ?? {}) as FakeMilvusOptions) : milvusConfigFromEnv(process.env),
          {
            ...(values['milvus-port'] !== undefined ? { port: intFlag(values['milvus-port'], '--milvus-port', 19530) } : {}),
            ...(values.host !== undefined ? { host: values.host } : {}),
            ...(level !== undefined ? { logLevel: level } : {}),
            ...(values['milvus-health-port'] ? { healthPort: intFlag(values['milvus-health-port'], '--milvus-health-port', 9091) } : {}),
          },
        );
        const milvus = await startFakeMilvus({ ...milvusLayered, port: milvusLayered.port ?? 19530, env: false });
        stops.push(() => milvus.close());
        lines.push(`  milvus  ${milvus.address.padEnd(24)}  export MILVUS_ADDRESS=${milvus.address}`);
      }
    } catch (error) {
      await Promise.allSettled(stops.map((stop) => stop()));
      throw error;
    }
    lines.push('Press Ctrl-C to stop.');
    process.stdout.write(`${lines.join('\n')}\n`);
    stopOnSignals(async () => {
      await Promise.all(stops.map((stop) => stop()));
      process.stdout.write('fakecontainers: stopped\n');
    });
    return new Promise<never>(() => {});
  },
};
