/**
 * Stored RBAC and optional authentication, through the official SDK (gRPC `MilvusClient` and REST
 * `HttpClient`). Sources: milvus internal/proxy/impl.go (CreateCredential ... SelectGrant), util.go
 * (ValidateUsername, ValidatePassword 6–72 bytes, validateName), rootcoord meta_table.go
 * (CheckIfAddCredential, CheckIfDropRole, CheckIfOperateUserRole, CheckIfPrivilegeGroup*,
 * CheckIfRBACRestorable), root_coord.go (operatePrivilegeCommonCheck, isValidPrivilege,
 * isValidPrivilegeV2, validatePrivilegeGroupParams), authentication_interceptor.go, handler_v2.go and
 * request_v2.go (REST routes and request structs), milvus.io privilege_group.md (built-in groups).
 */
import { HttpClient, MilvusClient, RbacObjects } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeMilvus, type StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { withFakeMilvusAndSdk } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: MilvusClient;
withFakeMilvusAndSdk((m, c) => {
  milvus = m;
  client = c;
});

const status = (s: { code?: number; reason: string }) => [s.code, s.reason];

describe('users (CreateCredential, UpdateCredential, DeleteCredential, ListCredUsers, SelectUser)', () => {
  test('round-trip: create, list, describe, update with the old password, delete', async () => {
    expect((await client.createUser({ username: 'alice', password: 'first-pw' })).error_code).toBe('Success');
    expect((await client.listUsers()).usernames).toEqual(['alice', 'root']);
    const described = await client.describeUser({ username: 'alice' });
    expect(described.results.map((r) => r.user?.name)).toEqual(['alice']);
    expect((await client.updateUser({ username: 'alice', oldPassword: 'first-pw', newPassword: 'second-pw' })).error_code).toBe('Success');
    // The stored password changed: the old one no longer passes, the new one does.
    expect(status(await client.updateUser({ username: 'alice', oldPassword: 'first-pw', newPassword: 'third-pw' }))).toEqual([
      1400,
      'old password not correct for alice: not authenticated',
    ]);
    expect(milvus.service.rbac.verify('alice', 'second-pw')).toBe(true);
    expect((await client.deleteUser({ username: 'alice' })).error_code).toBe('Success');
    expect((await client.listUsers()).usernames).toEqual(['root']);
  });

  test('bad input gets the server code and message, and nothing changes', async () => {
    expect(status(await client.createUser({ username: 'bob', password: 'short' }))).toEqual([
      1100,
      'invalid password length: invalid parameter[5 out of range 6 <= value <= 72]',
    ]);
    expect(status(await client.createUser({ username: '1bob', password: 'long-enough' }))).toEqual([
      1100,
      'invalid user name 1bob, the first character must be a letter, but got 1: invalid parameter',
    ]);
    expect((await client.listUsers()).usernames).toEqual(['root']);
    await client.createUser({ username: 'bob', password: 'long-enough' });
    const again = await client.createUser({ username: 'bob', password: 'other-pw' });
    expect(status(again)).toEqual([65535, 'failed to check if add credential: user already exists']);
    expect(milvus.service.rbac.verify('bob', 'long-enough')).toBe(true);
    expect(status(await client.deleteUser({ username: 'root' }))).toEqual([1401, 'root user cannot be deleted: privilege not permitted']);
    expect(status(await client.deleteUser({ username: 'ghost' }))).toEqual([65535, 'failed to check if delete credential: user not found']);
    await client.deleteUser({ username: 'bob' });
  });
});

describe('roles and user-role bindings (CreateRole, DropRole, OperateUserRole, SelectRole)', () => {
  test('round-trip with admin and public built in', async () => {
    await client.createUser({ username: 'carol', password: 'carol-pw' });
    expect((await client.createRole({ roleName: 'reader' })).error_code).toBe('Success');
    expect((await client.listRoles()).results.map((r) => r.role?.name)).toEqual(['admin', 'public', 'reader']);
    expect((await client.addUserToRole({ username: 'carol', roleName: 'reader' })).error_code).toBe('Success');
    const role = await client.describeRole({ roleName: 'reader' });
    expect(role.results[0]?.users.map((u) => u.name)).toEqual(['carol']);
    expect((await client.describeUser({ username: 'carol' })).results[0]?.roles.map((r) => r.name)).toEqual(['reader']);
    expect((await client.hasRole({ roleName: 'reader' })).hasRole).toBe(true);
    await client.removeUserFromRole({ username: 'carol', roleName: 'reader' });
    expect((await client.describeUser({ username: 'carol' })).results[0]?.roles).toEqual([]);
    expect((await client.dropRole({ roleName: 'reader' })).error_code).toBe('Success');
    expect((await client.hasRole({ roleName: 'reader' })).hasRole).toBe(false);
    await client.deleteUser({ username: 'carol' });
  });

  test('refusals: default roles, unknown roles and users, a role that still holds privileges', async () => {
    expect(status(await client.dropRole({ roleName: 'admin' }))).toEqual([
      1401,
      "the role[admin] is a default role, which can't be dropped: privilege not permitted",
    ]);
    expect(status(await client.dropRole({ roleName: 'nobody' }))).toEqual([65535, 'role not exists']);
    expect(status(await client.addUserToRole({ username: 'ghost', roleName: 'public' }))).toEqual([
      1100,
      'user "ghost" not found: invalid parameter',
    ]);
    await client.createRole({ roleName: 'holder' });
    expect(status(await client.createRole({ roleName: 'holder' }))).toEqual([65535, 'role already exists']);
    await client.grantRolePrivilege({ roleName: 'holder', object: RbacObjects.Global, objectName: '*', privilegeName: 'ListDatabases' });
    expect(status(await client.dropRole({ roleName: 'holder' }))).toEqual([
      1100,
      'fail to drop the role that it has privileges. Use REVOKE API to revoke privileges: invalid parameter',
    ]);
    await client.revokeRolePrivilege({ roleName: 'holder', object: RbacObjects.Global, objectName: '*', privilegeName: 'ListDatabases' });
    expect((await client.dropRole({ roleName: 'holder' })).error_code).toBe('Success');
  });
});

describe('grants, V1 (OperatePrivilege, SelectGrant)', () => {
  beforeAll(async () => {
    await client.createRole({ roleName: 'v1' });
  });

  test('grant, list, revoke; the grantor is the calling user (root without credentials)', async () => {
    await client.grantRolePrivilege({ roleName: 'v1', object: RbacObjects.Collection, objectName: 'docs', privilegeName: 'Search' });
    const grants = await client.listGrants({ roleName: 'v1' });
    expect(grants.entities.map((e) => [e.object?.name, e.object_name, e.db_name, e.grantor?.privilege?.name, e.grantor?.user?.name])).toEqual([
      ['Collection', 'docs', 'default', 'Search', 'root'],
    ]);
    // Load brings its related privileges along (util.RelatedPrivileges), Global objects are stored as `*`.
    await client.grantRolePrivilege({ roleName: 'v1', object: RbacObjects.Collection, objectName: 'docs', privilegeName: 'Load' });
    await client.grantRolePrivilege({ roleName: 'v1', object: RbacObjects.Global, objectName: 'anything', privilegeName: 'DescribeDatabase' });
    const selected = await client.selectGrant({ roleName: 'v1', object: RbacObjects.Collection, objectName: 'docs' });
    expect(selected.entities.map((e) => e.grantor?.privilege?.name)).toEqual(['Search', 'Load', 'GetLoadState', 'GetLoadingProgress']);
    const global = await client.selectGrant({ roleName: 'v1', object: RbacObjects.Global, objectName: '*' });
    expect(global.entities.map((e) => e.grantor?.privilege?.name)).toEqual(['DescribeDatabase']);
    await client.revokeRolePrivilege({ roleName: 'v1', object: RbacObjects.Collection, objectName: 'docs', privilegeName: 'Search' });
    expect((await client.listGrants({ roleName: 'v1' })).entities).toHaveLength(4);
  });

  test('a grant on an unknown object type or privilege is refused and changes nothing', async () => {
    const before = (await client.listGrants({ roleName: 'v1' })).entities.length;
    expect(status(await client.grantRolePrivilege({ roleName: 'v1', object: 'Table' as RbacObjects, objectName: 'docs', privilegeName: 'Search' }))).toEqual([
      65535,
      'failed to operate privilege common check: the object entity in the request is nil or invalid',
    ]);
    expect(status(await client.grantRolePrivilege({ roleName: 'v1', object: RbacObjects.Collection, objectName: 'docs', privilegeName: 'CreateDatabase' }))).toEqual([
      65535,
      'not found the privilege name[CreateDatabase] in object[Collection]',
    ]);
    expect(status(await client.grantRolePrivilege({ roleName: 'nope', object: RbacObjects.Collection, objectName: 'docs', privilegeName: 'Search' }))).toEqual([
      65535,
      "failed to operate privilege common check: not found the role, maybe the role isn't existed or internal system error",
    ]);
    expect(status(await client.grantRolePrivilege({ roleName: 'v1', object: RbacObjects.Global, objectName: '*', privilegeName: 'ClusterAdmin' }))).toEqual([
      65535,
      'can not operate the built-in privilege group [ClusterAdmin]',
    ]);
    expect((await client.listGrants({ roleName: 'v1' })).entities).toHaveLength(before);
    const selectUnknown = await client.selectGrant({ roleName: 'v1', object: 'Table' as RbacObjects, objectName: 'x' });
    expect([selectUnknown.status.code, selectUnknown.status.error_code]).toEqual([65535, 'SelectGrantFailure']);
  });
});

describe('privilege groups and V2 grants (CreatePrivilegeGroup ... OperatePrivilegeV2)', () => {
  test('custom groups round-trip; built-in groups are listed with their privileges', async () => {
    expect((await client.createPrivilegeGroup({ group_name: 'readers' })).error_code).toBe('Success');
    await client.addPrivilegesToGroup({ group_name: 'readers', privileges: ['Query', 'Search'] });
    await client.removePrivilegesFromGroup({ group_name: 'readers', privileges: ['Search'] });
    const groups = (await client.listPrivilegeGroups()).privilege_groups;
    const byName = Object.fromEntries(groups.map((g) => [g.group_name, g.privileges.map((p) => p.name)]));
    expect(byName.readers).toEqual(['Query']);
    expect(byName.CollectionReadOnly).toContain('Search');
    expect(byName.CollectionAdmin).toContain('CreateAlias');
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['DatabaseAdmin', 'ClusterReadOnly', 'ClusterAdmin']));
    expect(status(await client.createPrivilegeGroup({ group_name: 'CollectionReadOnly' }))).toEqual([
      1100,
      'failed to check if privilege group creatable: privilege group name [CollectionReadOnly] is defined by built in privileges or privilege groups in system: invalid parameter',
    ]);
    expect(status(await client.addPrivilegesToGroup({ group_name: 'readers', privileges: ['CreateDatabase'] }))).toEqual([
      1100,
      'failed to check if privilege group alterable: privileges are not the same privilege level: invalid parameter',
    ]);
  });

  test('V2 grants of privileges and groups, with the level checks', async () => {
    await client.createRole({ roleName: 'v2' });
    await client.grantPrivilegeV2({ role: 'v2', privilege: 'readers', db_name: 'default', collection_name: '*' });
    await client.grantPrivilegeV2({ role: 'v2', privilege: 'ClusterReadOnly', db_name: '*', collection_name: '*' });
    const grants = await client.listGrants({ roleName: 'v2' });
    expect(grants.entities.map((e) => [e.object?.name, e.object_name, e.db_name, e.grantor?.privilege?.name])).toEqual([
      ['Collection', '*', 'default', 'readers'],
      ['Global', '*', '*', 'ClusterReadOnly'],
    ]);
    expect(status(await client.grantPrivilegeV2({ role: 'v2', privilege: 'ClusterAdmin', db_name: 'default', collection_name: '*' }))).toEqual([
      1100,
      'dbName and collectionName should be * for the cluster level privilege: ClusterAdmin: invalid parameter',
    ]);
    expect(status(await client.grantPrivilegeV2({ role: 'v2', privilege: 'Fly', db_name: 'default', collection_name: '*' }))).toEqual([
      65535,
      'not found the privilege name[Fly]',
    ]);
    expect(status(await client.dropPrivilegeGroup({ group_name: 'readers' }))).toEqual([
      1100,
      'privilege group [readers] is used by role [v2], Use REVOKE API to revoke it first: invalid parameter',
    ]);
    await client.revokePrivilegeV2({ role: 'v2', privilege: 'readers', db_name: 'default', collection_name: '*' });
    expect((await client.dropPrivilegeGroup({ group_name: 'readers' })).error_code).toBe('Success');
    expect(status(await client.dropPrivilegeGroup({ group_name: 'readers' }))).toEqual([65535, 'not a custom privilege group']);
  });
});

describe('BackupRBAC / RestoreRBAC', () => {
  test('a backup restores onto a fresh server; restoring twice is refused', async () => {
    await client.createUser({ username: 'dave', password: 'dave-pw-1' });
    await client.createRole({ roleName: 'backup_role' });
    await client.addUserToRole({ username: 'dave', roleName: 'backup_role' });
    await client.grantRolePrivilege({ roleName: 'backup_role', object: RbacObjects.Collection, objectName: 'docs', privilegeName: 'Query' });
    await client.createPrivilegeGroup({ group_name: 'bk_group' });
    const backup = await client.backupRBAC();
    expect(backup.status.error_code).toBe('Success');

    await using other = await startFakeMilvus({ logLevel: 'silent', env: false });
    const fresh = new MilvusClient({ address: other.address, logLevel: 'error', telemetry: { enabled: false } });
    try {
      expect((await fresh.restoreRBAC({ RBAC_meta: backup.RBAC_meta })).error_code).toBe('Success');
      expect((await fresh.listUsers()).usernames).toContain('dave');
      expect((await fresh.describeUser({ username: 'dave' })).results[0]?.roles.map((r) => r.name)).toEqual(['backup_role']);
      expect((await fresh.listGrants({ roleName: 'backup_role' })).entities.map((e) => e.grantor?.privilege?.name)).toEqual(['Query']);
      expect((await fresh.listPrivilegeGroups()).privilege_groups.map((g) => g.group_name)).toContain('bk_group');
      expect(other.service.rbac.verify('dave', 'dave-pw-1')).toBe(true);
      // The first role of the backup is the first conflict (here `v1`, created earlier in this file).
      const first = backup.RBAC_meta.roles[0]?.name;
      expect(status(await fresh.restoreRBAC({ RBAC_meta: backup.RBAC_meta }))).toEqual([65535, `role [${first}] already exists`]);
      expect((await fresh.listUsers()).usernames.filter((u) => u === 'dave')).toHaveLength(1);
    } finally {
      await fresh.closeConnection();
    }
  });
});

describe('REST v2 users/*, roles/*, privilege_groups/*', () => {
  let rest: HttpClient;
  beforeAll(() => {
    rest = new HttpClient({ endpoint: milvus.url });
  });
  const post = async (path: string, body: unknown) =>
    (await fetch(`${milvus.url}/v2/vectordb/${path}`, { method: 'POST', body: JSON.stringify(body) })).json();

  test('users and roles round-trip, and share the store with gRPC', async () => {
    expect(await rest.createUser({ userName: 'erin', password: 'erin-pw-1' })).toEqual({ code: 0, data: {} });
    expect(await rest.listUsers()).toEqual({ code: 0, data: expect.arrayContaining(['erin', 'root']) });
    expect(await rest.createRole({ roleName: 'rest_role' })).toEqual({ code: 0, data: {} });
    await rest.grantRoleToUser({ userName: 'erin', roleName: 'rest_role' });
    expect(await rest.describeUser({ userName: 'erin' })).toEqual({ code: 0, data: ['rest_role'] });
    await rest.grantPrivilegeToRole({ roleName: 'rest_role', objectType: 'Collection', objectName: 'docs', privilege: 'Query' });
    expect(await rest.describeRole({ roleName: 'rest_role' })).toEqual({
      code: 0,
      data: [{ objectType: 'Collection', objectName: 'docs', privilege: 'Query', dbName: 'default', grantor: 'root' }],
    });
    expect((await client.describeUser({ username: 'erin' })).results[0]?.roles.map((r) => r.name)).toEqual(['rest_role']);
    expect(await rest.updateUserPassword({ userName: 'erin', password: 'wrong-pw', newPassword: 'erin-pw-2' })).toEqual({
      code: 1400,
      message: 'old password not correct for erin: not authenticated',
    });
    expect(await rest.updateUserPassword({ userName: 'erin', password: 'erin-pw-1', newPassword: 'erin-pw-2' })).toEqual({ code: 0, data: {} });
    await rest.revokePrivilegeFromRole({ roleName: 'rest_role', objectType: 'Collection', objectName: 'docs', privilege: 'Query' });
    await rest.revokeRoleFromUser({ userName: 'erin', roleName: 'rest_role' });
    expect(await rest.dropRole({ roleName: 'rest_role' })).toEqual({ code: 0, data: {} });
    expect(await rest.dropUser({ userName: 'erin' })).toEqual({ code: 0, data: {} });
    expect(await rest.createUser({ userName: 'erin' } as never)).toEqual({
      code: 1802,
      message: "missing required parameters, error: Key: 'PasswordReq.Password' Error:Field validation for 'Password' failed on the 'required' tag",
    });
  });

  test('privilege groups and V2 grants', async () => {
    expect(await post('privilege_groups/create', { privilegeGroupName: 'rest_group' })).toEqual({ code: 0, data: {} });
    await post('privilege_groups/add_privileges_to_group', { privilegeGroupName: 'rest_group', privileges: ['Query', 'Search'] });
    const listed = (await post('privilege_groups/list', {})) as { data: { privilegeGroups: { privilegeGroupName: string; privileges: string }[] } };
    expect(listed.data.privilegeGroups).toContainEqual({ privilegeGroupName: 'rest_group', privileges: 'Query,Search' });
    await post('roles/create', { roleName: 'rest_v2' });
    expect(await post('roles/grant_privilege_v2', { roleName: 'rest_v2', privilege: 'rest_group', dbName: 'default', collectionName: 'docs' })).toEqual({
      code: 0,
      data: {},
    });
    expect((await client.listGrants({ roleName: 'rest_v2' })).entities.map((e) => [e.object_name, e.grantor?.privilege?.name])).toEqual([
      ['docs', 'rest_group'],
    ]);
    await post('roles/revoke_privilege_v2', { roleName: 'rest_v2', privilege: 'rest_group', dbName: 'default', collectionName: 'docs' });
    await post('privilege_groups/remove_privileges_from_group', { privilegeGroupName: 'rest_group', privileges: ['Search'] });
    expect(await post('privilege_groups/drop', { privilegeGroupName: 'rest_group' })).toEqual({ code: 0, data: {} });
  });
});

describe('authentication (auth: true)', () => {
  let secured: StartedFakeMilvus;
  const clients: MilvusClient[] = [];
  const connect = async (config: { username?: string; password?: string; token?: string }) => {
    const c = new MilvusClient({ address: secured.address, logLevel: 'error', telemetry: { enabled: false }, ...config });
    clients.push(c);
    await c.connectPromise;
    return c;
  };
  beforeAll(async () => {
    secured = await startFakeMilvus({ auth: true, logLevel: 'silent', env: false });
  });
  afterAll(async () => {
    for (const c of clients) await c.closeConnection();
    await secured.close();
  });

  test('gRPC: user:password of a stored user passes; anything else is UNAUTHENTICATED', async () => {
    const root = await connect({ username: 'root', password: 'Milvus' });
    expect((await root.showCollections()).status.error_code).toBe('Success');
    await expect((await connect({})).showCollections()).rejects.toThrow(/missing authorization in header/);
    await expect((await connect({ username: 'root', password: 'nope' })).showCollections()).rejects.toThrow(
      /auth check failure, please check username and password are correct/,
    );
    // A standalone has no API-key verifier: a token without ':' never passes.
    await expect((await connect({ token: 'some-api-key' })).showCollections()).rejects.toThrow(/auth check failure, please check api key is correct/);
    await root.createUser({ username: 'frank', password: 'frank-pw-1' });
    // frank administers users and grants below: on a server with authorization he needs the admin role.
    await root.addUserToRole({ username: 'frank', roleName: 'admin' });
    const frank = await connect({ username: 'frank', password: 'frank-pw-1' });
    expect((await frank.listUsers()).usernames).toEqual(['frank', 'root']);
    // token = "user:password" is the same credential.
    expect((await (await connect({ token: 'frank:frank-pw-1' })).listUsers()).status.error_code).toBe('Success');
    // The grantor of a grant is the authenticated user.
    await root.createRole({ roleName: 'by_frank' });
    await frank.grantRolePrivilege({ roleName: 'by_frank', object: RbacObjects.Global, objectName: '*', privilegeName: 'ListDatabases' });
    expect((await root.listGrants({ roleName: 'by_frank' })).entities[0]?.grantor?.user?.name).toBe('frank');
  });

  test('privileges are enforced as the PrivilegeInterceptor does (privilege_interceptor.go)', async () => {
    const root = await connect({ username: 'root', password: 'Milvus' });
    await root.createCollection({ collection_name: 'guarded', dimension: 2 });
    await root.createCollection({ collection_name: 'other', dimension: 2 });
    await root.insert({ collection_name: 'guarded', data: [{ id: 1, vector: [0, 0] }] });
    await root.createUser({ username: 'reader', password: 'reader-pw-1' });
    await root.createRole({ roleName: 'guarded_reader' });
    await root.addUserToRole({ username: 'reader', roleName: 'guarded_reader' });
    await root.grantRolePrivilege({ roleName: 'guarded_reader', object: RbacObjects.Collection, objectName: 'guarded', privilegeName: 'Query' });
    const reader = await connect({ username: 'reader', password: 'reader-pw-1' });
    // Granted: Query on guarded. Public's defaults: DescribeCollection (Global), IndexDetail (Collection).
    expect((await reader.query({ collection_name: 'guarded', filter: 'id > 0', output_fields: ['id'] })).data).toEqual([{ id: '1' }]);
    // Not granted: Insert on guarded, Query on other, CreateCollection (Global).
    await expect(reader.insert({ collection_name: 'guarded', data: [{ id: 2, vector: [1, 1] }] })).rejects.toThrow(
      'PrivilegeInsert: permission deny to reader in the `default` database',
    );
    await expect(reader.query({ collection_name: 'other', filter: 'id > 0' })).rejects.toThrow(/PrivilegeQuery: permission deny to reader/);
    await expect(reader.createCollection({ collection_name: 'mine', dimension: 2 })).rejects.toThrow(/PrivilegeCreateCollection: permission deny/);
    // A built-in privilege group granted with the V2 API covers its members on that collection only.
    await root.grantPrivilegeV2({ role: 'guarded_reader', privilege: 'CollectionReadWrite', db_name: 'default', collection_name: 'guarded' });
    expect((await reader.insert({ collection_name: 'guarded', data: [{ id: 2, vector: [1, 1] }] })).status.error_code).toBe('Success');
    await expect(reader.insert({ collection_name: 'other', data: [{ id: 2, vector: [1, 1] }] })).rejects.toThrow(/PrivilegeInsert: permission deny/);
    // Users may always read their own user entry.
    expect((await reader.describeUser({ username: 'reader' })).status.error_code).toBe('Success');
    // REST v2 checks the gRPC request each route builds (checkAuthorizationV2): 403, code 65535.
    const restReader = new HttpClient({ endpoint: secured.url, username: 'reader', password: 'reader-pw-1' });
    const denied = await fetch(`${secured.url}/v2/vectordb/entities/query`, {
      method: 'POST',
      headers: { authorization: 'Bearer reader:reader-pw-1', 'content-type': 'application/json' },
      body: JSON.stringify({ collectionName: 'other', filter: 'id > 0' }),
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({
      code: 65535,
      message: 'rpc error: code = PermissionDenied desc = PrivilegeQuery: permission deny to reader in the `default` database',
    });
    expect((await restReader.query({ collectionName: 'guarded', filter: 'id > 0', outputFields: ['id'] })).data).toEqual(
      expect.arrayContaining([{ id: '1' }]),
    );
  });

  test('REST: Bearer user:password passes; without it, 401 with code 1800', async () => {
    const good = new HttpClient({ endpoint: secured.url, username: 'root', password: 'Milvus' });
    expect(await good.listRoles()).toEqual({ code: 0, data: expect.arrayContaining(['admin', 'public']) });
    const response = await fetch(`${secured.url}/v2/vectordb/collections/list`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 1800, message: "user hasn't authenticated" });
    await expect(new HttpClient({ endpoint: secured.url, username: 'root', password: 'bad' }).listUsers()).rejects.toThrow(/401/);
  });

  test('FAKE_MILVUS_AUTH=true turns it on from the environment', async () => {
    await using viaEnv = await startFakeMilvus({ logLevel: 'silent', env: { FAKE_MILVUS_AUTH: 'true' } });
    const response = await fetch(`${viaEnv.url}/v2/vectordb/users/list`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
  });
});
