/**
 * Privilege checks with authorization on, as the proxy's PrivilegeInterceptor decides them
 * (internal/proxy/privilege_interceptor.go, casbin model `r.sub == p.sub && globMatch(r.obj, p.obj) &&
 * globMatch(r.act, p.act) || r.sub == "admin" || (dbMatch && privilegeGroupContains)`):
 * - `root` passes (rootShouldBindRole is off by default); a user bound to `admin` passes;
 * - every user also holds `public`, whose default grants (rootcoord initPublicRolePrivilege) are
 *   Global DescribeCollection and ListAliases and Collection IndexDetail, on every database;
 * - a grant matches on object type, database (`*` or the call's), object name (`*` or the call's) and
 *   privilege (`*`/All, the privilege itself, or a built-in or custom privilege group containing it);
 * - a User-object call on the caller's own user, and SelectGrant on one of the caller's roles, pass.
 * The denial text is the interceptor's: "<Privilege...>: permission deny to <user> in the `<db>` database".
 */
import { BUILTIN_GROUPS, isBuiltinGroup } from './rbac-catalog.js';
import { ROOT_USER, type GrantRecord, type RbacState } from './rbac-state.js';

export interface PrivilegeCheck {
  /** `Collection`, `Global` or `User` (the request message's privilege_ext_obj.object_type). */
  readonly objectType: string;
  /** The enum name, `PrivilegeInsert`. */
  readonly privilege: string;
  /** The objects the call names (`*` for a Global one). */
  readonly objectNames: readonly string[];
  readonly dbName: string;
  /** SelectGrant's role, for "a user may read its own roles' grants". */
  readonly grantRole?: string;
}

const PUBLIC_DEFAULTS: readonly Pick<GrantRecord, 'objectType' | 'privilege'>[] = [
  { objectType: 'Global', privilege: 'DescribeCollection' },
  { objectType: 'Global', privilege: 'ListAliases' },
  { objectType: 'Collection', privilege: 'IndexDetail' },
];

function groupMembers(state: RbacState, name: string): readonly string[] | undefined {
  return isBuiltinGroup(name) ? BUILTIN_GROUPS[name] : state.groups.get(name);
}

function grantPermits(state: RbacState, grant: Omit<GrantRecord, 'role' | 'grantor'>, check: PrivilegeCheck, privilege: string, objectName: string): boolean {
  if (grant.dbName !== '*' && grant.dbName !== check.dbName) return false;
  const members = groupMembers(state, grant.privilege);
  if (members) {
    if (!members.includes(privilege)) return false;
    // Collection-level groups also match the collection (collMatch); database and cluster ones do not.
    if (grant.objectType !== 'Collection') return true;
    return grant.objectName === '*' || grant.objectName === '' || objectName === '*' || grant.objectName === objectName;
  }
  if (grant.objectType !== check.objectType) return false;
  if (grant.objectName !== '*' && grant.objectName !== objectName) return false;
  return grant.privilege === '*' || grant.privilege === 'All' || grant.privilege === privilege;
}

/** Whether `user` may make the call. */
export function permits(state: RbacState, user: string, check: PrivilegeCheck): boolean {
  if (user === ROOT_USER) return true;
  const roles = [...state.rolesOf(user), 'public'];
  if (roles.includes('admin')) return true;
  if (check.objectType === 'User' && check.objectNames.length === 1 && check.objectNames[0] === user) return true;
  if (check.grantRole !== undefined && roles.includes(check.grantRole)) return true;
  const privilege = check.privilege.replace(/^Privilege/, '');
  const names = check.objectNames.length > 0 ? check.objectNames : ['*'];
  return roles.some((role) => {
    const grants: Omit<GrantRecord, 'role' | 'grantor'>[] = state.grants.filter((g) => g.role === role);
    if (role === 'public') for (const d of PUBLIC_DEFAULTS) grants.push({ ...d, objectName: '*', dbName: '*' });
    return names.every((name) => grants.some((g) => grantPermits(state, g, check, privilege, name)));
  });
}

export function denialMessage(check: PrivilegeCheck, user: string): string {
  return `${check.privilege}: permission deny to ${user} in the \`${check.dbName}\` database`;
}
