import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FakecontainersError } from '../common/errors.js';
import { testcontainersInstall } from '../containers/testcontainers-install.js';
import { type DockerEndpoint, dockerEndpoint } from './docker-endpoint.js';

/** How a run gets its fakes: containers (testcontainers), this process, or fakes already running. */
export type FakesMode = 'container' | 'process' | 'attach';

/** The mode and, in a sentence, why (printed by the global setup and `fakecontainers run`). */
export interface ModeChoice {
  readonly mode: FakesMode;
  readonly why: string;
}

/**
 * FAKECONTAINERS_MODE wins; otherwise attach when FAKECONTAINERS_OLLAMA_URL / _MILVUS_ADDRESS are set,
 * container when a Docker engine answers and a usable testcontainers is installed, else process.
 * Asking for containers without a usable testcontainers is an error that names the fix.
 *
 * @example
 * const { mode, why } = chooseMode();
 * console.log(`fakecontainers: ${mode} mode (${why})`);
 */
export function chooseMode(explicit?: FakesMode, env: NodeJS.ProcessEnv = process.env): ModeChoice {
  const requested = explicit ?? env.FAKECONTAINERS_MODE;
  if (requested !== undefined && requested !== '') {
    if (requested !== 'container' && requested !== 'process' && requested !== 'attach') {
      throw new FakecontainersError('INVALID_OPTION', `FAKECONTAINERS_MODE must be container, process or attach; got ${requested}`);
    }
    if (requested === 'container') {
      const install = testcontainersInstall();
      if (install.kind !== 'usable') throw new FakecontainersError('DOCKER_UNAVAILABLE', `container mode was asked for, but ${install.problem}`);
    }
    return { mode: requested, why: explicit ? 'as configured' : `FAKECONTAINERS_MODE=${requested}` };
  }
  if (env.FAKECONTAINERS_OLLAMA_URL || env.FAKECONTAINERS_MILVUS_ADDRESS) {
    return { mode: 'attach', why: 'FAKECONTAINERS_OLLAMA_URL / FAKECONTAINERS_MILVUS_ADDRESS name running fakes' };
  }
  const endpoint = dockerEndpoint(env);
  if (!dockerAnswers(endpoint)) return { mode: 'process', why: `no Docker engine answers at ${describeEndpoint(endpoint)}` };
  const install = testcontainersInstall();
  if (install.kind !== 'usable') return { mode: 'process', why: `a Docker engine answers, but ${install.problem}` };
  return { mode: 'container', why: `a Docker engine answers at ${describeEndpoint(endpoint)}` };
}

/** {@link chooseMode} without the reason. */
export function resolveMode(explicit?: FakesMode, env: NodeJS.ProcessEnv = process.env): FakesMode {
  return chooseMode(explicit, env).mode;
}

function describeEndpoint(endpoint: DockerEndpoint): string {
  return 'socketPath' in endpoint ? endpoint.socketPath : `tcp://${endpoint.host}:${endpoint.port}`;
}

function dockerAnswers(endpoint: DockerEndpoint): boolean {
  if ('socketPath' in endpoint && !existsSync(endpoint.socketPath)) return false;
  try {
    execFileSync(process.execPath, ['-e', PING], { env: { ...process.env, FC_DOCKER: JSON.stringify(endpoint) }, timeout: 5_000, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// A synchronous `GET /_ping` through a child process, so mode detection needs no docker CLI.
const PING = `
const http = require('node:http');
const req = http.request({ ...JSON.parse(process.env.FC_DOCKER), path: '/_ping', headers: { host: 'docker' }, timeout: 3000 }, (res) => {
  res.resume(); process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('error', () => process.exit(1)); req.on('timeout', () => process.exit(1)); req.end();
`;
