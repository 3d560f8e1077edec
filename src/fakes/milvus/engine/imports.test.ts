import { describe, expect, test } from 'vitest';
import { FixedClock } from '../../../common/clock.js';
import { MilvusService } from './service.js';

// proxy ImportV2 checks and datacoord GetImportProgress lookups (milvus internal/proxy/impl.go, 2.6).
describe('ImportJobs', () => {
  const service = new MilvusService({ clock: new FixedClock('2026-01-01T00:00:00Z') });
  service.createCollection('default', {
    name: 'keyed',
    schema: {
      fields: [
        { name: 'id', dataType: 'Int64', isPrimaryKey: true },
        { name: 'v', dataType: 'FloatVector', typeParams: { dim: 2 } },
        { name: 'tenant', dataType: 'VarChar', typeParams: { max_length: 8 }, isPartitionKey: true },
      ],
    },
  });
  const jobs = service.admin.imports;

  test('a partition name on a partition-key collection is refused (2100)', () => {
    expect(() => jobs.create(service.store, 'default', { collectionName: 'keyed', partitionName: 'p', files: [['a.json']] })).toThrow(
      'not allow to set partition name for collection with partition key: importing data failed',
    );
  });

  test('a job ID that is not a number is a parse failure', () => {
    expect(() => jobs.get('abc')).toThrow('parse job id failed, err=strconv.ParseInt: parsing "abc": invalid syntax: importing data failed');
  });

  test('jobs are listed per database and collection, and fail with the missing-file reason', () => {
    const job = jobs.create(service.store, 'default', { collectionName: 'keyed', partitionName: '', files: [['x.npy', 'y.npy']] });
    expect(job).toMatchObject({ state: 'Failed', reason: "failed to get file size of 'x.npy', error:The specified key does not exist." });
    expect(jobs.list(service.store, 'default', 'keyed').map((j) => j.id)).toEqual([job.id]);
    expect(jobs.get(String(job.id))).toBe(job);
  });
});
