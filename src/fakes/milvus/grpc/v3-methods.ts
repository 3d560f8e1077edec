/**
 * MilvusService methods that arrived with Milvus 3.0 (collection snapshots, external collections, and
 * `AlterRole` for role descriptions: milvus-proto PR #611, backported to 3.0 only, pymilvus #3608).
 * A 2.x server has no handler for them, so grpc-go answers the call itself with UNIMPLEMENTED
 * "unknown method <M> for service milvus.proto.milvus.MilvusService" (server.go, handleStream); the Node
 * SDK's interceptor turns that status into an empty reply (`{}`). The fake answers the same way while
 * its reported version is 2.x, and with its own "not supported" (3000) when configured as 3.x.
 */
export const V3_ONLY_METHODS: ReadonlySet<string> = new Set([
  'CreateSnapshot',
  'DropSnapshot',
  'ListSnapshots',
  'DescribeSnapshot',
  'RestoreSnapshot',
  'RestoreExternalSnapshot',
  'ExportSnapshot',
  'GetRestoreSnapshotState',
  'ListRestoreSnapshotJobs',
  'PinSnapshotData',
  'UnpinSnapshotData',
  'BatchUpdateManifest',
  'RefreshExternalCollection',
  'GetRefreshExternalCollectionProgress',
  'ListRefreshExternalCollectionJobs',
  'AlterRole',
]);

export { predatesV3 } from '../engine/version.js';

export function unknownMethodDetails(service: string, method: string): string {
  return `unknown method ${method} for service ${service}`;
}
