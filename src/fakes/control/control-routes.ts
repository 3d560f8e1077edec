import type { ConnectionTracker } from './connections.js';
import { FaultSpecError, parseFaultSpec, type FaultBook } from './faults.js';
import type { Journal } from './journal.js';

/** Path prefix of the control plane, served on each fake's main port. */
export const CONTROL_PREFIX = '/_fake';

export interface ControlRequest {
  method: string;
  /** Path below `/_fake`, e.g. `/journal`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  remoteAddress: string;
  authorization?: string;
  /** Id of the connection this request came on: a connection listing leaves out its observer. */
  connectionId?: number;
}

export interface ControlResponse {
  status: number;
  body?: unknown;
}

export interface ControlAccess {
  /** When set, every control request except `/health` must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** Without a token: accept control requests from non-loopback peers too (containers set this). */
  allowRemote?: boolean;
}

export interface ControlPlane {
  fake: 'ollama' | 'milvus';
  version: string;
  journal: Journal;
  faults: FaultBook;
  connections: ConnectionTracker;
  access: ControlAccess;
  /** Back to the configured state: journal, faults, runtime changes. */
  reset(): void | Promise<void>;
  /** Fake-specific routes (Ollama rules, Milvus seed); undefined when the path is not theirs. */
  extra?(request: ControlRequest): ControlResponse | Promise<ControlResponse | undefined> | undefined;
}

/** Thrown by route code for a bad request body; answered with 400 and the message. */
export class ControlInputError extends Error {
  override name = 'ControlInputError';
}

export async function handleControl(plane: ControlPlane, request: ControlRequest): Promise<ControlResponse> {
  if (request.path === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
    return { status: 200, body: { status: 'ok', fake: plane.fake, version: plane.version } };
  }
  const denied = checkAccess(plane.access, request);
  if (denied) return denied;
  try {
    const own = await routeCommon(plane, request);
    if (own) return own;
    const extra = await plane.extra?.(request);
    if (extra) return extra;
    return { status: 404, body: { error: `no control route ${request.method} ${CONTROL_PREFIX}${request.path}` } };
  } catch (error) {
    if (error instanceof ControlInputError || error instanceof FaultSpecError) {
      return { status: 400, body: { error: error.message } };
    }
    throw error;
  }
}

async function routeCommon(plane: ControlPlane, req: ControlRequest): Promise<ControlResponse | undefined> {
  const { method, path, query } = req;
  switch (`${method} ${path}`) {
    case 'POST /reset':
      await plane.reset();
      return { status: 200, body: { reset: true } };
    case 'GET /journal':
      return {
        status: 200,
        body: {
          entries: plane.journal.list({
            scope: query.get('scope') ?? undefined,
            route: query.get('route') ?? undefined,
            since: query.has('since') ? Number(query.get('since')) : undefined,
          }),
        },
      };
    case 'DELETE /journal':
      plane.journal.clear();
      return { status: 200, body: { cleared: true } };
    case 'GET /faults':
      return { status: 200, body: { faults: plane.faults.list() } };
    case 'POST /faults': {
      const specs = (Array.isArray(req.body) ? req.body : [req.body]).map(parseFaultSpec);
      return { status: 201, body: { faults: specs.map((spec) => plane.faults.add(spec)) } };
    }
    case 'DELETE /faults':
      plane.faults.clear();
      return { status: 200, body: { cleared: true } };
    case 'GET /connections': {
      // `settle=<ms>` (at most 5 s): answer once the scope's connections are gone, or when time is up.
      const settle = Math.min(Math.max(Number(query.get('settle') ?? 0) || 0, 0), 5_000);
      // `scope` may repeat: a leak check asks for a batch of closed scopes at once.
      const scopes = query.getAll('scope');
      const connections = await plane.connections.settle(scopes.length === 0 ? {} : { scope: scopes }, settle, req.connectionId);
      return { status: 200, body: { connections } };
    }
  }
  const faultId = /^\/faults\/([^/]+)$/.exec(path)?.[1];
  if (method === 'DELETE' && faultId !== undefined) {
    return plane.faults.remove(faultId)
      ? { status: 200, body: { removed: faultId } }
      : { status: 404, body: { error: `no fault with id ${faultId}` } };
  }
  return undefined;
}

function checkAccess(access: ControlAccess, req: ControlRequest): ControlResponse | undefined {
  if (access.token !== undefined) {
    return req.authorization === `Bearer ${access.token}`
      ? undefined
      : { status: 401, body: { error: 'control plane needs "Authorization: Bearer <token>" (the configured token)' } };
  }
  if (access.allowRemote || isLoopback(req.remoteAddress)) return undefined;
  return {
    status: 403,
    body: {
      error: `control plane accepts loopback peers only (got ${req.remoteAddress}); configure a control token or allowRemote`,
    },
  };
}

export function isLoopback(address: string): boolean {
  const a = address.replace(/^::ffff:/, '');
  return a === '::1' || a.startsWith('127.') || a === 'localhost' || a === '';
}
