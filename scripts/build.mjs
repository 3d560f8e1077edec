// Build: TypeScript to dist/, then the single-file bundles the Docker images run (no node_modules
// tree inside an image). Bundles are built from the same entry points `npm start` uses.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
} catch {
  console.error('build: TypeScript reported errors (above)');
  process.exit(1);
}
if (existsSync(path.join(root, 'dist/cli.js'))) chmodSync(path.join(root, 'dist/cli.js'), 0o755);

const bundles = [
  ['src/fakes/ollama/main.ts', 'dist/bundles/fake-ollama.mjs'],
  ['src/fakes/milvus/main.ts', 'dist/bundles/fake-milvus.mjs'],
  ['src/containers/healthcheck.ts', 'dist/bundles/healthcheck.mjs'],
  ['src/lifecycle/reaper-main.ts', 'dist/bundles/reaper.mjs'],
].filter(([entry]) => existsSync(path.join(root, entry)));

if (bundles.length > 0) {
  const esbuild = await import('esbuild');
  await Promise.all(
    bundles.map(([entry, outfile]) =>
      esbuild.build({
        entryPoints: [path.join(root, entry)],
        outfile: path.join(root, outfile),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        minify: false,
        legalComments: 'none',
        logLevel: 'warning',
        // ESM bundles of CommonJS dependencies need a `require` for Node built-ins.
        banner: { js: "import { createRequire as __fcCreateRequire } from 'node:module'; const require = __fcCreateRequire(import.meta.url);" },
      }),
    ),
  );
}

// fakecontainers/jest for CommonJS test files: jest's sandbox `require`s it and cannot load ESM. It only
// reads what the test environment put in the global object, so one self-contained file is all it takes.
if (existsSync(path.join(root, 'src/jest/index.ts'))) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'src/jest/index.ts')],
    outfile: path.join(root, 'dist/jest/index.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}

// The `ollama` command inside the fake Ollama image: an extensionless executable, so CommonJS with a
// shebang (Node treats extensionless files as CommonJS).
if (existsSync(path.join(root, 'src/containers/ollama-shim.ts'))) {
  const esbuild = await import('esbuild');
  const outfile = path.join(root, 'dist/bundles/ollama-shim.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'src/containers/ollama-shim.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: '#!/usr/local/bin/node' },
  });
  chmodSync(outfile, 0o755);
}
