/**
 * RBAC RPCs over the engine's stored RBAC (`service.rbac`), decoded as the proxy decodes them
 * (internal/proxy/impl.go): CreateCredential / UpdateCredential carry base64 passwords
 * (crypto.Base64Decode, standard alphabet with padding); OperatePrivilege's grantor is the calling user
 * (GetCurUserFromContext), `root` for a call without credentials; SelectGrant's empty db means
 * `default` and `*` every database.
 */
import { bool, str, type CallContext, type Handler, type ProtoRequest } from './context.js';
import type { GrantRecord, RbacMeta } from '../engine/rbac.js';
import { validateUsername } from '../engine/rbac-validate.js';
import { MilvusError } from '../errors/status.js';

const obj = (request: ProtoRequest, key: string): ProtoRequest | undefined => {
  const value = request[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ProtoRequest) : undefined;
};
const name = (request: ProtoRequest | undefined): string => (request ? str(request, 'name') : '');
const list = (request: ProtoRequest, key: string): ProtoRequest[] => {
  const value = request[key];
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as ProtoRequest[]) : [];
};
const grantor = (ctx: CallContext): string => ctx.user ?? 'root';

/** Go's base64.StdEncoding.DecodeString, failing where Go fails ("illegal base64 data at input byte N"). */
function decodeBase64(text: string, what: string): string {
  const bad = text.search(/[^A-Za-z0-9+/=]/);
  const shape = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text);
  if (bad >= 0 || !shape) {
    const at = bad >= 0 ? bad : text.length - (text.length % 4 || 4);
    throw new MilvusError(65535, `${what}: illegal base64 data at input byte ${at}`, { input: false });
  }
  return Buffer.from(text, 'base64').toString('utf8');
}

const grantEntity = (g: GrantRecord) => ({
  role: { name: g.role, description: '' },
  object: { name: g.objectType },
  object_name: g.objectName,
  db_name: g.dbName,
  grantor: { user: { name: g.grantor }, privilege: { name: g.privilege } },
});

function metaOf(request: ProtoRequest): RbacMeta {
  const meta = obj(request, 'RBAC_meta') ?? {};
  return {
    users: list(meta, 'users').map((u) => ({ user: str(u, 'user'), password: str(u, 'password'), roles: list(u, 'roles').map(name) })),
    roles: list(meta, 'roles').map((r) => ({ name: name(r), description: str(r, 'description') })),
    grants: list(meta, 'grants').map((g) => ({
      role: name(obj(g, 'role')),
      objectType: name(obj(g, 'object')),
      objectName: str(g, 'object_name'),
      dbName: str(g, 'db_name') || 'default',
      privilege: name(obj(obj(g, 'grantor') ?? {}, 'privilege')),
      grantor: name(obj(obj(g, 'grantor') ?? {}, 'user')),
    })),
    privilegeGroups: list(meta, 'privilege_groups').map((p) => ({ name: str(p, 'group_name'), privileges: list(p, 'privileges').map(name) })),
  };
}

export const rbacHandlers: Record<string, Handler> = {
  CreateCredential: (r, c) => {
    // The proxy checks the name before it decodes the password.
    validateUsername(str(r, 'username'));
    const password = decodeBase64(str(r, 'password'), 'decode password fail');
    c.service.rbac.createUser(str(r, 'username'), password, str(r, 'description'));
    return {};
  },
  UpdateCredential: (r, c) => {
    const oldPassword = decodeBase64(str(r, 'oldPassword'), 'decode old password failed');
    const newPassword = decodeBase64(str(r, 'newPassword'), 'decode password failed');
    c.service.rbac.updatePassword(str(r, 'username'), oldPassword, newPassword);
    return {};
  },
  DeleteCredential: (r, c) => {
    c.service.rbac.deleteUser(str(r, 'username'));
    return {};
  },
  ListCredUsers: (_r, c) => ({ usernames: c.service.rbac.listUsers() }),
  CreateRole: (r, c) => {
    const entity = obj(r, 'entity');
    c.service.rbac.createRole(name(entity), entity ? str(entity, 'description') : '');
    return {};
  },
  DropRole: (r, c) => {
    c.service.rbac.dropRole(str(r, 'role_name'), bool(r, 'force_drop'));
    return {};
  },
  OperateUserRole: (r, c) => {
    const add = str(r, 'type') !== 'RemoveUserFromRole';
    if (add) c.service.rbac.addUserToRole(str(r, 'username'), str(r, 'role_name'));
    else c.service.rbac.removeUserFromRole(str(r, 'username'), str(r, 'role_name'));
    return {};
  },
  SelectRole: (r, c) => {
    const role = obj(r, 'role');
    return {
      results: c.service.rbac.selectRole(role ? name(role) : undefined, bool(r, 'include_user_info')).map((x) => ({
        role: { name: x.role, description: x.description },
        users: x.users.map((u) => ({ name: u })),
      })),
    };
  },
  SelectUser: (r, c) => {
    const user = obj(r, 'user');
    return {
      results: c.service.rbac.selectUser(user ? name(user) : undefined, bool(r, 'include_role_info')).map((x) => ({
        user: { name: x.user },
        roles: x.roles.map((role) => ({ name: role, description: '' })),
        description: x.description,
      })),
    };
  },
  OperatePrivilege: (r, c) => {
    const entity = obj(r, 'entity') ?? {};
    const request = {
      role: name(obj(entity, 'role')),
      objectType: name(obj(entity, 'object')),
      objectName: str(entity, 'object_name'),
      dbName: str(entity, 'db_name') || c.db,
      privilege: name(obj(obj(entity, 'grantor') ?? {}, 'privilege')),
    };
    c.service.rbac.operatePrivilege(request, grantor(c), str(r, 'type') !== 'Revoke');
    return {};
  },
  OperatePrivilegeV2: (r, c) => {
    const request = {
      role: name(obj(r, 'role')),
      privilege: name(obj(obj(r, 'grantor') ?? {}, 'privilege')),
      dbName: str(r, 'db_name'),
      collectionName: str(r, 'collection_name'),
    };
    c.service.rbac.operatePrivilegeV2(request, grantor(c), str(r, 'type') !== 'Revoke');
    return {};
  },
  SelectGrant: (r, c) => {
    const entity = obj(r, 'entity') ?? {};
    const object = obj(entity, 'object');
    const grants = c.service.rbac.selectGrant({
      role: name(obj(entity, 'role')),
      ...(object ? { objectType: name(object), objectName: str(entity, 'object_name') } : {}),
      dbName: str(entity, 'db_name'),
    });
    return { entities: grants.map(grantEntity) };
  },
  CreatePrivilegeGroup: (r, c) => {
    c.service.rbac.createPrivilegeGroup(str(r, 'group_name'));
    return {};
  },
  DropPrivilegeGroup: (r, c) => {
    c.service.rbac.dropPrivilegeGroup(str(r, 'group_name'));
    return {};
  },
  ListPrivilegeGroups: (_r, c) => ({
    privilege_groups: c.service.rbac.listPrivilegeGroups().map((g) => ({ group_name: g.name, privileges: g.privileges.map((p) => ({ name: p })) })),
  }),
  OperatePrivilegeGroup: (r, c) => {
    const privileges = list(r, 'privileges').map(name);
    c.service.rbac.operatePrivilegeGroup(str(r, 'group_name'), privileges, str(r, 'type') !== 'RemovePrivilegesFromGroup');
    return {};
  },
  BackupRBAC: (_r, c) => {
    const meta = c.service.rbac.backup();
    return {
      RBAC_meta: {
        users: meta.users.map((u) => ({ user: u.user, password: u.password, roles: u.roles.map((role) => ({ name: role, description: '' })) })),
        roles: meta.roles.map((role) => ({ name: role.name, description: role.description })),
        grants: meta.grants.map(grantEntity),
        privilege_groups: meta.privilegeGroups.map((g) => ({ group_name: g.name, privileges: g.privileges.map((p) => ({ name: p })) })),
      },
    };
  },
  RestoreRBAC: (r, c) => {
    c.service.rbac.restore(metaOf(r));
    return {};
  },
};
