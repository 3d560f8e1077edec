import { KIND_LABEL, MANAGED_LABEL } from '../containers/labels.js';
import { dockerOrThrow } from './docker-run.js';

/** Containers started by `fakecontainers up` carry this label, so `down` removes exactly those. */
export const SOURCE_LABEL = 'fakecontainers.source';

export interface ManagedContainer {
  id: string;
  name: string;
  kind: string;
  source: string;
  state: string;
  status: string;
  ports: string;
  image: string;
}

/** Our containers: started by `up` (default) or, with `all`, by any fakecontainers run. */
export async function listManaged(all: boolean): Promise<ManagedContainer[]> {
  const filters = ['--filter', `label=${MANAGED_LABEL}=true`, ...(all ? [] : ['--filter', `label=${SOURCE_LABEL}=cli`])];
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
        name: row.Names ?? '',
        kind: labels[KIND_LABEL] ?? '?',
        source: labels[SOURCE_LABEL] ?? 'test run',
        state: row.State ?? '',
        status: row.Status ?? '',
        ports: row.Ports ?? '',
        image: row.Image ?? '',
      };
    });
}
