#!/usr/bin/env bash
# A second Docker engine reachable only over TCP on loopback, and fakecontainers used through
# DOCKER_HOST=tcp://127.0.0.1:<port>: images are built there (local Node base, no registry), the container
# classes and a run start their containers there with endpoints naming the engine's host, and a SIGKILLed
# run leaves nothing there after its reaper's grace period (.ci/engines/remote-check.mjs); then the GitLab
# recipe's job runs with this engine as its dind service (.ci/recipes/gitlab.sh). About 1.5 min.
#
# The second dockerd has its own data root, its own bridge (fcremote0, 10.213.0.1/24) and no iptables rules,
# so it never touches the machine's own dockerd. It runs in a private mount namespace with its own /run:
# its unix socket exists only there, as /run/docker.sock, which is the path the reapers mount from "the
# engine's host" (as on a real remote machine); from here it is reachable over TCP only.
# Needs root (a bridge, a mount namespace). Idempotent: a daemon left by a killed earlier run is stopped
# first; the trap stops this one on any exit. Images stay cached in the data root between runs.
#
#   bash .ci/engines/remote.sh                   FAKECONTAINERS_REMOTE_PORT (23750), FAKECONTAINERS_REMOTE_ROOT
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
port=${FAKECONTAINERS_REMOTE_PORT:-23750}
root=${FAKECONTAINERS_REMOTE_ROOT:-/tmp/fc-remote-docker}
bridge=fcremote0
started=$(date +%s)
log() { printf '\n--- remote engine [%ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
remote() { docker -H "tcp://127.0.0.1:$port" "$@"; }

stop_daemon() {
  local pid
  pid=$(cat "$root/dockerd.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q dockerd "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$root/dockerd.pid"
}

cleanup() {
  local code=$?
  if [ "$code" -ne 0 ] && [ -f "$root/dockerd.log" ]; then
    echo "remote.sh failed ($code); the second dockerd's last log lines:" >&2
    tail -20 "$root/dockerd.log" >&2 || true
  fi
  stop_daemon
  log "stopped the second dockerd (exit $code)"
}

command -v dockerd >/dev/null || { echo "remote.sh: dockerd is not installed (apt-get install docker.io)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "remote.sh: needs root (a bridge and a mount namespace for the second dockerd)" >&2; exit 1; }
[ -f dist/cli.js ] || timeout 300 node scripts/build.mjs

stop_daemon
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$root/data" "$root/run"
if ! ip link show "$bridge" >/dev/null 2>&1; then
  ip link add "$bridge" type bridge
  ip addr add 10.213.0.1/24 dev "$bridge"
fi
ip link set "$bridge" up

log "starting a second dockerd on tcp://127.0.0.1:$port (data root $root/data)"
# `unshare` without --fork execs: the pid is dockerd's. Its exec root and pid file default under /run,
# which is its own here.
unshare --mount --propagation private -- sh -c "mount --bind '$root/run' /run && exec dockerd \
  -H tcp://127.0.0.1:$port -H unix:///run/docker.sock --data-root '$root/data' \
  --bridge $bridge --iptables=false --ip-masq=false" >"$root/dockerd.log" 2>&1 &
echo $! >"$root/dockerd.pid"
for _ in $(seq 1 60); do remote info >/dev/null 2>&1 && break; sleep 0.5; done
remote info >/dev/null 2>&1 || { echo "remote.sh: the second dockerd did not answer within 30 s" >&2; exit 1; }
# The machine's own socket (if any) must still reach the machine's own engine.
[ "$(env -u DOCKER_HOST docker info --format '{{.DockerRootDir}}' 2>/dev/null)" != "$root/data" ] \
  || { echo "remote.sh: the machine's socket reaches the second engine" >&2; exit 1; }

leftovers=$(remote ps -aq)
[ -z "$leftovers" ] || { log "removing $(echo "$leftovers" | wc -w) leftover containers"; echo "$leftovers" | xargs -r docker -H "tcp://127.0.0.1:$port" rm -f >/dev/null; }

export DOCKER_HOST="tcp://127.0.0.1:$port"
unset FAKECONTAINERS_OLLAMA_URL FAKECONTAINERS_MILVUS_ADDRESS FAKECONTAINERS_MODE FAKECONTAINERS_RUN_ID
log "building the images on it"
timeout 300 node dist/cli.js images build
for image in fake-ollama fake-milvus reaper; do
  remote image inspect "fakecontainers/$image:latest" >/dev/null
done

log "container classes, a run and a SIGKILL through DOCKER_HOST"
timeout 240 node .ci/engines/remote-check.mjs

log "the GitLab recipe (examples/gitlab/.gitlab-ci.yml) with this engine as its docker:dind service"
timeout 600 bash .ci/recipes/gitlab.sh
log "passed"
