/**
 * What a gRPC handler gets: the decoded request (a proto-loader object) and the call context.
 * Handlers return the reply body without its status; the transport adds `status` (Success, or the
 * thrown MilvusError's status) the way each reply type carries it.
 */
import type { MilvusService } from '../engine/service.js';

export type ProtoRequest = Readonly<Record<string, unknown>>;

export interface CallContext {
  readonly service: MilvusService;
  /** Effective database: body `db_name` || metadata `dbname` || `default`. */
  readonly db: string;
  /** A fresh non-zero session identifier (Connect). */
  readonly newIdentifier: () => string;
  readonly serverInfo: Readonly<Record<string, unknown>>;
  /** The user named by the call's `authorization` metadata (`user:password`), if any. */
  readonly user?: string;
}

export type Handler = (request: ProtoRequest, ctx: CallContext) => Record<string, unknown>;

export function str(request: ProtoRequest, key: string): string {
  const value = request[key];
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function strs(request: ProtoRequest, key: string): string[] {
  const value = request[key];
  return Array.isArray(value) ? value.map(String) : [];
}

export function bool(request: ProtoRequest, key: string): boolean {
  return request[key] === true;
}

export function num(request: ProtoRequest, key: string): number {
  const value = request[key];
  return value === undefined || value === null || value === '' ? 0 : Number(value);
}
