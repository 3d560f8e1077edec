#!/usr/bin/env bash
# A second Docker engine reachable only over TCP, and fakecontainers used through DOCKER_HOST, in two
# topologies: on loopback (tcp://127.0.0.1:<port>), then as a machine of its own (a network namespace
# reached at 10.214.0.2 over a veth pair). Each time the container classes and a run start their
# containers there with endpoints naming the engine's host, a SIGKILLed run leaves nothing there after its
# reaper's grace period, and a run whose engine is named by `tc.host` in ~/.testcontainers.properties is
# removed there at SIGTERM (.ci/engines/remote-check.mjs). Images are built on it (local Node base, no
# registry); the GitLab recipe's job runs with the loopback engine as its dind service (.ci/recipes/gitlab.sh).
#
# The second dockerd has its own data root, its own bridge (fcremote0, 10.213.0.1/24) and no iptables
# rules, so it never touches the machine's own dockerd. It runs in a private mount namespace with its own
# /run: its unix socket exists only there, as /run/docker.sock, which is the path the reapers mount from
# "the engine's host" (as on a real remote machine); from here it is reachable over TCP only.
# Needs root (a bridge, namespaces). Idempotent: a daemon or namespace left by a killed earlier run is
# removed first; the trap stops this one on any exit. Images stay cached in the data root between runs.
#
#   bash .ci/engines/remote.sh                  both topologies, about 2.5 min (.ci/slow)
#   bash .ci/engines/remote.sh --loopback-only  the loopback engine and the GitLab recipe, about 1.5 min (.ci/run)
#   FAKECONTAINERS_REMOTE_PORT (23750), FAKECONTAINERS_REMOTE_ROOT (/tmp/fc-remote-docker)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
port=${FAKECONTAINERS_REMOTE_PORT:-23750}
root=${FAKECONTAINERS_REMOTE_ROOT:-/tmp/fc-remote-docker}
bridge=fcremote0
started=$(date +%s)
log() { printf '\n--- remote engine [%ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
engine=
remote() { docker -H "$engine" "$@"; }

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
  remove_netns
  ip link del "$bridge" 2>/dev/null || true
  log "stopped the second dockerd (exit $code)"
}

remove_netns() {
  ip netns del fcremote 2>/dev/null || true
  ip link del fcr-host 2>/dev/null || true
}

command -v dockerd >/dev/null || { echo "remote.sh: dockerd is not installed (apt-get install docker.io)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "remote.sh: needs root (a bridge and a mount namespace for the second dockerd)" >&2; exit 1; }
[ -f dist/cli.js ] || timeout 300 node scripts/build.mjs

stop_daemon
remove_netns
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$root/data" "$root/run"
if ! ip link show "$bridge" >/dev/null 2>&1; then
  ip link add "$bridge" type bridge
  ip addr add 10.213.0.1/24 dev "$bridge"
fi
ip link set "$bridge" up

# start_engine <listen address> [netns]: the second dockerd listening on tcp://<address>:<port>.
start_engine() {
  local address=$1 netns=${2:-} enter=()
  [ -z "$netns" ] || enter=(nsenter "--net=/run/netns/$netns" --)
  log "starting a second dockerd on tcp://$address:$port${netns:+ in network namespace $netns} (data root $root/data)"
  # `unshare` without --fork execs: the pid is dockerd's. Its exec root and pid file default under /run,
  # which is its own here. (Not `ip netns exec`: it remounts /sys and hides the cgroup mounts.)
  "${enter[@]}" unshare --mount --propagation private -- sh -c "mount --bind '$root/run' /run && exec dockerd \
    -H tcp://$address:$port -H unix:///run/docker.sock --data-root '$root/data' \
    --bridge $bridge --iptables=false --ip-masq=false" >"$root/dockerd.log" 2>&1 &
  echo $! >"$root/dockerd.pid"
  engine="tcp://$address:$port"
  for _ in $(seq 1 60); do remote info >/dev/null 2>&1 && break; sleep 0.5; done
  remote info >/dev/null 2>&1 || { echo "remote.sh: the second dockerd did not answer within 30 s" >&2; exit 1; }
  # The machine's own socket (if any) must still reach the machine's own engine.
  [ "$(env -u DOCKER_HOST docker info --format '{{.DockerRootDir}}' 2>/dev/null)" != "$root/data" ] \
    || { echo "remote.sh: the machine's socket reaches the second engine" >&2; exit 1; }
  local leftovers
  leftovers=$(remote ps -aq)
  [ -z "$leftovers" ] || { log "removing $(echo "$leftovers" | wc -w) leftover containers"; echo "$leftovers" | xargs -r docker -H "$engine" rm -f >/dev/null; }
}

start_engine 127.0.0.1
export DOCKER_HOST=$engine
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
stop_daemon
if [ "${1:-}" = "--loopback-only" ]; then log "passed (loopback engine only)"; exit 0; fi

# The same engine as a machine of its own: its own network namespace, reached over a veth pair at
# 10.214.0.2, an address that is not this machine's. Its ports are published on all of its interfaces,
# endpoints name 10.214.0.2, and testcontainers' reaper is off (only the run's own reaper guards).
remove_netns
ip netns add fcremote
ip link add fcr-host type veth peer name fcr-eng
ip link set fcr-eng netns fcremote
ip addr add 10.214.0.1/24 dev fcr-host
ip link set fcr-host up
nsenter --net=/run/netns/fcremote -- sh -c "ip addr add 10.214.0.2/24 dev fcr-eng && ip link set fcr-eng up && ip link set lo up \
  && ip link add $bridge type bridge && ip addr add 10.213.0.1/24 dev $bridge && ip link set $bridge up"
start_engine 10.214.0.2 fcremote
export DOCKER_HOST=$engine
log "the same checks with the engine on another machine: $engine"
timeout 240 node .ci/engines/remote-check.mjs
log "passed"
