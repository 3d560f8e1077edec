#!/usr/bin/env bash
# A user's checked-out project, for the CI recipes: in <dir>, package.json (`"test": "vitest run"`) and a
# package-lock.json made by the README's install line for this Node (with the packed tarball in place of
# `fakecontainers`), and the README's vitest.config.ts and rag.test.ts. Nothing installed: the recipes'
# own `npm ci` does that.
#
#   bash .ci/recipes/fresh-project.sh <dir> <tarball>
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
project=$1
tarball=$2
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -ge 22 ]; then pick=1; else pick=2; fi
install_line=$(grep -E '^npm i -D fakecontainers ' "$repo/README.md" | sed -n "${pick}p" | sed 's/ *#.*//')
[ -n "$install_line" ] || { echo "fresh-project.sh: no install line in README.md" >&2; exit 1; }
mkdir -p "$project"
for name in vitest.config.ts rag.test.ts; do
  node "$repo/.ci/lib/readme-block.mjs" "$repo/README.md" walkthrough "$name" > "$project/$name"
done
cd "$project"
printf '{ "name": "app", "private": true, "type": "module", "scripts": { "test": "vitest run" } }\n' > package.json
# The registry sometimes stalls a resolution for minutes: bounded attempts, each with its own deadline.
for attempt in 1 2 3; do
  if timeout 180 bash -c "${install_line/fakecontainers /"$tarball" } --package-lock-only --no-audit --no-fund --loglevel=error --fetch-timeout=60000 --fetch-retries=3"; then
    break
  fi
  [ "$attempt" -lt 3 ] || { echo "fresh-project.sh: npm could not resolve the project's lock file in 3 attempts" >&2; exit 1; }
  echo "fresh-project.sh: npm lock resolution failed or stalled (attempt $attempt), retrying" >&2
  rm -f package-lock.json
done
