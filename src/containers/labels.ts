import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Labels on every container fakecontainers starts; `down`, `ps`, CI and the janitor select by them. */
export const MANAGED_LABEL = 'fakecontainers.managed';
export const KIND_LABEL = 'fakecontainers.kind';
export const START_ID_LABEL = 'fakecontainers.start-id';
export const RUN_ID_LABEL = 'fakecontainers.run-id';
export const OWNER_PID_LABEL = 'fakecontainers.owner-pid';
export const OWNER_HOST_LABEL = 'fakecontainers.owner-host';

export function managedLabels(kind: 'ollama' | 'milvus'): Record<string, string> {
  const labels: Record<string, string> = {
    [MANAGED_LABEL]: 'true',
    [KIND_LABEL]: kind,
    [START_ID_LABEL]: randomUUID(),
    [OWNER_PID_LABEL]: String(process.pid),
    [OWNER_HOST_LABEL]: hostname(),
  };
  const runId = process.env.FAKECONTAINERS_RUN_ID;
  if (runId) labels[RUN_ID_LABEL] = runId;
  return labels;
}
