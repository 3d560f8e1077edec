/**
 * The RBAC metadata one fake Milvus stores (rootcoord's credential, role, user-role, grant and
 * privilege-group keys): plain maps, no checks. A fresh state holds what a new standalone holds:
 * the user `root` with the password `Milvus` (common.security.defaultRootPassword) and the default
 * roles `admin` and `public` (util.DefaultRoles).
 */
export interface GrantRecord {
  readonly role: string;
  /** `Collection`, `Global` or `User`. */
  readonly objectType: string;
  readonly objectName: string;
  readonly dbName: string;
  readonly privilege: string;
  readonly grantor: string;
}

export interface UserRecord {
  password: string;
  description: string;
}

export const ROOT_USER = 'root';
export const DEFAULT_ROOT_PASSWORD = 'Milvus';
export const DEFAULT_ROLES: readonly string[] = ['admin', 'public'];

export class RbacState {
  readonly users = new Map<string, UserRecord>([[ROOT_USER, { password: DEFAULT_ROOT_PASSWORD, description: '' }]]);
  /** Role name → description. */
  readonly roles = new Map<string, string>(DEFAULT_ROLES.map((role) => [role, '']));
  /** User → the roles it is bound to. */
  readonly bindings = new Map<string, Set<string>>();
  grants: GrantRecord[] = [];
  /** Custom privilege groups, in creation order, with their privileges in insertion order. */
  readonly groups = new Map<string, string[]>();

  rolesOf(user: string): string[] {
    return [...(this.bindings.get(user) ?? [])].sort();
  }

  usersOf(role: string): string[] {
    return [...this.bindings.entries()].filter(([, roles]) => roles.has(role)).map(([user]) => user).sort();
  }

  sameGrant(a: GrantRecord, b: GrantRecord): boolean {
    return a.role === b.role && a.objectType === b.objectType && a.objectName === b.objectName && a.dbName === b.dbName && a.privilege === b.privilege;
  }
}
