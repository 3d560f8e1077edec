import { KIND_LABEL, MANAGED_LABEL, OWNER_HOST_LABEL, OWNER_PID_LABEL, RUN_ID_LABEL } from '../containers/labels.js';
import { dockerOrThrow } from './docker-run.js';
import { PROJECT_LABEL, type Project } from './project.js';

/** Containers started by `fakecontainers up` carry this label, so `down` removes exactly those. */
export const SOURCE_LABEL = 'fakecontainers.source';

export interface ManagedContainer {
  id: string;
  labels: Readonly<Record<string, string>>;
  name: string;
  kind: string;
  source: string;
  state: string;
  status: string;
  ports: string;
  image: string;
}

/** Our containers: those `up` started for this project, or (`all`) every fakecontainers container. */
export async function listManaged(project: Project | 'all'): Promise<ManagedContainer[]> {
  const filters = ['--filter', `label=${MANAGED_LABEL}=true`];
  if (project !== 'all') filters.push('--filter', `label=${SOURCE_LABEL}=cli`, '--filter', `label=${PROJECT_LABEL}=${project.id}`);
  const out = await dockerOrThrow(['ps', '-a', ...filters, '--format', '{{json .}}']);
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as Record<string, string>;
      const labels = Object.fromEntries(
        (row.Labels ?? '').split(',').map((pair) => {
          const eq = pair.indexOf('=');
          return [pair.slice(0, eq), pair.slice(eq + 1)];
        }),
      );
      return {
        id: row.ID ?? '',
        labels,
        name: row.Names ?? '',
        kind: labels[KIND_LABEL] ?? '?',
        source: labels[SOURCE_LABEL] === 'cli' ? `up (${labels[PROJECT_LABEL] ?? '?'})` : `run ${labels[RUN_ID_LABEL] ?? '?'}`,
        state: row.State ?? '',
        status: row.Status ?? '',
        ports: row.Ports ?? '',
        image: row.Image ?? '',
      };
    });
}

/**
 * Whether `down --all` may remove it without `--force`: it is not running, or it belongs to a test run
 * whose process on this host is gone. Another project's `up` fakes and live runs are someone's work.
 */
export function isAbandoned(container: ManagedContainer, here: string, alive: (pid: number) => boolean): boolean {
  if (container.state !== 'running') return true;
  if (container.labels[SOURCE_LABEL] === 'cli') return false;
  const pid = Number(container.labels[OWNER_PID_LABEL]);
  return container.labels[OWNER_HOST_LABEL] === here && Number.isInteger(pid) && pid > 0 && !alive(pid);
}
