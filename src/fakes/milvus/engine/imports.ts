/**
 * Bulk import jobs. The fake has no object storage, so every job does what a real standalone does when
 * the files are not in its bucket: it is created (a job ID is returned), then fails in the pre-import
 * step because the object does not exist. The fake reports the failure at once instead of a second
 * later. Request checks follow the proxy's `ImportV2` (milvus `internal/proxy/impl.go`); job lookups
 * follow datacoord's GetImportProgress / ListImports.
 */
import type { Collection } from './collection.js';
import type { Store } from './store.js';
import { MilvusError } from '../errors/status.js';

/** merr ErrImportFailed. */
const IMPORT_FAILED = 2100;
const importFailed = (message: string) => new MilvusError(IMPORT_FAILED, `${message}: importing data failed`);

/** internalpb.ImportJobState names. */
export type ImportJobState = 'Pending' | 'PreImporting' | 'Importing' | 'Failed' | 'Completed' | 'IndexBuilding';

export interface ImportJob {
  readonly id: bigint;
  readonly db: string;
  readonly collectionName: string;
  readonly collectionId: bigint;
  readonly files: readonly (readonly string[])[];
  readonly createdTs: bigint;
  readonly createdMs: number;
  readonly state: ImportJobState;
  readonly reason: string;
}

export interface ImportRequest {
  readonly collectionName: string;
  readonly partitionName: string;
  readonly files: readonly (readonly string[])[];
}

const FILE_TYPES = ['.json', '.npy', '.parquet', '.csv'];

/**
 * What the failed job reports for a file that is not in the bucket. The storage text is MinIO's
 * NoSuchKey message; the wrapping is the pre-import size check's wording as issue reports show it
 * (pymilvus#1399) and may differ in detail from a 2.6 data node's.
 */
export function missingFileReason(path: string): string {
  return `failed to get file size of '${path}', error:The specified key does not exist.`;
}

export class ImportJobs {
  readonly #jobs = new Map<bigint, ImportJob>();

  /** ImportV2: validates the request, creates the job and returns it (already failed, see above). */
  create(store: Store, db: string, request: ImportRequest): ImportJob {
    const collection = store.collection(db, request.collectionName);
    checkPartition(collection, request.partitionName);
    const files = request.files.filter((group) => group.length > 0);
    if (files.length === 0) throw new MilvusError(1100, 'import request is empty: invalid parameter');
    for (const group of files) {
      const ok = group.every((path) => FILE_TYPES.some((ext) => path.toLowerCase().endsWith(ext)));
      if (!ok) throw importFailed(`unexpect file type, files=[${group.join(' ')}]`);
    }
    const first = files[0]?.[0] ?? '';
    const job: ImportJob = {
      id: store.tso.next(),
      db,
      collectionName: collection.name,
      collectionId: collection.id,
      files,
      createdTs: store.tso.next(),
      createdMs: store.nowMs(),
      state: 'Failed',
      reason: missingFileReason(first),
    };
    this.#jobs.set(job.id, job);
    return job;
  }

  /** GetImportProgress: by the decimal job ID the clients send. */
  get(jobId: string): ImportJob {
    if (!/^[+-]?\d+$/.test(jobId)) {
      throw importFailed(`parse job id failed, err=strconv.ParseInt: parsing ${JSON.stringify(jobId)}: invalid syntax`);
    }
    const job = this.#jobs.get(BigInt(jobId));
    if (!job) throw importFailed(`import job does not exist, jobID=${BigInt(jobId)}`);
    return job;
  }

  /** ListImports: the database's jobs, or one collection's (which must exist), oldest first. */
  list(store: Store, db: string, collectionName: string): ImportJob[] {
    const collectionId = collectionName ? store.collection(db, collectionName).id : undefined;
    return [...this.#jobs.values()].filter((j) => j.db === db && (collectionId === undefined || j.collectionId === collectionId));
  }
}

function checkPartition(collection: Collection, partitionName: string): void {
  const hasPartitionKey = collection.schema.fields.some((f) => f.isPartitionKey);
  if (partitionName && hasPartitionKey) {
    throw importFailed('not allow to set partition name for collection with partition key');
  }
  if (partitionName) collection.requirePartition(partitionName);
}
