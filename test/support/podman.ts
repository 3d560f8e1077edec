import { execFileSync } from 'node:child_process';

/** What `GET /version` on DOCKER_HOST's unix socket names, in a child (the check must be synchronous). */
const ASK_VERSION = `
const http = require('node:http');
const req = http.get({ socketPath: process.argv[1], path: '/version', timeout: 5000 }, (res) => {
  let body = '';
  res.on('data', (c) => (body += c));
  res.on('end', () => process.stdout.write(body));
});
req.on('timeout', () => req.destroy());
req.on('error', () => process.exit(1));
`;

/**
 * Whether DOCKER_HOST is Podman's Docker-compatible socket (`.ci/engines/podman.sh` sets it). Podman
 * tests are skipped elsewhere, and fail where FAKECONTAINERS_REQUIRE_PODMAN=1 (CI) says they must run.
 */
export function podmanAnswers(env: NodeJS.ProcessEnv = process.env): boolean {
  const host = env.DOCKER_HOST ?? '';
  let engine = '';
  if (host.startsWith('unix://')) {
    try {
      const body = execFileSync(process.execPath, ['-e', ASK_VERSION, host.slice('unix://'.length)], { encoding: 'utf8', timeout: 10_000 });
      const version = JSON.parse(body) as { Components?: { Name?: string }[] };
      engine = version.Components?.map((c) => c.Name ?? '').find((name) => /podman/i.test(name)) ?? '';
    } catch {
      engine = '';
    }
  }
  if (engine === '' && env.FAKECONTAINERS_REQUIRE_PODMAN === '1') {
    throw new Error(`FAKECONTAINERS_REQUIRE_PODMAN=1 but DOCKER_HOST (${host || 'unset'}) is not a Podman socket that answers; run bash .ci/engines/podman.sh`);
  }
  return engine !== '';
}
