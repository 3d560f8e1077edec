/**
 * Grants: OperatePrivilege (V1: object type + object name), OperatePrivilegeV2 (privilege or group
 * with db and collection) and SelectGrant, as the proxy (validPrivilegeParams, validGrantParams) and
 * rootcoord (operatePrivilegeCommonCheck, isValidPrivilege, isValidPrivilegeV2,
 * validatePrivilegeGroupParams, SelectGrant) check them. Granting twice or revoking what is not granted
 * succeeds (the catalog ignores both). V1 grants of Load and Flush also grant their related privileges
 * (util.RelatedPrivileges), as the proxy does.
 */
import { errors } from '../errors/status.js';
import { BUILTIN_GROUPS, isBuiltinGroup, isPrivilegeDefined, OBJECT_TYPES, objectAccepts, objectTypeOfLevel, privilegeLevel, type PrivilegeLevel } from './rbac-catalog.js';
import type { GrantRecord, RbacState } from './rbac-state.js';
import { rootcoordError, validateName, validateNameOrAny } from './rbac-validate.js';

export interface GrantV1 {
  readonly role: string;
  readonly objectType: string;
  readonly objectName: string;
  readonly dbName: string;
  readonly privilege: string;
}

export interface GrantV2 {
  readonly role: string;
  readonly privilege: string;
  readonly dbName: string;
  readonly collectionName: string;
}

const RELATED: Readonly<Record<string, readonly string[]>> = { Load: ['GetLoadState', 'GetLoadingProgress'], Flush: ['GetFlushState'] };

const COMMON = 'failed to operate privilege common check';

function commonCheck(state: RbacState, role: string, objectType: string, grantor: string): void {
  if (!(OBJECT_TYPES as readonly string[]).includes(objectType)) throw rootcoordError(`${COMMON}: the object entity in the request is nil or invalid`);
  if (!state.roles.has(role)) throw rootcoordError(`${COMMON}: not found the role, maybe the role isn't existed or internal system error`);
  if (!state.users.has(grantor)) throw rootcoordError(`${COMMON}: not found the user, maybe the user isn't existed or internal system error`);
}

function apply(state: RbacState, grant: GrantRecord, grantIt: boolean): void {
  const present = state.grants.some((g) => state.sameGrant(g, grant));
  if (grantIt && !present) state.grants.push(grant);
  if (!grantIt && present) state.grants = state.grants.filter((g) => !state.sameGrant(g, grant));
}

export function operatePrivilege(state: RbacState, request: GrantV1, grantor: string, grantIt: boolean): void {
  validateNameOrAny(request.privilege, 'Privilege');
  validateName(request.objectType, 'ObjectType');
  validateNameOrAny(request.objectName, 'object name');
  validateName(request.role, 'role name');
  commonCheck(state, request.role, request.objectType, grantor);
  const { privilege, objectType } = request;
  if (privilege !== '*') {
    if (state.groups.has(privilege)) throw rootcoordError(`can not operate the custom privilege group [${privilege}]`);
    if (isBuiltinGroup(privilege)) throw rootcoordError(`can not operate the built-in privilege group [${privilege}]`);
    if (!isPrivilegeDefined(privilege) || !objectAccepts(objectType, privilege)) {
      throw rootcoordError(`not found the privilege name[${privilege}] in object[${objectType}]`);
    }
  }
  const objectName = objectType === 'Global' ? '*' : request.objectName;
  const dbName = request.dbName || 'default';
  for (const name of [privilege, ...(RELATED[privilege] ?? [])]) {
    apply(state, { role: request.role, objectType, objectName, dbName, privilege: name, grantor }, grantIt);
  }
}

function levelOf(state: RbacState, privilege: string): PrivilegeLevel | undefined {
  if (isBuiltinGroup(privilege)) return privilege.startsWith('Collection') ? 'Collection' : privilege.startsWith('Database') ? 'Database' : 'Cluster';
  const members = state.groups.get(privilege);
  if (members) return members[0] === undefined ? undefined : privilegeLevel(members[0]);
  return privilegeLevel(privilege);
}

export function operatePrivilegeV2(state: RbacState, request: GrantV2, grantor: string, grantIt: boolean): void {
  validateName(request.role, 'role name');
  validateNameOrAny(request.privilege, 'Privilege');
  validateNameOrAny(request.collectionName, 'collection name');
  commonCheck(state, request.role, 'Global', grantor);
  const { privilege, dbName, collectionName } = request;
  if (privilege !== '*' && !state.groups.has(privilege) && !isPrivilegeDefined(privilege)) {
    throw rootcoordError(`not found the privilege name[${privilege}]`);
  }
  const groupLevel = isBuiltinGroup(privilege) || state.groups.has(privilege) ? levelOf(state, privilege) : undefined;
  if (groupLevel === 'Cluster' && (dbName !== '*' || collectionName !== '*')) {
    throw errors.invalidParameter(`dbName and collectionName should be * for the cluster level privilege: ${privilege}`);
  }
  if (groupLevel === 'Database' && collectionName !== '' && collectionName !== '*') {
    throw errors.invalidParameter(`collectionName should be * for the database level privilege: ${privilege}`);
  }
  if (groupLevel === 'Collection' && dbName === '*' && collectionName !== '*' && collectionName !== '') {
    throw errors.invalidParameter(`please specify database name for the collection level privilege: ${privilege}`);
  }
  const objectType = objectTypeOfLevel(levelOf(state, privilege) ?? 'Cluster');
  apply(state, { role: request.role, objectType, objectName: collectionName, dbName: dbName || 'default', privilege, grantor }, grantIt);
}

export interface GrantFilter {
  readonly role: string;
  readonly objectType?: string;
  readonly objectName?: string;
  /** `*` lists every database; empty means `default`. */
  readonly dbName: string;
}

export function selectGrant(state: RbacState, filter: GrantFilter): GrantRecord[] {
  if (filter.objectType !== undefined) {
    validateName(filter.objectType, 'ObjectType');
    validateNameOrAny(filter.objectName ?? '', 'object name');
  }
  validateName(filter.role, 'role name');
  if (!state.roles.has(filter.role)) {
    throw rootcoordError("not found the role, maybe the role isn't existed or internal system error", 'SelectGrantFailure');
  }
  if (filter.objectType !== undefined && !(OBJECT_TYPES as readonly string[]).includes(filter.objectType)) {
    throw rootcoordError(
      `not found the object type[name: ${filter.objectType}], supported the object types: [${OBJECT_TYPES.join(' ')}]`,
      'SelectGrantFailure',
    );
  }
  const db = filter.dbName || 'default';
  return state.grants.filter(
    (g) =>
      g.role === filter.role &&
      (db === '*' || g.dbName === db) &&
      (filter.objectType === undefined || (g.objectType === filter.objectType && g.objectName === filter.objectName)),
  );
}

/** Every built-in group with its privileges, then the custom ones (ListPrivilegeGroups). */
export function allGroups(state: RbacState): { name: string; privileges: string[] }[] {
  return [
    ...Object.entries(BUILTIN_GROUPS).map(([name, privileges]) => ({ name, privileges: [...privileges] })),
    ...[...state.groups.entries()].map(([name, privileges]) => ({ name, privileges: [...privileges] })),
  ];
}
