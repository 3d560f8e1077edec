import { spawn } from 'node:child_process';
import { FakecontainersError } from '../common/errors.js';

/** Runs the docker CLI and collects its output (the CLI's container commands are thin wrappers over it). */
export function docker(args: readonly string[], options: { inherit?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new FakecontainersError('DOCKER_UNAVAILABLE', 'the docker command is not installed or not on PATH')
          : error,
      ),
    );
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export async function dockerOrThrow(args: readonly string[]): Promise<string> {
  const result = await docker(args);
  if (result.code !== 0) throw new FakecontainersError('DOCKER_UNAVAILABLE', `docker ${args[0]} failed: ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}
