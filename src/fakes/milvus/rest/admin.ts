/**
 * REST v2 `resource_groups/*` and `jobs/import/*` (milvus `internal/distributed/proxy/httpserver`:
 * the resource-group handlers and handler_v2.go's import handlers, request_v2.go's structs).
 * Quirk kept: `resource_groups/describe` answers `{"resource_group": ...}` with no `code`, the
 * milvuspb.ResourceGroup written by encoding/json (fields in declaration order, zero values omitted).
 */
import { COLLECTION_NAME, DB_NAME, field, required, type Bound, type StructSpec } from './binding.js';
import { ok, RestCodes, RestError, type RestReply } from './envelope.js';
import { GoStruct } from './json.js';
import type { RestContext, RestRoutes } from './route.js';
import { createResourceGroup, describeResourceGroup, dropResourceGroup, type ResourceGroupInfo } from '../engine/admin-ops.js';
import type { ImportJob } from '../engine/imports.js';
import { parseConfig, type ResourceGroupConfig } from '../engine/resource-group-config.js';

const spec = (name: string, ...fields: StructSpec['fields']): StructSpec => ({ name, fields });
const ResourceGroupReq = spec('ResourceGroupReq', required('name', 'string'), field('config', 'map'));
const UpdateResourceGroupReq = spec('UpdateResourceGroupReq', required('resource_groups', 'map', 'ResourceGroups'));
const TransferReplicaReq = spec(
  'TransferReplicaReq',
  required('sourceRgName', 'string'),
  required('targetRgName', 'string'),
  required('collectionName', 'string'),
  required('replicaNum', 'int64'),
);
const EmptyReq = spec('EmptyReq');
const ImportReq = spec('ImportReq', DB_NAME, COLLECTION_NAME, field('partitionName', 'string'), required('files', 'anys'), field('options', 'strmap'));
const JobIDReq = spec('JobIDReq', DB_NAME, required('jobId', 'string', 'JobID'));
const OptionalCollectionNameReq = spec('OptionalCollectionNameReq', DB_NAME, field('collectionName', 'string'));

/** ResourceGroupConfig's `requests` and `limits` are `binding:"required"` pointers. */
function configOf(structName: string, name: string, raw: unknown): ResourceGroupConfig {
  if (raw && typeof raw === 'object') {
    const missing = ['requests', 'limits'].filter((key) => !(key in raw) || (raw as Record<string, unknown>)[key] === null);
    if (missing.length > 0) {
      const lines = missing.map((key) => {
        const go = key.charAt(0).toUpperCase() + key.slice(1);
        return `Key: '${structName}.${go}' Error:Field validation for '${go}' failed on the 'required' tag`;
      });
      throw new RestError(RestCodes.missingRequiredParameters, `missing required parameters, error: ${lines.join('\n')}`);
    }
  }
  return parseConfig(name, raw);
}

/** encoding/json `omitempty`: zero numbers, empty strings, empty slices and maps are left out. */
function isEmpty(value: unknown): boolean {
  if (value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof GoStruct) return false;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

const omitZero = (entries: Array<readonly [string, unknown]>) => new GoStruct(entries.filter(([, v]) => !isEmpty(v)));

function configJson(cfg: ResourceGroupConfig): GoStruct {
  const transfers = (names: readonly string[]) => names.map((n) => omitZero([['resource_group', n]]));
  return omitZero([
    ['requests', omitZero([['node_num', cfg.requests]])],
    ['limits', omitZero([['node_num', cfg.limits]])],
    ['transfer_from', transfers(cfg.transferFrom)],
    ['transfer_to', transfers(cfg.transferTo)],
  ]);
}

function groupJson(info: ResourceGroupInfo): GoStruct {
  return omitZero([
    ['name', info.name],
    ['capacity', info.capacity],
    ['num_available_node', info.numAvailableNode],
    ['num_loaded_replica', info.numLoadedReplica],
    ['num_outgoing_node', info.numOutgoingNode],
    ['num_incoming_node', info.numIncomingNode],
    ['config', configJson(info.config)],
    ['nodes', info.nodes.map((n) => omitZero([['node_id', n.nodeId], ['address', n.address], ['hostname', n.hostname]]))],
  ]);
}

const done = (action: (r: Bound, ctx: RestContext) => void) => (r: Bound, ctx: RestContext): RestReply => {
  action(r, ctx);
  return ok({});
};

const goKind = (value: unknown) =>
  typeof value === 'boolean' ? 'bool' : Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

/** `files` is `[][]string`: anything else fails JSON decoding (1801), as encoding/json reports it. */
function fileGroups(raw: unknown): string[][] {
  if (!Array.isArray(raw)) return [];
  const wrong = (value: unknown, type: string) =>
    new RestError(
      RestCodes.incorrectParameterFormat,
      `can only accept json format request, error: json: cannot unmarshal ${goKind(value)} into Go struct field ImportReq.files of type ${type}`,
    );
  return raw.map((group) => {
    if (!Array.isArray(group)) throw wrong(group, '[]string');
    return group.map((path) => {
      if (typeof path !== 'string') throw wrong(path, 'string');
      return path;
    });
  });
}

/** datacoord GetJobProgress: a failed job reports progress 0 and its reason; no import task ran. */
function progressJson(job: ImportJob): Record<string, unknown> {
  return {
    jobId: String(job.id),
    collectionName: job.collectionName,
    completeTime: '',
    state: job.state,
    progress: 0,
    importedRows: 0,
    totalRows: 0,
    ...(job.reason ? { reason: job.reason } : {}),
    fileSize: 0,
    details: [],
  };
}

export const adminRoutes: RestRoutes = {
  'resource_groups/create': {
    spec: ResourceGroupReq,
    handle: done((r, ctx) => {
      const name = String(r.name);
      createResourceGroup(ctx.service.admin, name, configOf('ResourceGroupReq.Config', name, r.config));
    }),
  },
  'resource_groups/drop': {
    spec: ResourceGroupReq,
    handle: done((r, ctx) => dropResourceGroup(ctx.service.store, ctx.service.admin, String(r.name))),
  },
  'resource_groups/alter': {
    spec: UpdateResourceGroupReq,
    handle: done((r, ctx) => {
      const raw = (r.resource_groups ?? {}) as Record<string, unknown>;
      const configs = Object.entries(raw).map(([name, cfg]) => [name, configOf('ResourceGroupConfig', name, cfg)] as const);
      ctx.service.admin.resourceGroups.update(new Map(configs));
    }),
  },
  'resource_groups/describe': {
    spec: ResourceGroupReq,
    handle: (r, ctx) => ({
      status: 200,
      body: { resource_group: groupJson(describeResourceGroup(ctx.service.store, ctx.service.admin, String(r.name))) },
    }),
  },
  'resource_groups/list': { spec: EmptyReq, handle: (_r, ctx) => ok(ctx.service.admin.resourceGroups.names()) },
  'resource_groups/transfer_replica': {
    spec: TransferReplicaReq,
    handle: done((r, ctx) => {
      const { store, admin } = ctx.service;
      const collection = store.collection(ctx.db, String(r.collectionName));
      admin.replicas.transfer(store, admin.resourceGroups, collection, String(r.sourceRgName), String(r.targetRgName), Number(r.replicaNum));
    }),
  },

  'jobs/import/create': {
    spec: ImportReq,
    handle: (r, ctx) => {
      const job = ctx.service.admin.imports.create(ctx.service.store, ctx.db, {
        collectionName: String(r.collectionName),
        partitionName: String(r.partitionName ?? ''),
        files: fileGroups(r.files),
      });
      return ok({ jobId: String(job.id) });
    },
  },
  'jobs/import/list': {
    spec: OptionalCollectionNameReq,
    handle: (r, ctx) => {
      const jobs = ctx.service.admin.imports.list(ctx.service.store, ctx.db, String(r.collectionName ?? ''));
      const records = jobs.map((job) => ({
        jobId: String(job.id),
        collectionName: job.collectionName,
        state: job.state,
        progress: 0,
        ...(job.reason ? { reason: job.reason } : {}),
      }));
      return ok({ records });
    },
  },
  'jobs/import/get_progress': { spec: JobIDReq, handle: (r, ctx) => ok(progressJson(ctx.service.admin.imports.get(String(r.jobId)))) },
  'jobs/import/describe': { spec: JobIDReq, handle: (r, ctx) => ok(progressJson(ctx.service.admin.imports.get(String(r.jobId)))) },
};
