#!/usr/bin/env bash
# The pytest guide (examples/pytest) with Debian's Python packages: writes the Milvus .proto files from
# the SDK's descriptors, generates stubs with python3-grpc-tools, and runs the guide's tests twice: with
# the fakes started by the conftest (`fakecontainers serve`, process mode) and attached to the fakes of
# `fakecontainers run` (FAKECONTAINERS_* variables). No Docker needed. Bounded in time, idempotent.
#
#   bash .ci/python/check.sh                 installs the Debian packages if missing, then runs
#   bash .ci/python/check.sh --install-only  only installs them
#   bash .ci/python/check.sh --no-install    fails at once if they are missing
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
# Debian's packages install into Debian's interpreter, whatever `python3` is first on PATH.
python=${FAKECONTAINERS_PYTHON:-/usr/bin/python3}
packages="python3-pytest python3-grpcio python3-grpc-tools python3-requests"
mode=${1:-}

have_packages() {
  [ -x "$python" ] && "$python" -c 'import pytest, grpc, grpc_tools.protoc, requests' >/dev/null 2>&1
}

if ! have_packages; then
  if [ "$mode" = "--no-install" ]; then
    echo "check.sh: $python cannot import pytest, grpc, grpc_tools and requests (apt-get install -y $packages)" >&2
    exit 1
  fi
  echo "check.sh: installing Debian's $packages"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq
  # shellcheck disable=SC2086
  timeout 600 apt-get install -y -qq $packages >/dev/null
  have_packages || { echo "check.sh: $python still cannot import the packages" >&2; exit 1; }
fi
[ "$mode" = "--install-only" ] && exit 0

[ -f dist/cli.js ] || timeout 300 node scripts/build.mjs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PYTHONDONTWRITEBYTECODE=1 FAKECONTAINERS_MILVUS_STUBS="$work/stubs"
# A caller's attach variables would send the first run to other fakes.
unset FAKECONTAINERS_MODE FAKECONTAINERS_OLLAMA_URL FAKECONTAINERS_MILVUS_ADDRESS FAKECONTAINERS_CONTROL_TOKEN

echo "check.sh: $("$python" --version), pytest $("$python" -c 'import pytest; print(pytest.__version__)'), grpcio $("$python" -c 'import grpc; print(grpc.__version__)'), $("$python" -m grpc_tools.protoc --version)"
timeout 60 "$python" examples/pytest/gen_stubs.py "$FAKECONTAINERS_MILVUS_STUBS" >/dev/null

echo "check.sh: pytest, fakes started by the conftest (fakecontainers serve)"
(cd examples/pytest && timeout 180 "$python" -m pytest -q)

echo "check.sh: pytest under fakecontainers run (attach mode)"
(cd examples/pytest && timeout 180 node "$repo/dist/cli.js" run -- "$python" -m pytest -q)
