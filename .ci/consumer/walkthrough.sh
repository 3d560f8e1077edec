#!/usr/bin/env bash
# The README followed literally by a new user, on the Node on PATH: the Install line for this Node, the
# vitest section's two files, then `npx vitest run`, in fresh projects with the packed tarball. Also:
# without testcontainers (the default mode falls back to in-process fakes and says why); on Node 20,
# testcontainers 12 (refused with the fix in container mode, a fallback otherwise); and a CommonJS
# TypeScript project that resolves every entry point's types.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/.ci/lib/npm-retry.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node_major=$(node -p 'process.versions.node.split(".")[0]')
tarball="$work/$(cd "$repo" && npm pack --ignore-scripts --silent --pack-destination "$work")"
say() { printf '\nwalkthrough (node %s): %s\n' "$node_major" "$*"; }
npm_i() { npm_retry install --no-audit --no-fund --loglevel=error "$@" >/dev/null; }

# The README's install line for this Node (the first for 22.22+, the second for 20), as written.
if [ "$node_major" -ge 22 ]; then pick=1; else pick=2; fi
install_line=$(grep -E '^npm i -D fakecontainers ' "$repo/README.md" | sed -n "${pick}p" | sed 's/ *#.*//')
[ -n "$install_line" ] || { echo "no install line in README.md"; exit 1; }

# A file from the README: the code block after `<!-- walkthrough: <name> -->`.
readme_file() {
  node "$repo/.ci/lib/readme-block.mjs" "$repo/README.md" walkthrough "$1" > "$1"
}

new_project() {
  mkdir -p "$work/$1" && cd "$work/$1"
  printf '{ "name": "%s", "private": true, "type": "module" }\n' "$1" > package.json
}

expect_output() { # <file> <pattern>: the run printed it
  grep -qE "$2" "$1" || { echo "expected /$2/ in:"; cat "$1"; exit 1; }
}

say "$install_line (fakecontainers from the tarball)"
new_project readme
eval "${install_line/fakecontainers /"$tarball" }"
readme_file vitest.config.ts
readme_file rag.test.ts
echo "  vitest $(npx vitest --version), testcontainers $(node -p "require('testcontainers/package.json').version")"
FAKECONTAINERS_MODE=container npx vitest run > out.txt 2>&1 || { cat out.txt; exit 1; }
expect_output out.txt 'container mode'
expect_output out.txt '2 passed'

say "without testcontainers: the default mode falls back to the fakes in this process"
npm uninstall --no-audit --no-fund --loglevel=error testcontainers >/dev/null
npx vitest run > out.txt 2>&1 || { cat out.txt; exit 1; }
expect_output out.txt 'process mode \(a Docker engine answers, but testcontainers is not installed'
expect_output out.txt '2 passed'

if [ "$node_major" -lt 22 ]; then
  say "testcontainers 12 on Node $node_major: refused with the fix, never the undici crash"
  npm_i -D testcontainers@12
  FAKECONTAINERS_MODE=container npx vitest run > out.txt 2>&1 && { cat out.txt; echo "container mode should have failed"; exit 1; }
  expect_output out.txt 'npm i -D testcontainers@\^11\.14'
  npx vitest run > out.txt 2>&1 || { cat out.txt; exit 1; }
  expect_output out.txt 'process mode \(a Docker engine answers, but testcontainers 12\.[0-9.]+ needs Node'
  expect_output out.txt '2 passed'
fi

say "a CommonJS TypeScript project resolves the types of every entry point"
new_project cjs
npm_i -D "$tarball" typescript@5
printf '{ "compilerOptions": { "module": "commonjs", "target": "es2022", "strict": true, "noEmit": true, "skipLibCheck": true, "types": [] }, "files": ["index.ts"] }\n' > tsconfig.json
cat > index.ts <<'TS'
import type { StartedFakeOllama } from 'fakecontainers';
import type { FakeOllamaContainer } from 'fakecontainers/containers';
import type { Scope } from 'fakecontainers/lifecycle';
import type { TestFixtures } from 'fakecontainers/vitest';
import type { GlobalSetupOptions } from 'fakecontainers/vitest/global-setup';
export type All = [StartedFakeOllama, FakeOllamaContainer, Scope, TestFixtures, GlobalSetupOptions];
TS
npx tsc -p tsconfig.json
say "done"
