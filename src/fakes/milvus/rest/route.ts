/**
 * The shape every REST v2 route file exports (`collections.ts`, `entities.ts`, `search.ts`, `misc.ts`)
 * and the transport dispatches: a request struct to bind the body to and a handler over the service.
 */
import type { MilvusService } from '../engine/service.js';
import type { Bound, StructSpec } from './binding.js';
import type { RestReply } from './envelope.js';

export interface RestContext {
  readonly service: MilvusService;
  /** Effective database. */
  readonly db: string;
  /** `Accept-Type-Allow-Int64`: int64 values as JSON numbers (true) or decimal strings (false). */
  readonly allowInt64: boolean;
  /** The decoded body, for the fields the real handlers read raw with gjson (`id`, `data`, `search`). */
  readonly body: Record<string, unknown>;
  /** The user the request's credentials name, if any (the grantor of grants). */
  readonly user?: string;
}

/** A route: its request struct and handler, or `unsupported` (answered after the body is decoded). */
export type RestRoute =
  | { readonly spec: StructSpec; readonly handle: (request: Bound, ctx: RestContext) => RestReply }
  | { readonly unsupported: true };

export type RestRoutes = Readonly<Record<string, RestRoute>>;
