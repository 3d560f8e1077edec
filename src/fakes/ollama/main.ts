/**
 * Process entry of the fake Ollama container image: configuration from FAKE_OLLAMA_* variables,
 * listens on 0.0.0.0:11434, logs `Listening on ...` as Ollama does (testcontainers' OllamaContainer
 * waits for that line), and exits promptly on SIGTERM/SIGINT.
 */
import { stopOnSignals } from '../../common/signals.js';
import { ollamaOptionsFromEnv } from './env-config.js';
import { startFakeOllama } from './server.js';

const options = ollamaOptionsFromEnv(process.env);
const host = options.host ?? '0.0.0.0';
const fake = await startFakeOllama({
  ...options,
  env: false,
  port: options.port ?? 11434,
  host,
  // Inside a container the published port is the boundary: peers arrive from the bridge, not loopback.
  control: { allowRemote: true, ...(options.control ?? {}) },
});
const version = options.version ?? (await (await fake.fetch(`${fake.url}/api/version`)).json() as { version: string }).version;
process.stdout.write(`Listening on ${host}:${fake.port} (version ${version})\n`);
stopOnSignals(() => fake.close());
