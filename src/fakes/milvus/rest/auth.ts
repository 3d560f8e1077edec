/**
 * The REST side of authentication (the proxy's gin middleware `authenticate`, from memory of
 * internal/distributed/proxy/service.go): HTTP Basic credentials, else `Authorization: Bearer
 * user:password`; an API-key style token (no `:`) needs a verifier a standalone does not have. A
 * refusal is HTTP 401 with `{ code: 1800, message: "user hasn't authenticated" }` (merr.ErrNeedAuthenticate).
 * With authentication off the request passes and the user it names (if any) is the grantor of grants.
 */
import { authenticate, userOf } from '../engine/auth.js';
import type { Rbac } from '../engine/rbac.js';
import type { RestReply } from './envelope.js';

export type RestAuth = { readonly ok: true; readonly user?: string } | { readonly ok: false; readonly reply: RestReply };

function credential(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decoded.includes(':') ? decoded : undefined;
  }
  const token = header.startsWith('Bearer ') ? header.slice(7) : header;
  return token === '' ? undefined : token;
}

export function restAuth(rbac: Rbac, enabled: boolean, header: string | undefined): RestAuth {
  const raw = credential(header);
  if (!enabled) {
    const user = userOf(raw);
    return user === undefined ? { ok: true } : { ok: true, user };
  }
  const outcome = authenticate(rbac, raw);
  if (outcome.ok) return outcome;
  return { ok: false, reply: { status: 401, body: { code: 1800, message: "user hasn't authenticated" } } };
}
