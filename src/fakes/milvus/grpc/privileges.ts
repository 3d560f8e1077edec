/**
 * The privilege a MilvusService request needs, read from the request message's
 * `(common.privilege_ext_obj)` option in the SDK's own descriptors (the option the proxy's
 * `funcutil.GetPrivilegeExtObj` reads): object type, privilege, and the field numbers holding the
 * object's name (`object_name_index`; `object_name_indexs` for calls naming several).
 */
import { protoRoot } from './descriptors.js';
import type { PrivilegeCheck } from '../engine/rbac.js';

interface PrivilegeExt {
  readonly objectType: string;
  readonly privilege: string;
  readonly nameField?: string;
  readonly namesField?: string;
}

const cache = new Map<string, PrivilegeExt | null>();

function extOf(requestType: string): PrivilegeExt | null {
  if (requestType === '') return null;
  const cached = cache.get(requestType);
  if (cached !== undefined) return cached;
  let ext: PrivilegeExt | null = null;
  const type = protoRoot().lookupType(requestType);
  const options = (type.options ?? {}) as Record<string, unknown>;
  const objectType = options['(common.privilege_ext_obj).object_type'];
  const privilege = options['(common.privilege_ext_obj).object_privilege'];
  if (typeof objectType === 'string' && typeof privilege === 'string') {
    const fieldName = (index: unknown) => (typeof index === 'number' && index > 0 ? type.fieldsById[index]?.name : undefined);
    const nameField = fieldName(options['(common.privilege_ext_obj).object_name_index']);
    const namesField = fieldName(options['(common.privilege_ext_obj).object_name_indexs']);
    ext = { objectType, privilege, ...(nameField ? { nameField } : {}), ...(namesField ? { namesField } : {}) };
  }
  cache.set(requestType, ext);
  return ext;
}

/** The check a call of `requestType` needs, or undefined when the message declares no privilege. */
export function privilegeCheckOf(requestType: string, request: Record<string, unknown>, dbName: string): PrivilegeCheck | undefined {
  const ext = extOf(requestType);
  if (!ext) return undefined;
  let objectNames: string[] = ['*'];
  if (ext.namesField) {
    const names = request[ext.namesField];
    objectNames = Array.isArray(names) ? names.map(String) : [];
  } else if (ext.nameField) {
    const value = request[ext.nameField];
    // Mostly a plain string (collection_name); SelectUser and friends carry an entity with a name.
    const entityName = (value as { name?: unknown } | null | undefined)?.name;
    objectNames = [typeof value === 'string' ? value : typeof entityName === 'string' ? entityName : '*'];
  }
  const entity = request.entity as { role?: { name?: unknown } } | undefined;
  const grantRole = requestType.endsWith('.SelectGrantRequest') && typeof entity?.role?.name === 'string' ? entity.role.name : undefined;
  return { objectType: ext.objectType, privilege: ext.privilege, objectNames, dbName, ...(grantRole !== undefined ? { grantRole } : {}) };
}
