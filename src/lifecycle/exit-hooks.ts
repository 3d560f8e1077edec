import { spawnSync } from 'node:child_process';
import { RUN_ID_LABEL } from '../containers/labels.js';
import { dockerEndpoint } from './docker-endpoint.js';

/**
 * The synchronous last resort: vitest exits on SIGINT/SIGTERM (and on uncaught errors) without running
 * any teardown, but `process.on('exit')` handlers still run. Only synchronous work is possible there, so
 * a child Node process removes every container labelled with the run id while we wait for it (bounded).
 * No docker CLI is needed: the child talks to the Docker API directly.
 */
const REMOVE_SCRIPT = `
const http = require('node:http');
const [label, target] = process.argv.slice(1);
const endpoint = JSON.parse(target);
const call = (method, path) => new Promise((resolve) => {
  const req = http.request({ ...endpoint, method, path, headers: { host: 'docker' }, timeout: 8000 }, (res) => {
    let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => resolve({ status: res.statusCode, body }));
  });
  req.on('error', () => resolve({ status: 0, body: '' })); req.on('timeout', () => req.destroy()); req.end();
});
(async () => {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
  const listed = await call('GET', '/containers/json?all=1&filters=' + filters);
  let containers = [];
  try { containers = JSON.parse(listed.body); } catch {}
  await Promise.all(containers.map((c) => call('DELETE', '/containers/' + c.Id + '?force=1&v=1')));
  process.stdout.write(String(containers.length));
})();
`;

/** Removes every container of the run, synchronously. Returns how many were removed. */
export function removeRunContainersSync(runId: string, timeoutMs = 10_000): number {
  const result = spawnSync(process.execPath, ['-e', REMOVE_SCRIPT, `${RUN_ID_LABEL}=${runId}`, JSON.stringify(dockerEndpoint())], {
    timeout: timeoutMs,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(result.stdout) || 0;
}

let installed: { runId: string; active: boolean } | undefined;

/**
 * Installs the exit hook for a run (once per process). `disarm()` after a clean teardown skips the
 * Docker round trip at exit.
 *
 * vitest answers SIGINT/SIGTERM by exiting in a way that can skip `exit` handlers, but runs other
 * listeners of those signals first, so the removal also runs from signal listeners. When nobody else
 * listens for the signal, the listener re-raises it so the process still ends as it would have.
 */
export function installExitHook(runId: string): { disarm(): void } {
  if (!installed) {
    const state = { runId, active: true };
    installed = state;
    const cleanup = (why: string) => {
      if (!state.active) return;
      state.active = false;
      const removed = removeRunContainersSync(state.runId);
      if (removed > 0) process.stderr.write(`fakecontainers: removed ${removed} container(s) of run ${state.runId} (${why})\n`);
    };
    process.on('exit', () => cleanup('exit'));
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const onSignal = () => {
        cleanup(signal);
        if (process.listenerCount(signal) === 1) {
          process.off(signal, onSignal);
          process.kill(process.pid, signal);
        }
      };
      process.on(signal, onSignal);
    }
  } else {
    installed.runId = runId;
    installed.active = true;
  }
  const current = installed;
  return {
    disarm() {
      current.active = false;
    },
  };
}
