/**
 * BackupRBAC / RestoreRBAC: the whole RBAC metadata as one `RBACMeta` value (users with their roles,
 * roles, grants, custom privilege groups), and its restore with rootcoord's CheckIfRBACRestorable
 * refusals ("rbac meta is empty", "role [x] already exists", ...; plain errors, code 65535), nothing
 * changed on a refusal. The backup leaves out what every server already has (the user root, the roles
 * admin and public), so a backup restores onto a fresh server. A real backup carries bcrypt hashes; the
 * fake's `password` is its own opaque form (`fake:` + base64), which only the fake can restore.
 */
import { isPrivilegeDefined } from './rbac-catalog.js';
import { DEFAULT_ROLES, ROOT_USER, type GrantRecord, type RbacState } from './rbac-state.js';
import { rootcoordError } from './rbac-validate.js';

export interface RbacMeta {
  readonly users: readonly { readonly user: string; readonly password: string; readonly roles: readonly string[] }[];
  readonly roles: readonly { readonly name: string; readonly description: string }[];
  readonly grants: readonly GrantRecord[];
  readonly privilegeGroups: readonly { readonly name: string; readonly privileges: readonly string[] }[];
}

const sealPassword = (password: string) => `fake:${Buffer.from(password, 'utf8').toString('base64')}`;
const openPassword = (sealed: string) => (sealed.startsWith('fake:') ? Buffer.from(sealed.slice(5), 'base64').toString('utf8') : sealed);

export function backupRbac(state: RbacState): RbacMeta {
  return {
    users: [...state.users.entries()]
      .filter(([name]) => name !== ROOT_USER)
      .map(([user, record]) => ({ user, password: sealPassword(record.password), roles: state.rolesOf(user) })),
    roles: [...state.roles.entries()].filter(([name]) => !DEFAULT_ROLES.includes(name)).map(([name, description]) => ({ name, description })),
    grants: state.grants.map((g) => ({ ...g })),
    privilegeGroups: [...state.groups.entries()].map(([name, privileges]) => ({ name, privileges: [...privileges] })),
  };
}

function check(state: RbacState, meta: RbacMeta): void {
  if (meta.users.length + meta.roles.length + meta.grants.length + meta.privilegeGroups.length === 0) throw rootcoordError('rbac meta is empty');
  const rolesAfter = new Set(state.roles.keys());
  for (const role of meta.roles) {
    if (state.roles.has(role.name)) throw rootcoordError(`role [${role.name}] already exists`);
    rolesAfter.add(role.name);
  }
  const groupsAfter = new Set(state.groups.keys());
  for (const group of meta.privilegeGroups) {
    if (state.groups.has(group.name)) throw rootcoordError(`privilege group [${group.name}] already exists`);
    groupsAfter.add(group.name);
  }
  for (const grant of meta.grants) {
    if (grant.privilege !== '*' && !groupsAfter.has(grant.privilege) && !isPrivilegeDefined(grant.privilege)) {
      throw rootcoordError(`privilege [${grant.privilege}] does not exist`);
    }
  }
  for (const user of meta.users) {
    if (state.users.has(user.user)) throw rootcoordError(`user [${user.user}] already exists`);
    for (const role of user.roles) if (!rolesAfter.has(role)) throw rootcoordError(`role [${role}] does not exist`);
  }
}

export function restoreRbac(state: RbacState, meta: RbacMeta): void {
  check(state, meta);
  for (const role of meta.roles) state.roles.set(role.name, role.description);
  for (const group of meta.privilegeGroups) state.groups.set(group.name, [...group.privileges]);
  for (const grant of meta.grants) if (!state.grants.some((g) => state.sameGrant(g, grant))) state.grants.push({ ...grant });
  for (const user of meta.users) {
    state.users.set(user.user, { password: openPassword(user.password), description: '' });
    state.bindings.set(user.user, new Set(user.roles));
  }
}
