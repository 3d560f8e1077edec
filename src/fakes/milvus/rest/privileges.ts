/**
 * REST v2 routes → the gRPC request each one builds (internal/distributed/proxy/httpserver/handler_v2.go
 * wraps every call in `wrapperProxy(..., checkAuth=true, ...)`, which runs the same PrivilegeInterceptor
 * on that request). A denial is HTTP 403 `{ code: merr.Code(err), message: err.Error() }`: the
 * interceptor's gRPC status is no merr error, so the code is 65535 and the message Go's
 * `rpc error: code = PermissionDenied desc = ...` (checkAuthorizationV2).
 */
const M = 'milvus.proto.milvus.';

export const REST_REQUEST_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    'collections/create': 'CreateCollectionRequest',
    'collections/drop': 'DropCollectionRequest',
    'collections/describe': 'DescribeCollectionRequest',
    'collections/has': 'HasCollectionRequest',
    'collections/list': 'ShowCollectionsRequest',
    'collections/load': 'LoadCollectionRequest',
    'collections/refresh_load': 'LoadCollectionRequest',
    'collections/release': 'ReleaseCollectionRequest',
    'collections/get_stats': 'GetCollectionStatisticsRequest',
    'collections/get_load_state': 'GetLoadStateRequest',
    'collections/rename': 'RenameCollectionRequest',
    'collections/flush': 'FlushRequest',
    'collections/compact': 'ManualCompactionRequest',
    'collections/alter_properties': 'AlterCollectionRequest',
    'collections/drop_properties': 'AlterCollectionRequest',
    'collections/add_function': 'AddCollectionFunctionRequest',
    'collections/alter_function': 'AlterCollectionFunctionRequest',
    'collections/drop_function': 'DropCollectionFunctionRequest',
    'common/run_analyzer': 'RunAnalyzerRequest',
    'entities/insert': 'InsertRequest',
    'entities/upsert': 'UpsertRequest',
    'entities/delete': 'DeleteRequest',
    'entities/query': 'QueryRequest',
    'entities/get': 'QueryRequest',
    'entities/search': 'SearchRequest',
    'entities/hybrid_search': 'HybridSearchRequest',
    'entities/advanced_search': 'HybridSearchRequest',
    'partitions/create': 'CreatePartitionRequest',
    'partitions/drop': 'DropPartitionRequest',
    'partitions/has': 'HasPartitionRequest',
    'partitions/list': 'ShowPartitionsRequest',
    'partitions/load': 'LoadPartitionsRequest',
    'partitions/release': 'ReleasePartitionsRequest',
    'partitions/get_stats': 'GetPartitionStatisticsRequest',
    'indexes/create': 'CreateIndexRequest',
    'indexes/drop': 'DropIndexRequest',
    'indexes/describe': 'DescribeIndexRequest',
    'indexes/list': 'DescribeIndexRequest',
    'indexes/alter_properties': 'AlterIndexRequest',
    'indexes/drop_properties': 'AlterIndexRequest',
    'aliases/create': 'CreateAliasRequest',
    'aliases/drop': 'DropAliasRequest',
    'aliases/alter': 'AlterAliasRequest',
    'aliases/describe': 'DescribeAliasRequest',
    'aliases/list': 'ListAliasesRequest',
    'databases/create': 'CreateDatabaseRequest',
    'databases/drop': 'DropDatabaseRequest',
    'databases/list': 'ListDatabasesRequest',
    'databases/describe': 'DescribeDatabaseRequest',
    'databases/alter': 'AlterDatabaseRequest',
    'databases/alter_properties': 'AlterDatabaseRequest',
    'databases/drop_properties': 'AlterDatabaseRequest',
    'users/create': 'CreateCredentialRequest',
    'users/update_password': 'UpdateCredentialRequest',
    'users/drop': 'DeleteCredentialRequest',
    'users/list': 'ListCredUsersRequest',
    'users/describe': 'SelectUserRequest',
    'users/grant_role': 'OperateUserRoleRequest',
    'users/revoke_role': 'OperateUserRoleRequest',
    'roles/create': 'CreateRoleRequest',
    'roles/drop': 'DropRoleRequest',
    'roles/list': 'SelectRoleRequest',
    'roles/describe': 'SelectGrantRequest',
    'roles/grant_privilege': 'OperatePrivilegeRequest',
    'roles/revoke_privilege': 'OperatePrivilegeRequest',
    'roles/grant_privilege_v2': 'OperatePrivilegeV2Request',
    'roles/revoke_privilege_v2': 'OperatePrivilegeV2Request',
    'privilege_groups/create': 'CreatePrivilegeGroupRequest',
    'privilege_groups/drop': 'DropPrivilegeGroupRequest',
    'privilege_groups/list': 'ListPrivilegeGroupsRequest',
    'privilege_groups/add_privileges_to_group': 'OperatePrivilegeGroupRequest',
    'privilege_groups/remove_privileges_from_group': 'OperatePrivilegeGroupRequest',
    'resource_groups/create': 'CreateResourceGroupRequest',
    'resource_groups/drop': 'DropResourceGroupRequest',
    'resource_groups/describe': 'DescribeResourceGroupRequest',
    'resource_groups/list': 'ListResourceGroupsRequest',
    'resource_groups/alter': 'UpdateResourceGroupsRequest',
    'resource_groups/transfer_replica': 'TransferReplicaRequest',
  }).map(([route, type]) => [route, M + type]),
);

/** The gRPC-shaped fields a privilege check reads, from a REST body. */
export function grpcShapeOf(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const collection = typeof body.collectionName === 'string' ? body.collectionName : '';
  const user = typeof body.userName === 'string' ? body.userName : '';
  const role = typeof body.roleName === 'string' ? body.roleName : '';
  return {
    collection_name: collection,
    collection_names: collection ? [collection] : [],
    username: user,
    user: { name: user },
    entity: { name: role, role: { name: role } },
  };
}

export function restDenial(message: string): { status: number; body: { code: number; message: string } } {
  return { status: 403, body: { code: 65535, message: `rpc error: code = PermissionDenied desc = ${message}` } };
}
