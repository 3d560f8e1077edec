import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { publishingFor } from '../containers/published-ports.js';
import { dockerApiOps } from '../containers/dockerode-ops.js';
import { buildImagesWith } from '../containers/image-build.js';
import { imageRef } from '../containers/image-catalog.js';
import { RUN_ID_LABEL } from '../containers/labels.js';
import { getContainerRuntimeClient } from '../containers/testcontainers.js';

/**
 * A reaper of the run's own. testcontainers shares one reaper among every process on the machine, so
 * a killed run's containers would wait until all other suites finished too. This reaper (our image,
 * which speaks Ryuk's protocol) serves only this run: the run's main process holds the one connection,
 * and when that process dies — even by SIGKILL — the kernel closes it and the reaper removes every
 * container labelled with the run id after `reconnectionTimeout`, then removes itself.
 */
export interface RunReaper {
  readonly containerId: string;
  /** Ends the connection at clean teardown (the reaper then finds nothing left and exits). */
  close(): void;
}

/** testcontainers never adopts a container carrying this label as its own reaper. */
const NOT_FOR_TESTCONTAINERS = 'TESTCONTAINERS_RYUK_TEST_LABEL';

export async function startRunReaper(runId: string, reconnectionTimeout: string, warn: (message: string) => void): Promise<RunReaper> {
  await buildImagesWith(await dockerApiOps(), { images: ['reaper'] });
  const client = await getContainerRuntimeClient();
  const docker = client.container.dockerode;
  const label = `${RUN_ID_LABEL}=${runId}`;
  // It only takes this run's label, with this run's secret; on a local engine only 127.0.0.1 reaches it.
  const secret = randomBytes(24).toString('hex');
  const { bindAddress, endpointHost } = await publishingFor(client.info.containerRuntime.host);
  const container = await docker.createContainer({
    Image: imageRef('reaper'),
    Labels: { [NOT_FOR_TESTCONTAINERS]: 'true', 'fakecontainers.reaper-for': runId },
    Env: [
      `RYUK_RECONNECTION_TIMEOUT=${reconnectionTimeout}`,
      'RYUK_CONNECTION_TIMEOUT=60s',
      `FAKECONTAINERS_REAPER_LABEL=${label}`,
      `FAKECONTAINERS_REAPER_SECRET=${secret}`,
    ],
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: {
      AutoRemove: true,
      Binds: [`${client.info.containerRuntime.remoteSocketPath}:/var/run/docker.sock`],
      PortBindings: { '8080/tcp': [{ HostIp: bindAddress, HostPort: '' }] },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
    },
  });
  await container.start();
  const info = await container.inspect();
  const port = Number(info.NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort);
  const socket = await connectWithRetry(endpointHost, port, `secret=${secret}&label=${label}`, 10_000);
  let closing = false;
  socket.on('close', () => {
    if (!closing) warn(`lost the connection to this run's reaper: if the run is now killed, its containers stay until the next run removes them`);
  });
  return {
    containerId: container.id,
    close() {
      closing = true;
      socket.end();
    },
  };
}

async function connectWithRetry(host: string, port: number, filter: string, budgetMs: number): Promise<Socket> {
  const deadline = Date.now() + budgetMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await register(host, port, filter);
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the run's reaper at ${host}:${port} did not answer within ${budgetMs} ms: ${(last as Error)?.message}`);
}

function register(host: string, port: number, filter: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error('no ACK within 2 s')), 2_000);
    socket.once('error', fail);
    // Docker accepts the connection before the reaper listens; a close without ACK means "not yet".
    socket.once('close', () => fail(new Error('closed before ACK')));
    socket.once('connect', () => socket.write(`${filter}\n`));
    socket.once('data', (data) => {
      clearTimeout(timer);
      if (!String(data).startsWith('ACK')) return fail(new Error(`answered ${JSON.stringify(String(data))} instead of ACK`));
      socket.removeAllListeners('error');
      socket.removeAllListeners('close');
      socket.on('error', () => {});
      // Never keeps the process alive by itself.
      socket.unref();
      resolve(socket);
    });
  });
}
