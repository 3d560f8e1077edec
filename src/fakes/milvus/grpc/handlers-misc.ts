/**
 * Connection, health and housekeeping RPCs, plus how every other MilvusService method answers:
 * everything not implemented answers a business
 * Status with code 3000 ("... is not supported by fakecontainers' fake Milvus"), never gRPC
 * UNIMPLEMENTED, which the SDK would turn into `{}` and crash on.
 */
import { str, type Handler } from './context.js';
import { errors } from '../errors/status.js';

const now = (c: Parameters<Handler>[1]) => c.service.store.tso.next();

/** dataCoord.segment.maxSize of a 2.6 standalone, in MB. */
const SEGMENT_MAX_SIZE_MB = 1024;

export const miscHandlers: Record<string, Handler> = {
  Connect: (_r, c) => ({ server_info: c.serverInfo, identifier: c.newIdentifier() }),
  GetVersion: (_r, c) => ({ version: c.service.version }),
  CheckHealth: () => ({ isHealthy: true, reasons: [], quota_states: [] }),
  GetComponentStates: () => ({
    state: { nodeID: '1', role: 'proxy', state_code: 'Healthy', extra_info: [] },
    subcomponent_states: [],
  }),
  GetMetrics: (r) => {
    let request: { metric_type?: string } = {};
    try {
      request = JSON.parse(str(r, 'request') || '{}') as { metric_type?: string };
    } catch {
      throw errors.invalidParameter('the request of GetMetrics should be a json string');
    }
    return { response: JSON.stringify({ metric_type: request.metric_type ?? '', nodes_info: [] }), component_name: 'proxy' };
  },
  AllocTimestamp: (_r, c) => ({ timestamp: String(now(c)) }),
  Dummy: () => ({ response: '' }),
  RegisterLink: () => ({}),
  ManualCompaction: (r, c) => {
    // datacoord: a non-zero target_size (MB) is a force merge, checked against the segment max size
    // (dataCoord.segment.maxSize, 1024 MB by default in 2.6); compaction_policy_forcemerge.go
    // triggerOneCollection; the Node SDK's Compaction.spec.ts asserts the IllegalArgument.
    const targetSize = Number(str(r, 'target_size') || 0);
    if (targetSize !== 0 && targetSize < SEGMENT_MAX_SIZE_MB) {
      throw errors.invalidParameter(`targetSize ${targetSize} MB should be greater than or equal to configMaxSize ${SEGMENT_MAX_SIZE_MB} MB`);
    }
    const raw = str(r, 'collectionID');
    const id = c.service.compactById(/^\d+$/.test(raw) ? BigInt(raw) : -1n);
    return { compactionID: String(id), compactionPlanCount: 0 };
  },
  GetCompactionState: () => ({ state: 'Completed', executingPlanNo: '0', timeoutPlanNo: '0', completedPlanNo: '0', failedPlanNo: '0' }),
  GetCompactionStateWithPlans: () => ({ state: 'Completed', mergeInfos: [] }),
  GetPersistentSegmentInfo: () => ({ infos: [] }),
  GetQuerySegmentInfo: () => ({ infos: [] }),
  // RBAC lives in handlers-rbac.ts; AlterRole (role descriptions) is a 3.0 method (v3-methods.ts).
};

export const telemetryHandlers: Record<string, Handler> = {
  ClientHeartbeat: (_r, c) => ({ server_timestamp: String(Math.floor(c.service.store.clock.now())), commands: [] }),
  GetClientTelemetry: () => ({ clients: [], aggregated: null }),
  PushClientCommand: () => {
    throw errors.unsupported('PushClientCommand');
  },
  DeleteClientCommand: () => {
    throw errors.unsupported('DeleteClientCommand');
  },
};

/** The handler for a method the fake does not implement. */
export function unsupportedHandler(method: string): Handler {
  return () => {
    throw errors.unsupported(method);
  };
}
