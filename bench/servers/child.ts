import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;

/** Starts a bench server script in its own process; resolves once it prints `port=N ready=MS`. */
export async function startChild(
  script: string,
  args: string[] = [],
): Promise<{ port: number; readyMs: number; loadedMs: number; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(here, script), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, FAKECONTAINERS_LOG_LEVEL: 'error' },
  });
  const [port, readyMs, loadedMs] = await new Promise<[number, number, number]>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /port=(\d+)(?: loaded=([\d.]+))? ready=([\d.]+)/.exec(buffered);
      if (match) resolve([Number(match[1]), Number(match[3]), Number(match[2] ?? 0)]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited early with ${code}`)));
  });
  return {
    port,
    readyMs,
    loadedMs,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin?.end();
        setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
      }),
  };
}

/** Reads RSS of a child through /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}
