import { spawn } from 'node:child_process';
import { FakecontainersError } from '../common/errors.js';

/**
 * The few Docker operations image builds need. Two implementations: the `docker` CLI (the
 * `fakecontainers` command, which shows Docker's own progress) and the Docker API through
 * testcontainers (the container classes, which need no CLI).
 */
export interface DockerOps {
  /**
   * The engine's version; throws DOCKER_UNAVAILABLE naming the engine when none answers, so that an
   * unreachable engine is never mistaken for a missing image or an unreachable registry.
   */
  engine(): Promise<string>;
  /** Labels of a local image, or undefined when it does not exist. */
  imageLabels(ref: string): Promise<Record<string, string> | undefined>;
  /** Builds `contextDir` (its `Dockerfile`), tagging the result with every tag. */
  build(contextDir: string, tags: readonly string[], buildArgs: Readonly<Record<string, string>>, progress: (line: string) => void): Promise<void>;
  /** Pulls an image; false when the registry cannot be reached in time. */
  pull(ref: string, timeoutMs: number, progress: (line: string) => void): Promise<boolean>;
}

export const dockerCli: DockerOps = {
  async engine() {
    const result = await run(['version', '--format', '{{.Server.Version}}'], () => {});
    const version = result.stdout.trim();
    if (result.code !== 0 || version === '') {
      const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : 'the default socket';
      throw new FakecontainersError('DOCKER_UNAVAILABLE', `no Docker engine answers at ${where}: ${result.tail.slice(-3).join(' ').trim() || 'no answer'}`);
    }
    return version;
  },
  async imageLabels(ref) {
    const result = await run(['image', 'inspect', '--format', '{{json .Config.Labels}}', ref], () => {});
    if (result.code !== 0) return undefined;
    return (JSON.parse(result.stdout.trim() || 'null') as Record<string, string> | null) ?? {};
  },
  async build(contextDir, tags, buildArgs, progress) {
    const args = ['build', ...tags.flatMap((t) => ['-t', t]), ...Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]), contextDir];
    const result = await run(args, progress);
    if (result.code !== 0) {
      throw new FakecontainersError('IMAGE_BUILD_FAILED', `docker build of ${tags[0]} failed:\n${result.tail.join('\n')}`);
    }
  },
  async pull(ref, timeoutMs, progress) {
    const result = await run(['pull', ref], progress, timeoutMs);
    return result.code === 0;
  },
};

interface RunResult {
  code: number;
  stdout: string;
  tail: string[];
}

function run(args: string[], progress: (line: string) => void, timeoutMs?: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    let stdout = '';
    const tail: string[] = [];
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        progress(line);
        tail.push(line);
        if (tail.length > 30) tail.shift();
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      onLine(chunk);
    });
    child.stderr.on('data', onLine);
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT') {
        reject(new FakecontainersError('DOCKER_UNAVAILABLE', 'the docker command is not installed or not on PATH'));
      } else reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, tail });
    });
  });
}
