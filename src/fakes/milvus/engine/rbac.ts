/**
 * One fake's RBAC: users, roles, bindings, grants and privilege groups, with the server's checks and
 * errors. Pure (no I/O); both transports call it through `MilvusService.rbac`. Authentication
 * (`verify`) is the transports' business: this only answers whether a user:password pair is stored.
 *
 * @example
 * const rbac = new Rbac();
 * rbac.createUser('alice', 'secret-pw');
 * rbac.verify('alice', 'secret-pw'); // true
 */
import * as accounts from './rbac-accounts.js';
import { backupRbac, restoreRbac, type RbacMeta } from './rbac-backup.js';
import * as grants from './rbac-grants.js';
import * as groups from './rbac-groups.js';
import { RbacState, type GrantRecord } from './rbac-state.js';

import { permits, type PrivilegeCheck } from './rbac-authorize.js';
export { denialMessage, type PrivilegeCheck } from './rbac-authorize.js';
export type { RbacMeta } from './rbac-backup.js';
export type { GrantRecord } from './rbac-state.js';
export type { RoleResult, UserResult } from './rbac-accounts.js';
export type { GrantFilter, GrantV1, GrantV2 } from './rbac-grants.js';

export class Rbac {
  readonly #state = new RbacState();

  /** Whether `user` may make a call that needs `check` (privilege_interceptor.go); see rbac-authorize.ts. */
  permits(user: string, check: PrivilegeCheck): boolean {
    return permits(this.#state, user, check);
  }

  /** True when `user` exists and `password` is its password (the auth interceptor's passwordVerify). */
  verify(user: string, password: string): boolean {
    return this.#state.users.get(user)?.password === password;
  }

  createUser(username: string, password: string, description?: string): void {
    accounts.createUser(this.#state, username, password, description);
  }
  updatePassword(username: string, oldPassword: string, newPassword: string): void {
    accounts.updatePassword(this.#state, username, oldPassword, newPassword);
  }
  deleteUser(username: string): void {
    accounts.deleteUser(this.#state, username);
  }
  listUsers(): string[] {
    return accounts.listUsers(this.#state);
  }
  selectUser(username: string | undefined, includeRoles: boolean): accounts.UserResult[] {
    return accounts.selectUser(this.#state, username, includeRoles);
  }
  createRole(role: string, description?: string): void {
    accounts.createRole(this.#state, role, description);
  }
  dropRole(role: string, force = false): void {
    accounts.dropRole(this.#state, role, force);
  }
  addUserToRole(username: string, role: string): void {
    accounts.operateUserRole(this.#state, username, role, true);
  }
  removeUserFromRole(username: string, role: string): void {
    accounts.operateUserRole(this.#state, username, role, false);
  }
  selectRole(role: string | undefined, includeUsers: boolean): accounts.RoleResult[] {
    return accounts.selectRole(this.#state, role, includeUsers);
  }
  operatePrivilege(request: grants.GrantV1, grantor: string, grant: boolean): void {
    grants.operatePrivilege(this.#state, request, grantor, grant);
  }
  operatePrivilegeV2(request: grants.GrantV2, grantor: string, grant: boolean): void {
    grants.operatePrivilegeV2(this.#state, request, grantor, grant);
  }
  selectGrant(filter: grants.GrantFilter): GrantRecord[] {
    return grants.selectGrant(this.#state, filter);
  }
  createPrivilegeGroup(name: string): void {
    groups.createPrivilegeGroup(this.#state, name);
  }
  dropPrivilegeGroup(name: string): void {
    groups.dropPrivilegeGroup(this.#state, name);
  }
  listPrivilegeGroups(): { name: string; privileges: string[] }[] {
    return grants.allGroups(this.#state);
  }
  operatePrivilegeGroup(name: string, privileges: readonly string[], add: boolean): void {
    groups.operatePrivilegeGroup(this.#state, name, privileges, add);
  }
  backup(): RbacMeta {
    return backupRbac(this.#state);
  }
  restore(meta: RbacMeta): void {
    restoreRbac(this.#state, meta);
  }
}
