import { connect, type Socket } from 'node:net';
import { getContainerRuntimeClient } from '../containers/testcontainers.js';
import { RUN_ID_LABEL } from '../containers/labels.js';

/**
 * Holds a connection from the run to the reaper testcontainers started (ours, or Ryuk), registering the
 * run's own label filter. While any connection is open the reaper waits; when the runner dies, even by
 * SIGKILL, the kernel closes the socket and the reaper removes every container of the run ~10 s later.
 */
const SESSION_LABEL = 'org.testcontainers.session-id';
const RYUK_LABEL = 'org.testcontainers.ryuk';

export interface ReaperLink {
  readonly reaperId: string;
  /** Ends the connection (at clean teardown). */
  close(): void;
}

/** Links the run to the reaper of the session `containerId` belongs to; undefined when there is none. */
export async function linkToReaper(containerId: string, runId: string, warn: (message: string) => void): Promise<ReaperLink | undefined> {
  const client = await getContainerRuntimeClient();
  const docker = client.container.dockerode;
  const info = await docker.getContainer(containerId).inspect();
  const session = info.Config.Labels?.[SESSION_LABEL];
  if (!session) return undefined;
  const reapers = await docker.listContainers({ filters: { label: [`${RYUK_LABEL}=true`, `${SESSION_LABEL}=${session}`] } });
  const reaper = reapers[0];
  const port = reaper?.Ports.find((p) => p.PrivatePort === 8080 && p.PublicPort)?.PublicPort;
  if (!reaper || !port) return undefined;
  const socket = await register(client.info.containerRuntime.host, port, `label=${RUN_ID_LABEL}=${runId}`);
  let closing = false;
  socket.on('close', () => {
    if (!closing) {
      warn(
        `lost the connection to the reaper ${reaper.Id.slice(0, 12)}: if this run is now killed, its containers stay ` +
          'until the next run removes them',
      );
    }
  });
  return {
    reaperId: reaper.Id,
    close() {
      closing = true;
      socket.end();
    },
  };
}

function register(host: string, port: number, filter: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the reaper at ${host}:${port} did not acknowledge within 5 s`));
    }, 5_000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('connect', () => socket.write(`${filter}\r\n`));
    socket.once('data', (data) => {
      clearTimeout(timer);
      if (!String(data).startsWith('ACK')) {
        socket.destroy();
        reject(new Error(`the reaper answered ${JSON.stringify(String(data))} instead of ACK`));
        return;
      }
      socket.on('error', () => {});
      // Never keeps the process alive by itself.
      socket.unref();
      resolve(socket);
    });
  });
}
