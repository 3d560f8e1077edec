import { type ChildProcess, spawn } from 'node:child_process';

/**
 * CPU-bound processes that keep the machine saturated while a test runs (the "busy CI machine" the
 * suite must survive). Bounded: each burner exits on its own after `maxMs`, and `stop()` kills them.
 */
export function saturate(processes = 4, maxMs = 180_000): { stop(): void } {
  const burners: ChildProcess[] = Array.from({ length: processes }, () =>
    spawn(process.execPath, ['-e', `const end = Date.now() + ${maxMs}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`], { stdio: 'ignore' }),
  );
  return {
    stop() {
      for (const burner of burners) burner.kill('SIGKILL');
    },
  };
}
