/**
 * What a Milvus 2.6 standalone knows about privileges before anyone creates anything: the privilege
 * names (the `common.ObjectPrivilege` enum without its `Privilege` prefix, as `util.MetaStore2API`
 * spells them), the object types a V1 grant may name (`commonpb.ObjectType`), which privilege a V1
 * grant accepts on which object (`util.ObjectPrivileges`), and the nine built-in privilege groups
 * (`common.security.rbac.*.privileges` in milvus.yaml; milvus.io `privilege_group.md`).
 */

/** The built-in privilege groups and their privileges, by level. */
export const BUILTIN_GROUPS: Readonly<Record<string, readonly string[]>> = (() => {
  const collectionRO = [
    'Query', 'Search', 'IndexDetail', 'GetFlushState', 'GetLoadState', 'GetLoadingProgress', 'HasPartition',
    'ShowPartitions', 'DescribeCollection', 'DescribeAlias', 'GetStatistics', 'ListAliases',
  ];
  const collectionRW = [
    ...collectionRO, 'Load', 'Release', 'Insert', 'Delete', 'Upsert', 'Import', 'Flush', 'Compaction', 'LoadBalance',
    'CreateIndex', 'DropIndex', 'CreatePartition', 'DropPartition',
  ];
  const databaseRO = ['ShowCollections', 'DescribeDatabase'];
  const clusterRO = ['ListDatabases', 'SelectOwnership', 'SelectUser', 'DescribeResourceGroup', 'ListResourceGroups', 'ListPrivilegeGroups'];
  const clusterRW = [...clusterRO, 'FlushAll', 'TransferNode', 'TransferReplica', 'UpdateResourceGroups'];
  return {
    CollectionReadOnly: collectionRO,
    CollectionReadWrite: collectionRW,
    CollectionAdmin: [...collectionRW, 'CreateAlias', 'DropAlias'],
    DatabaseReadOnly: databaseRO,
    DatabaseReadWrite: [...databaseRO, 'AlterDatabase'],
    DatabaseAdmin: [...databaseRO, 'AlterDatabase', 'CreateCollection', 'DropCollection'],
    ClusterReadOnly: clusterRO,
    ClusterReadWrite: clusterRW,
    ClusterAdmin: [
      ...clusterRW, 'BackupRBAC', 'RestoreRBAC', 'CreateDatabase', 'DropDatabase', 'CreateOwnership', 'DropOwnership',
      'ManageOwnership', 'CreateResourceGroup', 'DropResourceGroup', 'UpdateUser', 'RenameCollection',
      'CreatePrivilegeGroup', 'DropPrivilegeGroup', 'OperatePrivilegeGroup',
    ],
  };
})();

/** The privilege names the server defines (the ObjectPrivilege enum of milvus-proto 2.6, prefix dropped). */
const PRIVILEGES = [
  'All', 'CreateCollection', 'DropCollection', 'DescribeCollection', 'ShowCollections', 'Load', 'Release', 'Compaction',
  'Insert', 'Delete', 'GetStatistics', 'CreateIndex', 'IndexDetail', 'DropIndex', 'Search', 'Flush', 'Query',
  'LoadBalance', 'Import', 'CreateOwnership', 'UpdateUser', 'DropOwnership', 'SelectOwnership', 'ManageOwnership',
  'SelectUser', 'Upsert', 'CreateResourceGroup', 'DropResourceGroup', 'DescribeResourceGroup', 'ListResourceGroups',
  'TransferNode', 'TransferReplica', 'GetLoadingProgress', 'GetLoadState', 'RenameCollection', 'CreateDatabase',
  'DropDatabase', 'ListDatabases', 'FlushAll', 'CreatePartition', 'DropPartition', 'ShowPartitions', 'HasPartition',
  'GetFlushState', 'CreateAlias', 'DropAlias', 'DescribeAlias', 'ListAliases', 'UpdateResourceGroups', 'AlterDatabase',
  'DescribeDatabase', 'BackupRBAC', 'RestoreRBAC', 'CreatePrivilegeGroup', 'DropPrivilegeGroup', 'ListPrivilegeGroups',
  'OperatePrivilegeGroup', 'GetImportProgress', 'ListImport', 'AddCollectionField', 'AddFileResource',
  'RemoveFileResource', 'ListFileResources',
];

const DEFINED = new Set([...PRIVILEGES, ...Object.keys(BUILTIN_GROUPS)]);

/** `util.IsPrivilegeNameDefined`: a built-in privilege or built-in group name. */
export function isPrivilegeDefined(name: string): boolean {
  return DEFINED.has(name);
}

export function isBuiltinGroup(name: string): boolean {
  return Object.hasOwn(BUILTIN_GROUPS, name);
}

/** `commonpb.ObjectType` names, in enum order. */
export const OBJECT_TYPES = ['Collection', 'Global', 'User'] as const;

const COLLECTION_LEVEL = new Set([...(BUILTIN_GROUPS.CollectionAdmin ?? []), 'GetImportProgress', 'ListImport', 'AddCollectionField']);
const DATABASE_LEVEL = new Set(BUILTIN_GROUPS.DatabaseAdmin ?? []);
const USER_LEVEL = new Set(['UpdateUser', 'SelectUser']);
const ALIASES = new Set(['CreateAlias', 'DropAlias', 'DescribeAlias', 'ListAliases']);

/** Which privileges a V1 grant accepts on each object type (`util.ObjectPrivileges`). */
export function objectAccepts(objectType: string, privilege: string): boolean {
  switch (objectType) {
    case 'Collection':
      return COLLECTION_LEVEL.has(privilege);
    case 'User':
      return USER_LEVEL.has(privilege);
    case 'Global':
      // Everything else, and the alias privileges, which V1 grants on Global.
      return ALIASES.has(privilege) || (PRIVILEGES.includes(privilege) && !COLLECTION_LEVEL.has(privilege) && !USER_LEVEL.has(privilege));
    default:
      return false;
  }
}

export type PrivilegeLevel = 'Cluster' | 'Database' | 'Collection';

/** `util.GetPrivilegeLevel` for a built-in privilege. */
export function privilegeLevel(privilege: string): PrivilegeLevel {
  if (COLLECTION_LEVEL.has(privilege)) return 'Collection';
  if (DATABASE_LEVEL.has(privilege)) return 'Database';
  return 'Cluster';
}

/** The object type a V2 grant is stored under (`util.GetObjectType`): collection-level → Collection. */
export function objectTypeOfLevel(level: PrivilegeLevel): 'Collection' | 'Global' {
  return level === 'Collection' ? 'Collection' : 'Global';
}
