/**
 * REST v2 `users/*`, `roles/*` and `privilege_groups/*` (handler_v2.go listUsers ... operatePrivilegeGroup;
 * request structs from request_v2.go: PasswordReq, NewPasswordReq, UserReq, UserRoleReq, RoleReq,
 * GrantReq, GrantV2Req, PrivilegeGroupReq). Passwords travel in clear here (the handler base64-encodes
 * them for the proxy, which decodes them again). `roles/describe` lists the grants in the request's
 * database; `privilege_groups/list` joins each group's privileges with commas.
 */
import { DB_NAME, field, required, type Bound, type StructSpec } from './binding.js';
import { ok } from './envelope.js';
import type { RestContext, RestRoutes } from './route.js';

const spec = (name: string, ...fields: StructSpec['fields']): StructSpec => ({ name, fields });
const USER_NAME = required('userName', 'string');
const ROLE_NAME = required('roleName', 'string');
const EmptyReq = spec('EmptyReq');
const UserReq = spec('UserReq', USER_NAME);
const PasswordReq = spec('PasswordReq', USER_NAME, required('password', 'string'));
const NewPasswordReq = spec('NewPasswordReq', USER_NAME, required('password', 'string'), required('newPassword', 'string'));
const UserRoleReq = spec('UserRoleReq', USER_NAME, ROLE_NAME);
const RoleReq = spec('RoleReq', DB_NAME, ROLE_NAME);
const GrantReq = spec(
  'GrantReq',
  ROLE_NAME,
  required('objectType', 'string'),
  required('objectName', 'string'),
  required('privilege', 'string'),
  DB_NAME,
);
const GrantV2Req = spec('GrantV2Req', ROLE_NAME, DB_NAME, field('collectionName', 'string'), required('privilege', 'string'));
const PrivilegeGroupReq = spec('PrivilegeGroupReq', required('privilegeGroupName', 'string'), field('privileges', 'strings'));

const s = (r: Bound, key: string) => String(r[key] ?? '');
const grantor = (ctx: RestContext) => ctx.user ?? 'root';
const done = (action: (r: Bound, ctx: RestContext) => void) => (r: Bound, ctx: RestContext) => {
  action(r, ctx);
  return ok({});
};

function grantV1(grant: boolean) {
  return done((r, ctx) =>
    ctx.service.rbac.operatePrivilege(
      { role: s(r, 'roleName'), objectType: s(r, 'objectType'), objectName: s(r, 'objectName'), dbName: ctx.db, privilege: s(r, 'privilege') },
      grantor(ctx),
      grant,
    ),
  );
}

function grantV2(grant: boolean) {
  return done((r, ctx) =>
    ctx.service.rbac.operatePrivilegeV2(
      { role: s(r, 'roleName'), privilege: s(r, 'privilege'), dbName: s(r, 'dbName'), collectionName: s(r, 'collectionName') },
      grantor(ctx),
      grant,
    ),
  );
}

function operateGroup(add: boolean) {
  return done((r, ctx) =>
    ctx.service.rbac.operatePrivilegeGroup(s(r, 'privilegeGroupName'), (r.privileges as string[] | null) ?? [], add),
  );
}

export const rbacRoutes: RestRoutes = {
  'users/list': { spec: EmptyReq, handle: (_r, ctx) => ok(ctx.service.rbac.listUsers()) },
  'users/describe': {
    spec: UserReq,
    handle: (r, ctx) => ok(ctx.service.rbac.selectUser(s(r, 'userName'), true).flatMap((u) => u.roles)),
  },
  'users/create': { spec: PasswordReq, handle: done((r, ctx) => ctx.service.rbac.createUser(s(r, 'userName'), s(r, 'password'))) },
  'users/update_password': {
    spec: NewPasswordReq,
    handle: done((r, ctx) => ctx.service.rbac.updatePassword(s(r, 'userName'), s(r, 'password'), s(r, 'newPassword'))),
  },
  'users/drop': { spec: UserReq, handle: done((r, ctx) => ctx.service.rbac.deleteUser(s(r, 'userName'))) },
  'users/grant_role': { spec: UserRoleReq, handle: done((r, ctx) => ctx.service.rbac.addUserToRole(s(r, 'userName'), s(r, 'roleName'))) },
  'users/revoke_role': {
    spec: UserRoleReq,
    handle: done((r, ctx) => ctx.service.rbac.removeUserFromRole(s(r, 'userName'), s(r, 'roleName'))),
  },

  'roles/list': { spec: EmptyReq, handle: (_r, ctx) => ok(ctx.service.rbac.selectRole(undefined, false).map((role) => role.role)) },
  'roles/describe': {
    spec: RoleReq,
    handle: (r, ctx) =>
      ok(
        ctx.service.rbac.selectGrant({ role: s(r, 'roleName'), dbName: ctx.db }).map((g) => ({
          objectType: g.objectType,
          objectName: g.objectName,
          privilege: g.privilege,
          dbName: g.dbName,
          grantor: g.grantor,
        })),
      ),
  },
  'roles/create': { spec: RoleReq, handle: done((r, ctx) => ctx.service.rbac.createRole(s(r, 'roleName'))) },
  'roles/drop': { spec: RoleReq, handle: done((r, ctx) => ctx.service.rbac.dropRole(s(r, 'roleName'))) },
  'roles/grant_privilege': { spec: GrantReq, handle: grantV1(true) },
  'roles/revoke_privilege': { spec: GrantReq, handle: grantV1(false) },
  'roles/grant_privilege_v2': { spec: GrantV2Req, handle: grantV2(true) },
  'roles/revoke_privilege_v2': { spec: GrantV2Req, handle: grantV2(false) },

  'privilege_groups/create': {
    spec: PrivilegeGroupReq,
    handle: done((r, ctx) => ctx.service.rbac.createPrivilegeGroup(s(r, 'privilegeGroupName'))),
  },
  'privilege_groups/drop': {
    spec: PrivilegeGroupReq,
    handle: done((r, ctx) => ctx.service.rbac.dropPrivilegeGroup(s(r, 'privilegeGroupName'))),
  },
  'privilege_groups/list': {
    spec: EmptyReq,
    handle: (_r, ctx) =>
      ok({
        privilegeGroups: ctx.service.rbac
          .listPrivilegeGroups()
          .map((g) => ({ privilegeGroupName: g.name, privileges: g.privileges.join(',') })),
      }),
  },
  'privilege_groups/add_privileges_to_group': { spec: PrivilegeGroupReq, handle: operateGroup(true) },
  'privilege_groups/remove_privileges_from_group': { spec: PrivilegeGroupReq, handle: operateGroup(false) },
};
