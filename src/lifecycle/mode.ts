import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FakecontainersError } from '../common/errors.js';
import { dockerEndpoint } from './docker-endpoint.js';

/** How a run gets its fakes: containers (testcontainers), this process, or fakes already running. */
export type FakesMode = 'container' | 'process' | 'attach';

/**
 * FAKECONTAINERS_MODE wins; otherwise attach when FAKECONTAINERS_OLLAMA_URL / _MILVUS_ADDRESS are set,
 * container when a Docker engine answers, else process.
 */
export function resolveMode(explicit?: FakesMode, env: NodeJS.ProcessEnv = process.env): FakesMode {
  const requested = explicit ?? env.FAKECONTAINERS_MODE;
  if (requested !== undefined && requested !== '') {
    if (requested === 'container' || requested === 'process' || requested === 'attach') return requested;
    throw new FakecontainersError('INVALID_OPTION', `FAKECONTAINERS_MODE must be container, process or attach; got ${requested}`);
  }
  if (env.FAKECONTAINERS_OLLAMA_URL || env.FAKECONTAINERS_MILVUS_ADDRESS) return 'attach';
  return dockerAnswers() ? 'container' : 'process';
}

function dockerAnswers(): boolean {
  const endpoint = dockerEndpoint();
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
