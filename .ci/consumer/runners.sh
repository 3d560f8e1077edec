#!/usr/bin/env bash
# fakecontainers' jest and node:test integrations from the npm tarball in fresh projects, on the Node on
# PATH: jest 29 and jest 30 (installed from the registry), ESM and CommonJS test files, in band and on
# workers, process mode (one jest 30 run in container mode when Docker answers); then node:test, each
# file with its own fakes and (Node 24+) one run for all files through the global setup. A test that
# leaks a client must fail naming the line that created it; a test that times out must get its scope
# closed (its late body is refused a client); jest must exit on its own.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/.ci/lib/npm-retry.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node_major=$(node -p 'process.versions.node.split(".")[0]')
tarball="$work/$(cd "$repo" && npm pack --ignore-scripts --silent --pack-destination "$work")"
started=$(date +%s)
say() { printf '\nrunners (node %s, %ss): %s\n' "$node_major" "$(( $(date +%s) - started ))" "$*"; }
expect_output() { # <file> <pattern>
  grep -qE "$2" "$1" || { echo "expected /$2/ in:"; cat "$1"; exit 1; }
}
refuse_output() { # <file> <pattern>
  if grep -qE "$2" "$1"; then echo "did not expect /$2/ in:"; cat "$1"; exit 1; fi
}
new_project() { # <name> <fixture folder> <packages...>
  local name=$1 fixture=$2
  shift 2
  mkdir -p "$work/$name" && cd "$work/$name"
  cp -r "$repo/$fixture/." .
  npm_retry install --no-audit --no-fund --loglevel=error "$tarball" "$@" >/dev/null
}

jest_checks() { # <jest version>
  local version=$1
  say "jest $version: ESM and CommonJS files, in band, process mode"
  new_project "jest$version" test/jest/fixtures/project "jest@$version"
  export NODE_OPTIONS=--experimental-vm-modules
  FAKECONTAINERS_MODE=process FAKECONTAINERS_LEAKS=fail npx jest --runInBand 'esm\.test' 'cjs\.test' > out.txt 2>&1 || { cat out.txt; exit 1; }
  expect_output out.txt 'process mode'
  expect_output out.txt 'Tests: +5 passed, 5 total'
  refuse_output out.txt 'did not exit'

  say "jest $version: on workers, a leak fails its test with the creation line, timed-out tests get their scopes closed"
  local status=0
  FAKECONTAINERS_MODE=process FAKECONTAINERS_LEAKS=fail MARKER_FILE="$PWD/late" npx jest --maxWorkers=2 > out.txt 2>&1 || status=$?
  [ "$status" -eq 1 ] || { echo "expected jest to exit 1, got $status"; cat out.txt; exit 1; }
  expect_output out.txt 'Tests: +4 failed, 7 passed, 11 total'
  expect_output out.txt 'created at .*leak\.test\.cjs:6:'
  expect_output out.txt 'Exceeded timeout of 400 ms'
  refuse_output out.txt 'did not exit'
  [ "$(cat late)" = ScopeClosedError ] || { echo "a body that outlived its test got a client: $(cat late)"; exit 1; }
  unset NODE_OPTIONS
}

jest_checks 29.7.0
jest_checks 30.5.2

say "jest 30: the README's jest.config.js and test file, as written"
mkdir -p "$work/jest-readme" && cd "$work/jest-readme"
printf '{ "name": "jest-readme", "private": true, "type": "module" }\n' > package.json
ln -s "$work/jest30.5.2/node_modules" node_modules
for name in jest.config.js answers.test.cjs; do
  node "$repo/.ci/lib/readme-block.mjs" "$repo/README.md" runners "$name" > "$name"
done
FAKECONTAINERS_MODE=process npx jest > out.txt 2>&1 || { cat out.txt; exit 1; }
expect_output out.txt 'Tests: +2 passed, 2 total'
refuse_output out.txt 'did not exit'

if docker info >/dev/null 2>&1; then
  say "jest 30 in container mode (CommonJS file, in band)"
  cd "$work/jest30.5.2"
  npm_retry install --no-audit --no-fund --loglevel=error "testcontainers@$([ "$node_major" -ge 22 ] && echo 12 || echo 11)" >/dev/null
  FAKECONTAINERS_MODE=container FAKECONTAINERS_LEAKS=fail npx jest --runInBand 'cjs\.test' > out.txt 2>&1 || { cat out.txt; exit 1; }
  expect_output out.txt 'container mode'
  expect_output out.txt 'Tests: +2 passed, 2 total'
  refuse_output out.txt 'did not exit'
fi

say "node:test: each file starts its own fakes; ESM and CommonJS files"
new_project node-test test/node-test/fixtures/project
FAKECONTAINERS_LEAKS=fail node --test --test-reporter=spec esm.test.mjs cjs.test.cjs > out.txt 2>&1 || { cat out.txt; exit 1; }
expect_output out.txt 'ℹ pass 5$'

say "node:test: a leak fails its test with the creation line, timed-out tests get their scopes closed"
status=0
FAKECONTAINERS_LEAKS=fail MARKER_FILE="$PWD/late" node --test --test-reporter=spec leak.test.mjs timeout.test.mjs > out.txt 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "expected node --test to exit 1, got $status"; cat out.txt; exit 1; }
expect_output out.txt 'created at .*leak\.test\.mjs:10:'
expect_output out.txt 'ℹ pass 2$'
expect_output out.txt 'ℹ cancelled 3$'
[ "$(cat late)" = ScopeClosedError ] || { echo "a body that outlived its test got a client: $(cat late)"; exit 1; }

if [ "$node_major" -ge 24 ]; then
  say "node:test: the global setup starts one run for every file"
  FAKECONTAINERS_MODE=process FAKECONTAINERS_LEAKS=fail node --test --test-reporter=spec --test-global-setup=./fakes.setup.mjs esm.test.mjs cjs.test.cjs > out.txt 2>&1 || { cat out.txt; exit 1; }
  [ "$(grep -c 'process mode' out.txt)" -eq 1 ] || { echo "expected one run:"; cat out.txt; exit 1; }
  expect_output out.txt 'ℹ pass 5$'
fi
say "done"
