/**
 * Users, roles and user-role bindings, checked as the proxy (impl.go CreateCredential ... SelectUser)
 * and rootcoord (meta_table.go CheckIfAddCredential, CheckIfDeleteCredential, CheckIfCreateRole,
 * CheckIfDropRole, CheckIfOperateUserRole; rbac errors: "user already exists", "user not found",
 * "role already exists", "role not exists") check them. Rootcoord's plain errors carry code 65535; the
 * 2.6 broadcast path wraps the credential checks ("failed to check if add credential: ...").
 */
import { errors } from '../errors/status.js';
import { DEFAULT_ROLES, ROOT_USER, type RbacState } from './rbac-state.js';
import { privilegeErrors, rootcoordError, validateName, validatePassword, validateUsername } from './rbac-validate.js';

export interface UserResult {
  readonly user: string;
  readonly roles: readonly string[];
  readonly description: string;
}

export interface RoleResult {
  readonly role: string;
  readonly description: string;
  readonly users: readonly string[];
}

export function createUser(state: RbacState, username: string, password: string, description = ''): void {
  validateUsername(username);
  validatePassword(password);
  const name = username.trim();
  if (state.users.has(name)) throw rootcoordError('failed to check if add credential: user already exists');
  state.users.set(name, { password, description });
}

/**
 * UpdateCredential: the new password is checked first, then the old one against the stored one
 * (no superusers are configured on a default standalone, so nobody skips that check).
 */
export function updatePassword(state: RbacState, username: string, oldPassword: string, newPassword: string): void {
  validatePassword(newPassword);
  const user = state.users.get(username);
  if (!user || user.password !== oldPassword) {
    throw privilegeErrors.notAuthenticated(`old password not correct for ${username}`);
  }
  user.password = newPassword;
}

export function deleteUser(state: RbacState, username: string): void {
  if (username === ROOT_USER) throw privilegeErrors.notPermitted('root user cannot be deleted');
  const name = username.trim();
  if (name === '') throw errors.invalidParameter('failed to check if delete credential: username is empty');
  if (!state.users.has(name)) throw rootcoordError('failed to check if delete credential: user not found');
  state.users.delete(name);
  state.bindings.delete(name);
}

export function listUsers(state: RbacState): string[] {
  return [...state.users.keys()].sort();
}

/** SelectUser: one user (none when it does not exist) or every user. */
export function selectUser(state: RbacState, username: string | undefined, includeRoles: boolean): UserResult[] {
  if (username !== undefined) validateUsername(username);
  const names = username === undefined ? listUsers(state) : state.users.has(username) ? [username] : [];
  return names.map((user) => ({
    user,
    roles: includeRoles ? state.rolesOf(user) : [],
    description: state.users.get(user)?.description ?? '',
  }));
}

export function createRole(state: RbacState, role: string, description = ''): void {
  validateName(role, 'role name');
  if (state.roles.has(role)) throw rootcoordError('role already exists');
  state.roles.set(role, description);
}

export function dropRole(state: RbacState, role: string, force: boolean): void {
  validateName(role, 'role name');
  if (DEFAULT_ROLES.includes(role)) {
    throw privilegeErrors.notPermitted(`the role[${role}] is a default role, which can't be dropped`);
  }
  if (!state.roles.has(role)) throw rootcoordError('role not exists');
  if (!force && state.grants.some((g) => g.role === role)) {
    throw errors.invalidParameter('fail to drop the role that it has privileges. Use REVOKE API to revoke privileges');
  }
  state.roles.delete(role);
  state.grants = state.grants.filter((g) => g.role !== role);
  for (const roles of state.bindings.values()) roles.delete(role);
}

/** OperateUserRole: adding twice or removing an absent binding succeeds (the catalog ignores it). */
export function operateUserRole(state: RbacState, username: string, role: string, add: boolean): void {
  validateUsername(username);
  validateName(role, 'role name');
  if (!state.roles.has(role)) throw rootcoordError('role not exists');
  if (add) {
    if (!state.users.has(username)) throw errors.invalidParameter(`user "${username}" not found`);
    const roles = state.bindings.get(username) ?? new Set<string>();
    roles.add(role);
    state.bindings.set(username, roles);
  } else {
    state.bindings.get(username)?.delete(role);
  }
}

/** SelectRole: one role (none when it does not exist) or every role, in key order. */
export function selectRole(state: RbacState, role: string | undefined, includeUsers: boolean): RoleResult[] {
  if (role !== undefined) validateName(role, 'role name');
  const names = role === undefined ? [...state.roles.keys()].sort() : state.roles.has(role) ? [role] : [];
  return names.map((name) => ({
    role: name,
    description: state.roles.get(name) ?? '',
    users: includeUsers ? state.usersOf(name) : [],
  }));
}
