import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Label on every container the benchmarks start themselves, so that cleanup finds exactly those. */
export const BENCH_LABEL = 'fakecontainers.bench=1';
/** The repository namespace of images the benchmarks build (never the shared `fakecontainers/...` tags). */
export const BENCH_NAMESPACE = 'fakecontainers-bench';
export const BARE_IMAGE = `${BENCH_NAMESPACE}/bare-node:latest`;

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the docker CLI (classic builder, as fakecontainers' own CLI builds). */
export function docker(args: string[], timeoutMs = 120_000): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

export async function dockerOk(args: string[], timeoutMs?: number): Promise<string> {
  const result = await docker(args, timeoutMs);
  if (result.code !== 0) throw new Error(`docker ${args.join(' ')} failed (${result.code}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}

export async function imageSize(ref: string): Promise<number> {
  return Number(await dockerOk(['image', 'inspect', '--format', '{{.Size}}', ref]));
}

/** Removes images by reference; missing ones are fine. */
export async function removeImages(refs: readonly string[]): Promise<void> {
  if (refs.length > 0) await docker(['rmi', '-f', ...refs]);
}

/** Removes every container the benchmarks labelled. */
export async function removeBenchContainers(): Promise<void> {
  const ids = (await dockerOk(['ps', '-aq', '--filter', `label=${BENCH_LABEL}`])).split('\n').filter(Boolean);
  if (ids.length > 0) await docker(['rm', '-f', ...ids]);
}

/**
 * A build context for the reference container: the same base and the same kind of HEALTHCHECK as the
 * fakes (their own healthcheck script), running a trivial node:http server, as the same non-root user.
 */
export function bareContext(base: string, healthcheckScript: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fakecontainers-bench-bare-'));
  writeFileSync(
    path.join(dir, 'server.mjs'),
    "import { createServer } from 'node:http';\n" +
      "createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{\"status\":\"ok\"}')).listen(8080, '0.0.0.0');\n",
  );
  copyFileSync(healthcheckScript, path.join(dir, 'healthcheck.mjs'));
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    [
      `FROM ${base}`,
      'COPY server.mjs /app/server.mjs',
      'COPY healthcheck.mjs /app/healthcheck.mjs',
      'USER 65532:65532',
      'HEALTHCHECK --interval=2s --timeout=2s --start-period=10s --retries=15 \\',
      '  CMD ["node", "/app/healthcheck.mjs", "http://127.0.0.1:8080/_fake/health"]',
      'ENTRYPOINT ["node", "/app/server.mjs"]',
      '',
    ].join('\n'),
  );
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `docker run -d` then polls `docker inspect` until healthy; returns the container id and the elapsed ms. */
export async function runUntilHealthy(image: string, timeoutMs = 60_000): Promise<{ id: string; ms: number }> {
  const started = performance.now();
  const id = await dockerOk(['run', '-d', '--label', BENCH_LABEL, image]);
  for (;;) {
    const status = await dockerOk(['inspect', '--format', '{{if .State.Health}}{{.State.Health.Status}}{{end}}', id]);
    if (status === 'healthy') return { id, ms: performance.now() - started };
    if (status === 'unhealthy' || performance.now() - started > timeoutMs) {
      const logs = await docker(['logs', '--tail', '20', id]);
      await docker(['rm', '-f', id]);
      throw new Error(`${image} did not become healthy (${status}): ${logs.stdout}${logs.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `docker stop` (with `-t` seconds when given) then `docker rm`; returns the ms the stop took. */
export async function timedStop(id: string, graceSeconds?: number): Promise<number> {
  const started = performance.now();
  await dockerOk(['stop', ...(graceSeconds === undefined ? [] : ['-t', String(graceSeconds)]), id], 60_000);
  const ms = performance.now() - started;
  await docker(['rm', '-f', id]);
  return ms;
}
