#!/usr/bin/env bash
# The GitLab recipe as written: examples/gitlab/.gitlab-ci.yml's job runs (run-gitlab-job.mjs) in a fresh
# project (fresh-project.sh) against the engine in DOCKER_HOST, which stands in for the job's docker:dind
# service (.ci/engines/remote.sh passes its TCP-only second dockerd). Its `npm test` must attach to the fakes
# `up` started, and after_script must leave none running.
#
#   DOCKER_HOST=tcp://127.0.0.1:<port> bash .ci/recipes/gitlab.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/.ci/lib/npm-retry.sh"
cd "$repo"
cache=$repo/.ci/cache/recipes
[ -n "${DOCKER_HOST:-}" ] || { echo "gitlab.sh: set DOCKER_HOST to the engine standing in for docker:dind" >&2; exit 1; }
if [ ! -d "$cache/node_modules/yaml" ]; then
  npm_retry install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error yaml@2 >/dev/null
fi
work=$(mktemp -d)
project=$work/app
trap 'rm -rf "$work"' EXIT
[ -f dist/cli.js ] || timeout 300 node scripts/build.mjs
tarball="$work/$(npm pack --ignore-scripts --silent --pack-destination "$work")"
bash .ci/recipes/fresh-project.sh "$project" "$tarball"
cp examples/gitlab/.gitlab-ci.yml "$project/"
cp .ci/recipes/run-gitlab-job.mjs "$cache/"
unset FAKECONTAINERS_OLLAMA_URL FAKECONTAINERS_MILVUS_ADDRESS FAKECONTAINERS_MODE FAKECONTAINERS_CONTROL_TOKEN FAKECONTAINERS_RUN_ID
FAKECONTAINERS_RECIPE_OVERRIDE=DOCKER_HOST node "$cache/run-gitlab-job.mjs" "$project/.gitlab-ci.yml" test "$project" 2>&1 | tee "$work/out.txt"
grep -q 'attach mode' "$work/out.txt" || { echo "npm test did not attach to the fakes the job started" >&2; exit 1; }
grep -q '2 passed' "$work/out.txt" || { echo "the README's two tests did not pass" >&2; exit 1; }
[ -z "$(docker ps -q --filter label=fakecontainers.source=cli --filter "name=-app-")" ] || { echo "the job left its fakes running" >&2; exit 1; }
echo "gitlab recipe: passed"
