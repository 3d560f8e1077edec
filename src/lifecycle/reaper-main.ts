/**
 * The reaper image's program: a drop-in for testcontainers' Ryuk that we can build without a registry.
 * Protocol (moby-ryuk): TCP on 8080; each line is a URL query string of Docker label filters
 * (`label=k=v&label=k2=v2`), answered `ACK\n`. When the last client disconnects and none returns
 * within RYUK_RECONNECTION_TIMEOUT (10s), every container, network, volume and image matching any
 * filter is removed, and the reaper exits. A client that never comes triggers the same after
 * RYUK_CONNECTION_TIMEOUT (60s). Because the kernel closes a killed process's sockets, this also
 * covers SIGKILL of the test runner.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { parseGoDuration } from '../common/go-duration.js';
import { dockerRequest } from './docker-socket.js';
import { defaultGateway, type ReaperPolicy, refusal } from './reaper-policy.js';

const SOCKET = process.env.DOCKER_SOCKET ?? '/var/run/docker.sock';
const PORT = Number(process.env.RYUK_PORT ?? 8080);
const VERBOSE = process.env.RYUK_VERBOSE === 'true';
const connectionTimeout = duration('RYUK_CONNECTION_TIMEOUT', 60_000);
const reconnectionTimeout = duration('RYUK_RECONNECTION_TIMEOUT', 10_000);
const shutdownTimeout = duration('RYUK_SHUTDOWN_TIMEOUT', 10 * 60_000);
const REMOVE_RETRIES = Number(process.env.RYUK_REMOVE_RETRIES ?? 10);
const SELF_LABEL = 'org.testcontainers.ryuk';

const policy = readPolicy();

/** Admission rules (reaper-policy.ts) from the environment the run's reaper is started with. */
function readPolicy(): ReaperPolicy {
  const requiredLabel = process.env.FAKECONTAINERS_REAPER_LABEL || undefined;
  const secret = process.env.FAKECONTAINERS_REAPER_SECRET || undefined;
  if (secret !== undefined || process.env.FAKECONTAINERS_REAPER_ANY_PEER === 'true') return { requiredLabel, secret };
  let gateway: string | undefined;
  try {
    gateway = defaultGateway(readFileSync('/proc/net/route', 'utf8'));
  } catch {
    gateway = undefined;
  }
  if (gateway === undefined) log('no default gateway found: peers are not restricted');
  return { requiredLabel, ...(gateway ? { allowedPeers: new Set([gateway, '127.0.0.1', '::1']) } : {}) };
}

const filters = new Map<string, string[]>();
let clients = 0;
let pruning = false;
let timer: NodeJS.Timeout | undefined;

function duration(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const parsed = parseGoDuration(raw);
  if (parsed instanceof Error) {
    log(`ignoring ${name}=${raw}: ${parsed.message}`);
    return fallback;
  }
  return parsed;
}

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

function arm(ms: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => void prune(), ms);
}

const server = createServer((socket: Socket) => {
  if (pruning) {
    // Late client: no ACK, so testcontainers retries and starts a new reaper.
    socket.destroy();
    return;
  }
  clients++;
  clearTimeout(timer);
  if (VERBOSE) log(`client connected (${clients})`);
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (data: string) => {
    buffered += data;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).replace(/\r$/, '');
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      if (line.trim() === '') continue;
      const refused = refusal(policy, line, socket.remoteAddress ?? '');
      if (refused !== undefined) {
        // No ACK: the client fails loudly (testcontainers throws), which is right for a foreign filter.
        log(`refused a line from ${socket.remoteAddress ?? '?'}: ${refused}`);
        socket.destroy();
        return;
      }
      const labels = new URLSearchParams(line).getAll('label').sort();
      filters.set(JSON.stringify(labels), labels);
      if (VERBOSE) log(`filter ${JSON.stringify(labels)}`);
      socket.write('ACK\n');
    }
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    clients--;
    if (VERBOSE) log(`client disconnected (${clients})`);
    if (clients === 0 && !pruning) arm(reconnectionTimeout);
  });
});

server.listen(PORT, '0.0.0.0', () => {
  log(`Started reaper on port ${PORT}`);
  arm(connectionTimeout);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    log(`${signal}: pruning once clients have left`);
    if (clients === 0) void prune();
    else setTimeout(() => void prune(), shutdownTimeout).unref();
  });
}

async function prune(): Promise<void> {
  if (pruning) return;
  pruning = true;
  server.close();
  const counts = { containers: 0, networks: 0, volumes: 0, images: 0 };
  for (const labels of filters.values()) {
    const query = encodeURIComponent(JSON.stringify({ label: labels }));
    counts.containers += await removeAll(`/containers/json?all=1&filters=${query}`, (c) =>
      isSelf(c) ? undefined : `/containers/${String(c.Id)}?force=1&v=1`,
    );
    counts.networks += await removeAll(`/networks?filters=${query}`, (n) => `/networks/${String(n.Id)}`);
    counts.volumes += await removeAll(`/volumes?filters=${query}`, (v) => `/volumes/${String(v.Name)}?force=1`);
    counts.images += await removeAll(`/images/json?filters=${query}`, (i) => `/images/${String(i.Id)}`);
  }
  log(`removed containers=${counts.containers} networks=${counts.networks} volumes=${counts.volumes} images=${counts.images}`);
  process.exit(0);
}

function isSelf(container: Record<string, unknown>): boolean {
  const labels = (container.Labels ?? {}) as Record<string, string>;
  return labels[SELF_LABEL] === 'true';
}

async function removeAll(listPath: string, removal: (item: Record<string, unknown>) => string | undefined): Promise<number> {
  let listed: unknown;
  try {
    listed = (await dockerRequest(SOCKET, 'GET', listPath)).body;
  } catch (error) {
    log(`cannot list ${listPath}: ${(error as Error).message}`);
    return 0;
  }
  const items = Array.isArray(listed) ? listed : ((listed as { Volumes?: unknown[] } | undefined)?.Volumes ?? []);
  let removed = 0;
  for (const item of items as Record<string, unknown>[]) {
    const path = removal(item);
    if (path && (await removeWithRetries(path))) removed++;
  }
  return removed;
}

async function removeWithRetries(path: string): Promise<boolean> {
  for (let attempt = 1; attempt <= REMOVE_RETRIES; attempt++) {
    try {
      const { status, body } = await dockerRequest(SOCKET, 'DELETE', path);
      if (status < 300) return true;
      if (status === 404) return false;
      log(`DELETE ${path}: ${status} ${JSON.stringify(body)} (attempt ${attempt})`);
    } catch (error) {
      log(`DELETE ${path}: ${(error as Error).message} (attempt ${attempt})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}
