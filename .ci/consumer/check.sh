#!/usr/bin/env bash
# Installs fakecontainers from its own npm tarball into a fresh project with the newest vitest and
# testcontainers (5 and 12, Node 22+) and runs a small suite in container mode on the threads pool.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/.ci/lib/npm-retry.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd "$repo" && npm pack --ignore-scripts --silent --pack-destination "$work")
cd "$work"
printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
npm_retry install --no-audit --no-fund --loglevel=error "./$tarball" vitest@5 testcontainers@12 ollama@0.6 @zilliz/milvus2-sdk-node@3 >/dev/null
cp "$repo/.ci/consumer/vitest.config.ts" "$repo/.ci/consumer/consumer.test.ts" .
echo "consumer: vitest $(npx vitest --version), testcontainers $(node -p "require('testcontainers/package.json').version")"
FAKECONTAINERS_MODE=container npx vitest run
