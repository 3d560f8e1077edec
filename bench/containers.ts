import { localBaseRef } from '../dist/containers/base-image.js';
import { dockerCli, type DockerOps } from '../dist/containers/docker-ops.js';
import { buildImagesWith } from '../dist/containers/image-build.js';
import { type FakeImageKind, IMAGE_REPOSITORIES, packagePath } from '../dist/containers/image-catalog.js';
import { PACKAGE_VERSION } from '../dist/containers/package-info.js';
import {
  BARE_IMAGE,
  BENCH_NAMESPACE,
  bareContext,
  docker,
  dockerOk,
  imageSize,
  removeBenchContainers,
  removeImages,
  runUntilHealthy,
  timedStop,
} from './docker.js';
import { type Figure, median } from './figure.js';

const KINDS: readonly FakeImageKind[] = ['ollama', 'milvus', 'reaper'];
const BUILD_ROUNDS = 3;
const START_ROUNDS = 5;

/** `fakecontainers/fake-ollama:0.1.0` -> `fakecontainers-bench/fake-ollama:0.1.0`; other refs (the base) unchanged. */
function benchRef(ref: string): string {
  for (const repository of Object.values(IMAGE_REPOSITORIES)) {
    if (ref.startsWith(`${repository}:`)) return `${BENCH_NAMESPACE}/${repository.split('/')[1]}${ref.slice(repository.length)}`;
  }
  return ref;
}

const benchImage = (kind: FakeImageKind, tag = PACKAGE_VERSION) => benchRef(`${IMAGE_REPOSITORIES[kind]}:${tag}`);
const allBenchImages = () => [...KINDS.flatMap((kind) => [benchImage(kind), benchImage(kind, 'latest')]), BARE_IMAGE];

/**
 * fakecontainers' own build (`buildImagesWith`, as `fakecontainers images build --base local` runs it)
 * under the bench namespace, so the shared `fakecontainers/...` images that other work may be running
 * are never removed; `--no-cache` so that a cold build cannot reuse layers of identical images built
 * under the shared tags.
 */
const benchOps: DockerOps = {
  engine: () => dockerCli.engine(),
  imageLabels: (ref) => dockerCli.imageLabels(benchRef(ref)),
  async build(contextDir, tags, buildArgs) {
    const args = Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
    await dockerOk(['build', '--no-cache', ...tags.flatMap((t) => ['-t', benchRef(t)]), ...args, contextDir], 300_000);
  },
  pull: (ref, timeoutMs, progress) => dockerCli.pull(ref, timeoutMs, progress),
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** Figures for the container images (sizes, builds, start and stop). */
export async function containerFigures(): Promise<Figure[]> {
  const group = 'containers';
  const figures: Figure[] = [];
  const base = localBaseRef();
  if ((await docker(['image', 'inspect', base])).code !== 0) {
    throw new Error(`the local base ${base} is missing: run "node dist/cli.js images build --base local" once first`);
  }
  const bare = bareContext(base, packagePath('dist/bundles/healthcheck.mjs'));
  try {
    // 7. Cold builds (images removed, base kept) and warm builds (inputs unchanged), beside a trivial build.
    const cold: Record<FakeImageKind, number[]> = { ollama: [], milvus: [], reaper: [] };
    const coldBare: number[] = [];
    for (let round = 0; round < BUILD_ROUNDS; round++) {
      process.stderr.write(`  containers: cold builds, round ${round + 1}/${BUILD_ROUNDS}\n`);
      await removeImages(allBenchImages());
      const built = await buildImagesWith(benchOps, { base: 'local' });
      for (const image of built) {
        if (!image.built) throw new Error(`${image.ref} was not rebuilt after its removal`);
        cold[image.kind].push(image.durationMs);
      }
      coldBare.push((await timed(() => dockerOk(['build', '--no-cache', '-t', BARE_IMAGE, bare.dir], 300_000)))[1]);
    }
    const warm: number[] = [];
    const warmBare: number[] = [];
    process.stderr.write('  containers: warm builds\n');
    for (let round = 0; round < BUILD_ROUNDS; round++) {
      const [built, ms] = await timed(() => buildImagesWith(benchOps, { base: 'local' }));
      if (built.some((image) => image.built)) throw new Error('a warm build rebuilt an image whose inputs did not change');
      warm.push(ms);
      warmBare.push((await timed(() => dockerOk(['build', '-t', BARE_IMAGE, bare.dir])))[1]);
    }
    const trivial = { name: 'docker build --no-cache of a trivial Dockerfile, same base', value: median(coldBare) };
    for (const kind of KINDS) {
      figures.push({ group, name: `cold build ${IMAGE_REPOSITORIES[kind]}`, value: median(cold[kind]), unit: 'ms', reference: trivial, better: 'lower' });
    }
    figures.push({ group, name: 'warm build of the three images (inputs unchanged: skipped)', value: median(warm), unit: 'ms', reference: { name: 'cached docker build of the trivial Dockerfile', value: median(warmBare) }, better: 'lower' });

    // 6. Image sizes vs the base.
    const baseSize = await imageSize(base);
    for (const kind of KINDS) {
      const size = await imageSize(benchImage(kind));
      const added = `+${((size - baseSize) / 1e6).toFixed(2)} MB over the base`;
      figures.push({ group, name: `image size ${IMAGE_REPOSITORIES[kind]} (${added})`, value: size / 1e6, unit: 'MB', reference: { name: `base ${base}`, value: baseSize / 1e6 }, better: 'lower' });
    }

    // 8-9. docker run -d -> healthy, and docker stop, for each fake image vs the bare container (rounds interleaved).
    const images: Array<[string, string]> = [
      ['fake-ollama', benchImage('ollama')],
      ['fake-milvus', benchImage('milvus')],
      ['bare', BARE_IMAGE],
    ];
    const healthy: Record<string, number[]> = {};
    const stopped: Record<string, number[]> = {};
    for (let round = 0; round < START_ROUNDS; round++) {
      process.stderr.write(`  containers: start -> healthy -> stop, round ${round + 1}/${START_ROUNDS}\n`);
      for (const [name, image] of images) {
        const { id, ms } = await runUntilHealthy(image);
        (healthy[name] ??= []).push(ms);
        // Node as PID 1 without a SIGTERM handler ignores SIGTERM: the bare container only ends at the kill.
        (stopped[name] ??= []).push(await timedStop(id, name === 'bare' ? 2 : undefined));
      }
    }
    const bareHealthy = { name: 'bare node:http container, same base and HEALTHCHECK', value: median(healthy.bare ?? []) };
    const bareStop = { name: 'bare container, docker stop -t 2 (ends at the kill)', value: median(stopped.bare ?? []) };
    for (const name of ['fake-ollama', 'fake-milvus']) {
      figures.push({ group, name: `${name}: docker run -d -> healthy`, value: median(healthy[name] ?? []), unit: 'ms', reference: bareHealthy, target: '<= 1.3x', better: 'lower' });
      figures.push({ group, name: `${name}: docker stop (default timeout)`, value: median(stopped[name] ?? []), unit: 'ms', reference: bareStop, better: 'lower' });
    }
  } finally {
    process.stderr.write('  containers: removing the benchmark containers and images\n');
    await removeBenchContainers();
    await removeImages(allBenchImages());
    bare.dispose();
  }
  return figures;
}
