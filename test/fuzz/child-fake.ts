/**
 * A fake in a child process, started from its container entry point (the code the images run), so a
 * request that kills the process shows up as an exit instead of taking the test runner with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface ChildFake {
  child: ChildProcess;
  port: number;
  /** Everything it printed. */
  output(): string;
  /** Set once the process has exited. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  stop(): Promise<void>;
}

export async function startChildFake(kind: 'ollama' | 'milvus', env: Record<string, string> = {}): Promise<ChildFake> {
  const entry = path.join(root, `src/fakes/${kind}/main.ts`);
  const prefix = kind === 'ollama' ? 'FAKE_OLLAMA' : 'FAKE_MILVUS';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, [`${prefix}_PORT`]: '0', [`${prefix}_HOST`]: '127.0.0.1', ...(kind === 'milvus' ? { FAKE_MILVUS_HEALTH_PORT: 'off' } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const gone = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (Date.now() - started > 60_000) {
        clearInterval(poll);
        child.kill('SIGKILL');
        reject(new Error(`the fake ${kind} did not say where it listens within 60 s: ${output}`));
        return;
      }
      const match = /[Ll]istening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearInterval(poll);
        resolve(Number(match[1]));
      } else if (exited) {
        clearInterval(poll);
        reject(new Error(`the fake ${kind} exited before listening: ${output}`));
      }
    }, 20);
  });
  return {
    child,
    port,
    output: () => output,
    exit: () => exited,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(killer);
    },
  };
}
