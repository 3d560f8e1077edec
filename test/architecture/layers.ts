/**
 * The layers of `src/`, lowest first, and what each may import. This table is the rule the
 * architecture test enforces; the READMEs of `src/fakes/milvus` and `src/fakes/ollama` describe the
 * same layers in prose.
 *
 * Two levels:
 * - The package: common → fakes/control → the fakes → containers → lifecycle → vitest / jest / node-test / cli → the
 *   entry points. A file may import its own package layer or a lower one.
 * - Inside each fake, its own stack (transports → engine → storage/schema → errors for Milvus; routes →
 *   api → generation → catalog for Ollama). A file may import its own folder or a lower rank; two
 *   folders of the same rank (gRPC and REST, native routes and cassettes) do not import each other.
 */

export interface Layer {
  readonly name: string;
  /** Repository-relative folder; a file belongs to the layer with the longest matching folder. */
  readonly dir: string;
  readonly rank: number;
  /** Packages and built-ins the layer must not import: the pure layers have no I/O. */
  readonly forbidden?: readonly string[];
}

/** What a pure layer (it decides what a fake says or stores) must not touch. */
const IO = ['node:http', 'node:http2', 'node:net', 'node:fs', 'node:fs/promises', 'undici', '@grpc/grpc-js'];

export const PACKAGE_LAYERS: readonly Layer[] = [
  { name: 'common', dir: 'src/common', rank: 0 },
  { name: 'fakes/control', dir: 'src/fakes/control', rank: 1 },
  { name: 'fakes/milvus', dir: 'src/fakes/milvus', rank: 2 },
  { name: 'fakes/ollama', dir: 'src/fakes/ollama', rank: 2 },
  { name: 'containers', dir: 'src/containers', rank: 3 },
  { name: 'lifecycle', dir: 'src/lifecycle', rank: 4 },
  { name: 'vitest', dir: 'src/vitest', rank: 5 },
  { name: 'jest', dir: 'src/jest', rank: 5 },
  { name: 'node-test', dir: 'src/node-test', rank: 5 },
  { name: 'cli', dir: 'src/cli', rank: 5 },
  { name: 'entry points', dir: 'src', rank: 6 },
];

export const FAKE_LAYERS: readonly Layer[] = [
  { name: 'milvus/errors', dir: 'src/fakes/milvus/errors', rank: 0, forbidden: IO },
  { name: 'milvus/geometry', dir: 'src/fakes/milvus/geometry', rank: 0, forbidden: IO },
  { name: 'milvus/text', dir: 'src/fakes/milvus/text', rank: 0, forbidden: IO },
  { name: 'milvus/schema', dir: 'src/fakes/milvus/schema', rank: 1, forbidden: IO },
  { name: 'milvus/expr', dir: 'src/fakes/milvus/expr', rank: 2, forbidden: IO },
  { name: 'milvus/storage', dir: 'src/fakes/milvus/storage', rank: 2, forbidden: IO },
  { name: 'milvus/engine', dir: 'src/fakes/milvus/engine', rank: 3, forbidden: IO },
  { name: 'milvus/grpc', dir: 'src/fakes/milvus/grpc', rank: 4 },
  { name: 'milvus/rest', dir: 'src/fakes/milvus/rest', rank: 4 },
  { name: 'milvus (server, entry)', dir: 'src/fakes/milvus', rank: 5 },

  { name: 'ollama/catalog', dir: 'src/fakes/ollama/catalog', rank: 0, forbidden: IO },
  { name: 'ollama/generation', dir: 'src/fakes/ollama/generation', rank: 1, forbidden: IO },
  { name: 'ollama/api', dir: 'src/fakes/ollama/api', rank: 2, forbidden: IO },
  { name: 'ollama/native', dir: 'src/fakes/ollama/native', rank: 3, forbidden: IO },
  { name: 'ollama/cassette', dir: 'src/fakes/ollama/cassette', rank: 3 },
  { name: 'ollama/openai', dir: 'src/fakes/ollama/openai', rank: 4, forbidden: IO },
  { name: 'ollama/anthropic', dir: 'src/fakes/ollama/anthropic', rank: 4, forbidden: IO },
  { name: 'ollama (pipeline, transports, entry)', dir: 'src/fakes/ollama', rank: 5 },
];

export function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  let best: Layer | undefined;
  for (const layer of layers) {
    if (file.startsWith(`${layer.dir}/`) && (!best || layer.dir.length > best.dir.length)) best = layer;
  }
  return best;
}

/** Why `from` may not import `to`, or undefined when it may. */
export function violation(from: string, to: string): string | undefined {
  const a = layerOf(from, PACKAGE_LAYERS);
  const b = layerOf(to, PACKAGE_LAYERS);
  if (!a || !b) return undefined;
  if (a !== b) {
    return b.rank < a.rank ? undefined : `${a.name} (rank ${a.rank}) may not import ${b.name} (rank ${b.rank})`;
  }
  const inner = layerOf(from, FAKE_LAYERS);
  const target = layerOf(to, FAKE_LAYERS);
  if (!inner || !target || inner === target || target.rank < inner.rank) return undefined;
  return `${inner.name} (rank ${inner.rank}) may not import ${target.name} (rank ${target.rank})`;
}
