/**
 * The gRPC side of authentication: the `authorization` metadata is base64("user:password") as the
 * SDK sends it (crypto.Base64Decode; a value that does not decode is "invalid token format"). With
 * authentication off the call passes, and the user it names (if any) is still the grantor of grants.
 * Connect and the health RPCs stay open so clients can connect and probe before they authenticate.
 */
import { authenticate, userOf, type AuthOutcome } from '../engine/auth.js';
import type { Rbac } from '../engine/rbac.js';

const OPEN_METHODS = new Set(['Connect', 'CheckHealth', 'GetComponentStates']);

function decode(value: string): string | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('utf8');
}

export function grpcAuth(rbac: Rbac, enabled: boolean, method: string, header: string | undefined): AuthOutcome {
  const raw = header === undefined ? undefined : decode(header);
  if (!enabled || OPEN_METHODS.has(method)) {
    const user = userOf(raw);
    return user === undefined ? { ok: true } : { ok: true, user };
  }
  if (header !== undefined && raw === undefined) return { ok: false, message: 'invalid token format' };
  return authenticate(rbac, raw);
}
