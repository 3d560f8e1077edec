/**
 * The gRPC bulk-insert RPCs the Node SDK calls (`bulkInsert` -> Import, `getImportState`,
 * `listImportTasks`). A 2.6 proxy serves these old (v1) calls over the v2 import jobs: each job ID is a
 * task ID, and a job's state maps to `common.ImportState` (Failed -> ImportFailed, with the reason in the
 * `failed_reason` info, the key bulk-insert clients read).
 */
import { num, str, strs, type CallContext, type Handler } from './context.js';
import type { ImportJob, ImportJobState } from '../engine/imports.js';

const V1_STATE: Record<ImportJobState, string> = {
  Pending: 'ImportPending',
  PreImporting: 'ImportStarted',
  Importing: 'ImportStarted',
  IndexBuilding: 'ImportStarted',
  Failed: 'ImportFailed',
  Completed: 'ImportCompleted',
};

const isNumpy = (path: string) => path.toLowerCase().endsWith('.npy');

/** v1 requests name files one by one: numpy column files form one group, other files one group each. */
function fileGroups(files: readonly string[]): string[][] {
  if (files.length > 0 && files.every(isNumpy)) return [[...files]];
  return files.map((path) => [path]);
}

function stateOf(job: ImportJob): Record<string, unknown> {
  return {
    state: V1_STATE[job.state],
    row_count: '0',
    id_list: [],
    infos: [
      { key: 'collection', value: job.collectionName },
      { key: 'files', value: job.files.flat().join(',') },
      { key: 'failed_reason', value: job.reason },
      { key: 'progress_percent', value: '0' },
    ],
    id: String(job.id),
    collection_id: String(job.collectionId),
    segment_ids: [],
    create_ts: String(Math.floor(job.createdMs / 1000)),
  };
}

const jobs = (c: CallContext) => c.service.admin.imports;

export const importHandlers: Record<string, Handler> = {
  Import: (r, c) => {
    const job = jobs(c).create(c.service.store, c.db, {
      collectionName: str(r, 'collection_name'),
      partitionName: str(r, 'partition_name'),
      files: fileGroups(strs(r, 'files')),
    });
    return { tasks: [String(job.id)] };
  },
  GetImportState: (r, c) => stateOf(jobs(c).get(str(r, 'task'))),
  ListImportTasks: (r, c) => {
    const limit = num(r, 'limit');
    const all = jobs(c).list(c.service.store, c.db, str(r, 'collection_name')).map(stateOf);
    return { tasks: limit > 0 ? all.slice(-limit) : all };
  },
};
