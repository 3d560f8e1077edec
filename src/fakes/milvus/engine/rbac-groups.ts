/**
 * Custom privilege groups (CreatePrivilegeGroup, DropPrivilegeGroup, OperatePrivilegeGroup), checked
 * as rootcoord's CheckIfPrivilegeGroupCreatable / CheckIfPrivilegeGroupDropable /
 * CheckIfPrivilegeGroupAlterable check them; the 2.6 broadcast path prefixes the create and alter
 * checks ("failed to check if privilege group creatable: ..."). The proxy's own group-name check is
 * approximated by the generic name rule (letters, digits, `_`, `$`; first a letter or `_`).
 */
import { errors } from '../errors/status.js';
import { isPrivilegeDefined, privilegeLevel } from './rbac-catalog.js';
import type { RbacState } from './rbac-state.js';
import { rootcoordError, validateName, validateNameOrAny } from './rbac-validate.js';

export function createPrivilegeGroup(state: RbacState, raw: string): void {
  validateName(raw, 'privilege group name');
  const name = raw.trim();
  const prefix = 'failed to check if privilege group creatable';
  if (state.groups.has(name)) throw errors.invalidParameter(`${prefix}: privilege group name [${name}] is defined by users`);
  if (isPrivilegeDefined(name)) {
    throw errors.invalidParameter(`${prefix}: privilege group name [${name}] is defined by built in privileges or privilege groups in system`);
  }
  state.groups.set(name, []);
}

export function dropPrivilegeGroup(state: RbacState, name: string): void {
  validateName(name, 'privilege group name');
  if (!state.groups.has(name)) throw rootcoordError('not a custom privilege group');
  const user = state.grants.find((g) => g.privilege === name);
  if (user) {
    throw errors.invalidParameter(`privilege group [${name}] is used by role [${user.role}], Use REVOKE API to revoke it first`);
  }
  state.groups.delete(name);
}

export function operatePrivilegeGroup(state: RbacState, name: string, privileges: readonly string[], add: boolean): void {
  validateName(name, 'privilege group name');
  for (const privilege of privileges) validateNameOrAny(privilege, 'Privilege');
  const prefix = 'failed to check if privilege group alterable';
  const current = state.groups.get(name);
  if (!current) throw errors.invalidParameter(`${prefix}: there is no privilege group name [${name}] defined in system to operate`);
  if (privileges.length === 0) throw errors.invalidParameter(`${prefix}: privileges is empty when alter the privilege group`);
  for (const privilege of privileges) {
    if (!isPrivilegeDefined(privilege) && !state.groups.has(privilege)) {
      throw errors.invalidParameter(`${prefix}: there is no privilege name or privilege group name [${privilege}] defined in system to operate`);
    }
  }
  if (add) {
    const levels = new Set([...current, ...privileges].map(privilegeLevel));
    if (levels.size > 1) throw errors.invalidParameter(`${prefix}: privileges are not the same privilege level`);
    for (const privilege of privileges) if (!current.includes(privilege)) current.push(privilege);
  } else {
    state.groups.set(name, current.filter((p) => !privileges.includes(p)));
  }
}
