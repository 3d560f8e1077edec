/**
 * Authentication as a server with `common.security.authorizationEnabled: true` performs it
 * (internal/proxy/authentication_interceptor.go): the credential is `user:password`, or a token
 * without `:` that only an API-key hook can verify. A standalone has no such hook (hookutil's default
 * VerifyAPIKey fails), so API-key style tokens are always refused. Transport-neutral: the gRPC side
 * decodes its base64 metadata first, the REST side strips `Bearer `.
 */
import type { Rbac } from './rbac.js';

export type AuthOutcome = { readonly ok: true; readonly user?: string } | { readonly ok: false; readonly message: string };

/** The user a raw `user:password` credential names, whether or not it verifies. */
export function userOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const split = raw.indexOf(':');
  return split > 0 ? raw.slice(0, split) : undefined;
}

/** Checks a decoded credential; `undefined` means none was sent. Messages are the gRPC interceptor's. */
export function authenticate(rbac: Rbac, raw: string | undefined): AuthOutcome {
  if (raw === undefined) return { ok: false, message: 'missing authorization in header' };
  const split = raw.indexOf(':');
  if (split < 0) return { ok: false, message: 'auth check failure, please check api key is correct' };
  const user = raw.slice(0, split);
  if (!rbac.verify(user, raw.slice(split + 1))) {
    return { ok: false, message: 'auth check failure, please check username and password are correct' };
  }
  return { ok: true, user };
}
