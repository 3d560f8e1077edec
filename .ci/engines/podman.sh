#!/usr/bin/env bash
# Podman, the Kubernetes manifests and compose.yaml (issue 14), with Debian's podman, catatonit and
# podman-compose and no registry:
#   1. the images build through Podman's Docker-compatible socket (`fakecontainers images build`);
#   2. test/engines (the container classes under Podman), the RAG example's suite in container mode and
#      test/vitest/interrupted-runs (SIGINT, SIGTERM, SIGKILL of a containerised run);
#   3. a SIGKILLed process's container is removed by testcontainers' reaper (ours) under Podman;
#   4. `podman kube play deploy/k8s/*.yaml`, checks what the pods run with, attaches the RAG suite;
#   5. `podman-compose up -d` of compose.yaml, waits on the images' HEALTHCHECK, attaches the RAG suite.
# Uses a Podman service of its own (socket and config under $state), stopped at exit; never touches
# dockerd. Bounded in time, idempotent (removes its own leftovers first). About 1-2 min once installed.
#
#   bash .ci/engines/podman.sh               installs the Debian packages if missing, then runs
#   bash .ci/engines/podman.sh --no-install  fails at once if they are missing
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
started=$(date +%s)
log() { printf '\n--- podman.sh [%ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
mode=${1:-}
packages="podman catatonit podman-compose"
state=${FAKECONTAINERS_PODMAN_STATE:-/tmp/fakecontainers-podman}
sock=$state/podman.sock
project=fakecontainers-ci

if ! command -v podman >/dev/null || ! command -v catatonit >/dev/null || ! command -v podman-compose >/dev/null; then
  if [ "$mode" = "--no-install" ]; then echo "podman.sh: needs $packages (apt-get install -y $packages)" >&2; exit 1; fi
  log "installing Debian's $packages"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq
  # shellcheck disable=SC2086
  timeout 600 apt-get install -y -qq $packages >/dev/null
fi
# catatonit: `podman kube play` builds its pause image from it when no registry is reachable.
mkdir -p "$state"

# Podman (as root) raises RLIMIT_NOFILE and RLIMIT_NPROC in every container; inside a container
# without CAP_SYS_RESOURCE (this CI) runc then fails with "error setting rlimit type 7: operation not
# permitted". A config of our own keeps them within this shell's limits.
nofile=$(ulimit -Hn)
[ "$nofile" = unlimited ] && nofile=1048576
cat >"$state/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]
CONF
export CONTAINERS_CONF=$state/containers.conf
export DOCKER_HOST=unix://$sock
# Inside a container testcontainers names Podman's bridge gateway, which exists only while a container
# is attached to it: the library would then take the engine for a remote one and publish on every
# interface. 127.0.0.1 keeps ports and endpoints on loopback.
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
# A caller's attach variables would send the container-mode runs to other fakes.
unset FAKECONTAINERS_MODE FAKECONTAINERS_OLLAMA_URL FAKECONTAINERS_MILVUS_ADDRESS FAKECONTAINERS_CONTROL_TOKEN

socket_answers() { [ -S "$sock" ] && timeout 5 podman --url "unix://$sock" version >/dev/null 2>&1; }

remove_leftovers() {
  for f in deploy/k8s/fake-ollama.yaml deploy/k8s/fake-milvus.yaml; do timeout 60 podman kube down "$f" >/dev/null 2>&1 || true; done
  podman volume rm -f fake-ollama-tmp fake-milvus-tmp >/dev/null 2>&1 || true
  timeout 60 podman-compose -p "$project" -f compose.yaml down >/dev/null 2>&1 || true
  podman network rm -f "${project}_default" >/dev/null 2>&1 || true
  local ids
  ids=$(podman ps -aq --filter label=fakecontainers.managed=true; podman ps -aq --filter label=org.testcontainers=true) || true
  [ -n "$ids" ] && echo "$ids" | sort -u | xargs -r podman rm -f >/dev/null 2>&1 || true
}
service_pid=
cleanup() {
  remove_leftovers
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; rm -f "$state/service.pid"; fi
}
trap cleanup EXIT

log "podman $(podman version --format '{{.Client.Version}}'), podman-compose $(podman-compose version 2>/dev/null | awk '/podman-compose.* version/ {print $NF}'), Node $(node --version)"
# A service left by an interrupted run of this script (its pid file names it) is replaced.
if [ -f "$state/service.pid" ] && ! socket_answers; then kill "$(cat "$state/service.pid")" 2>/dev/null || true; rm -f "$state/service.pid"; fi
if ! socket_answers; then
  rm -f "$sock"
  nohup podman system service --time=0 "unix://$sock" >"$state/service.log" 2>&1 &
  service_pid=$!
  echo "$service_pid" >"$state/service.pid"
  for _ in $(seq 1 30); do socket_answers && break; sleep 1; done
  socket_answers || { echo "podman.sh: the Podman service did not answer within 30 s" >&2; tail -20 "$state/service.log" >&2; exit 1; }
fi
remove_leftovers

[ -f dist/cli.js ] || timeout 300 node scripts/build.mjs

log "1. images built under Podman"
timeout 300 node dist/cli.js images build --base "${FAKECONTAINERS_BASE:-local}"
podman image exists fakecontainers/fake-ollama:latest && podman image exists fakecontainers/fake-milvus:latest

log "2. test/engines and the RAG example in container mode, through Podman's socket"
FAKECONTAINERS_REQUIRE_PODMAN=1 timeout 300 npx vitest run test/engines
FAKECONTAINERS_MODE=container timeout 300 npx vitest run --root examples/rag-app
log "2b. interrupted runs under Podman: SIGINT, SIGTERM, and SIGKILL (the run's own reaper)"
FAKECONTAINERS_REQUIRE_DOCKER=1 timeout 300 npx vitest run test/vitest/interrupted-runs.test.ts

log "3. SIGKILL: testcontainers' reaper (ours) removes the killed process's container"
# testcontainers shares one reaper between processes: wait for the earlier runs' one to finish.
for _ in $(seq 1 30); do [ -z "$(podman ps -aq --filter label=org.testcontainers.ryuk=true)" ] && break; sleep 1; done
node --input-type=module -e "import { FakeOllamaContainer } from 'fakecontainers/containers'; const c = await new FakeOllamaContainer().start(); console.log(c.getId()); setInterval(() => {}, 1000);" >"$state/killed.out" &
child=$!
for _ in $(seq 1 60); do grep -qE '^[0-9a-f]{64}$' "$state/killed.out" && break; sleep 0.5; done
id=$(grep -E '^[0-9a-f]{64}$' "$state/killed.out") || { echo "podman.sh: the child printed no container id" >&2; kill -9 "$child"; exit 1; }
kill -9 "$child"
killed=$(date +%s)
while podman container exists "$id" && [ $(( $(date +%s) - killed )) -lt 45 ]; do sleep 1; done
if podman container exists "$id"; then echo "podman.sh: container $id still there 45 s after the SIGKILL" >&2; exit 1; fi
echo "removed $(( $(date +%s) - killed )) s after the SIGKILL"

log "4. podman kube play deploy/k8s"
for f in deploy/k8s/fake-ollama.yaml deploy/k8s/fake-milvus.yaml; do
  [ "$(grep -c 'path: /_fake/health' "$f")" = 3 ] || { echo "podman.sh: $f wants startup, readiness and liveness probes on /_fake/health" >&2; exit 1; }
  # Podman 4.3 cannot run the probes (a curl health check, by a shell, on systemd timers) and says so.
  if ! out=$(timeout 120 podman kube play --replace "$f" 2>&1); then echo "$out" >&2; exit 1; fi
  echo "$out" | grep -v 'systemd' || true
done
pod_ip() { podman inspect "$(podman pod inspect "$1" --format '{{.InfraContainerID}}')" --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}'; }
ollama_ip=$(pod_ip fake-ollama-pod-0)
milvus_ip=$(pod_ip fake-milvus-pod-0)
wait_health() {
  timeout 60 node -e "
    const url = process.argv[1];
    (async () => { for (;;) { try { if ((await fetch(url)).ok) return; } catch {} await new Promise((r) => setTimeout(r, 250)); } })();" "$1"
}
wait_health "http://$ollama_ip:11434/_fake/health"
wait_health "http://$milvus_ip:19530/_fake/health"
wait_health "http://$milvus_ip:9091/healthz"
for expected in fake-ollama-pod-0-fake-ollama:536870912 fake-milvus-pod-0-fake-milvus:1073741824; do
  c=${expected%%:*}
  got=$(podman inspect "$c" --format '{{.Config.User}} ro={{.HostConfig.ReadonlyRootfs}} {{.HostConfig.SecurityOpt}} mem={{.HostConfig.Memory}}')
  echo "$c: $got"
  case "$got" in "65532:65532 ro=true "*no-new-privileges*" mem=${expected#*:}") ;; *) echo "podman.sh: $c does not run as the manifest says" >&2; exit 1 ;; esac
done
FAKECONTAINERS_OLLAMA_URL="http://$ollama_ip:11434" FAKECONTAINERS_MILVUS_ADDRESS="$milvus_ip:19530" timeout 180 npx vitest run --root examples/rag-app
for f in deploy/k8s/fake-ollama.yaml deploy/k8s/fake-milvus.yaml; do timeout 60 podman kube down "$f" 2>&1 | grep -v 'systemd' >/dev/null || true; done
podman volume rm -f fake-ollama-tmp fake-milvus-tmp >/dev/null 2>&1 || true

log "5. podman-compose up -d of compose.yaml"
read -r ollama_port milvus_port health_port < <(node -e "
  const net = require('node:net');
  const free = () => new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
  Promise.all([free(), free(), free()]).then((p) => console.log(p.join(' ')));")
export FAKECONTAINERS_OLLAMA_PORT=$ollama_port FAKECONTAINERS_MILVUS_PORT=$milvus_port FAKECONTAINERS_MILVUS_HEALTH_PORT=$health_port
timeout 120 podman-compose -p "$project" -f compose.yaml up -d 2>&1 | grep -v 'systemd' | tail -3
# The images' HEALTHCHECK (exec form, no shell), run on demand: there is no systemd to run it here.
for c in "${project}_fake-ollama_1" "${project}_fake-milvus_1"; do
  for _ in $(seq 1 60); do podman healthcheck run "$c" >/dev/null 2>&1 && break; sleep 0.5; done
  podman healthcheck run "$c"
  podman inspect "$c" --format "$c: ro={{.HostConfig.ReadonlyRootfs}} {{.HostConfig.SecurityOpt}}"
done
FAKECONTAINERS_OLLAMA_URL="http://127.0.0.1:$ollama_port" FAKECONTAINERS_MILVUS_ADDRESS="127.0.0.1:$milvus_port" timeout 180 npx vitest run --root examples/rag-app
timeout 60 podman-compose -p "$project" -f compose.yaml down >/dev/null 2>&1

log "done"
