import { hostname } from 'node:os';
import { processAlive } from '../common/process-alive.js';
import { getContainerRuntimeClient } from '../containers/testcontainers.js';
import { MANAGED_LABEL, OWNER_HOST_LABEL, OWNER_PID_LABEL, RUN_ID_LABEL } from '../containers/labels.js';

/**
 * Removes leftovers of dead runs before a new run starts: fakecontainers containers (not those
 * `fakecontainers up` started on purpose) whose owning process on this host no longer exists.
 * The reaper covers a SIGKILL within seconds; this covers the rest (reaper disabled, machine crash).
 */
const SOURCE_LABEL = 'fakecontainers.source';

export async function removeDeadRunLeftovers(currentRunId: string): Promise<string[]> {
  const client = await getContainerRuntimeClient();
  const docker = client.container.dockerode;
  const containers = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=true`] } });
  const here = hostname();
  const dead = containers.filter((c) => {
    const labels = c.Labels ?? {};
    if (labels[SOURCE_LABEL] === 'cli' || labels[RUN_ID_LABEL] === currentRunId) return false;
    if (labels[OWNER_HOST_LABEL] !== here) return false;
    const pid = Number(labels[OWNER_PID_LABEL]);
    return Number.isInteger(pid) && pid > 0 && !processAlive(pid);
  });
  await Promise.all(dead.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})));
  return dead.map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12));
}
