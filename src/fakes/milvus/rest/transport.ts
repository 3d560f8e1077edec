/**
 * The REST v2 transport: `POST /v2/vectordb/<group>/<action>` on the HTTP/1.1 side of the shared port.
 * Per request, in the real server's order: read the body (bounded, any content type: the SDK sends
 * `text/plain`), decode it like json.Decoder (1801 on bad JSON), bind it to the route's request struct
 * (1801 on a type mismatch, 1802 on a missing required field), pick the database (body `dbName`, else
 * the `DB-Name` header, else `default`), then call the service. Answers are HTTP 200 envelopes;
 * unknown paths, non-POST methods and (for a 2.x fake) the 3.0-only routes fall through to the
 * server's 404, as gin's router answers them.
 * Every call is journaled (route = the REST path, model = the collection, status = the envelope code)
 * and can be faulted by that route; `Request-Timeout` (whole seconds, default 30) bounds delayed and
 * hanging calls with gin's 408 `{ code: 10001, message: "request timeout" }`.
 */
import type http from 'node:http';
import { SCOPE_HEADER } from '../../control/connections.js';
import type { MilvusFake } from '../engine/milvus-fake.js';
import { bind } from './binding.js';
import { collectionRoutes } from './collections.js';
import { entityRoutes } from './entities.js';
import { failure, RestCodes, RestError, type RestReply } from './envelope.js';
import { applyFault } from './faults.js';
import { goJson } from './json.js';
import { GoJsonError, parseGoJson } from './json-parse.js';
import { miscRoutes } from './misc.js';
import { adminRoutes } from './admin.js';
import { rbacRoutes } from './rbac.js';
import { restAuth } from './auth.js';
import { grpcShapeOf, REST_REQUEST_TYPES, restDenial } from './privileges.js';
import { denialMessage, type PrivilegeCheck } from '../engine/rbac.js';
import type { RestContext, RestRoute, RestRoutes } from './route.js';
import { searchRoutes } from './search.js';
import { analyzerRoutes } from './analyzer.js';
import { functionRoutes } from './functions.js';
import { V3_ONLY_ROUTES } from './v3-routes.js';
import { predatesV3 } from '../engine/version.js';
import { errors, MilvusError } from '../errors/status.js';
import { Store } from '../engine/store.js';

export const REST_PREFIX = '/v2/vectordb/';
/** Bodies above this are refused (HTTP 413) before any parsing; the real proxy has no lower cap than gRPC's. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** gin's HTTPDefaultTimeout (`proxy.http.requestTimeoutMs`), used without a `Request-Timeout` header. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const ROUTES: RestRoutes = {
  ...collectionRoutes,
  ...functionRoutes,
  ...entityRoutes,
  ...searchRoutes,
  ...analyzerRoutes,
  ...miscRoutes,
  ...rbacRoutes,
  ...adminRoutes,
};

/** Every REST v2 path after `/v2/vectordb/` (for tests that walk the whole surface). */
export const REST_ROUTE_PATHS: readonly string[] = Object.keys(ROUTES);

export interface RestOptions {
  readonly maxBodyBytes?: number;
  readonly defaultTimeoutMs?: number;
  /**
   * The privilege a gRPC request of `requestType` needs (the gRPC layer reads it from the descriptors);
   * with `auth` on, each REST route is checked as the gRPC request it builds. Absent: no checks.
   */
  readonly privilegeCheck?: (requestType: string, request: Record<string, unknown>, dbName: string) => PrivilegeCheck | undefined;
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Go's strconv.ParseBool; undefined when the text is not a boolean. */
function parseGoBool(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** `Request-Timeout` in seconds as strconv.ParseInt reads it; the default when it does not parse. */
function timeoutMs(text: string | undefined, fallback: number): number {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return fallback;
  return Math.max(0, Number(text) * 1000);
}

type BodyResult = { ok: true; text: string } | { ok: false; size: number };

function readBody(request: http.IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (declared > limit) {
      request.resume();
      resolve({ ok: false, size: declared });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > limit ? { ok: false, size } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }),
    );
    request.on('error', reject);
  });
}

function send(response: http.ServerResponse, reply: RestReply, extraHeaders: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return;
  const text = [reply.body, ...(reply.trailing ?? [])].map(goJson).join('') + (reply.stream ? '\n' : '');
  response.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  response.end(text);
}

/** Decodes and binds the body, picks the database, runs the route. */
function execute(
  fake: MilvusFake,
  route: RestRoute,
  path: string,
  decoded: unknown,
  request: http.IncomingMessage,
  privilegeCheck: RestOptions['privilegeCheck'],
): RestReply {
  const auth = restAuth(fake.service.rbac, fake.auth, header(request, 'authorization'));
  if (!auth.ok) return auth.reply;
  const requestType = REST_REQUEST_TYPES[path.slice(REST_PREFIX.length)];
  if (fake.auth && auth.user !== undefined && requestType && privilegeCheck) {
    const fields = typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded) ? (decoded as Record<string, unknown>) : {};
    const db = Store.effectiveDb(typeof fields.dbName === 'string' ? fields.dbName : '', header(request, 'db-name'));
    const check = privilegeCheck(requestType, grpcShapeOf(fields), db);
    if (check && !fake.service.rbac.permits(auth.user, check)) return restDenial(denialMessage(check, auth.user));
  }
  try {
    if ('unsupported' in route) throw errors.unsupported(`REST ${path}`);
    const bound = bind(route.spec, decoded);
    const bodyDb = typeof bound.dbName === 'string' ? bound.dbName : '';
    const ctx: RestContext = {
      service: fake.service,
      db: Store.effectiveDb(bodyDb, header(request, 'db-name')),
      // int64 as strings unless the client asks for numbers (what JavaScript clients can read back exactly).
      // A real server's default comes from proxy.http.acceptTypeAllowInt64, which ships as true.
      allowInt64: parseGoBool(header(request, 'accept-type-allow-int64')) ?? false,
      body:
        typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)
          ? (decoded as Record<string, unknown>)
          : {},
      ...(auth.user ? { user: auth.user } : {}),
    };
    return route.handle(bound, ctx);
  } catch (error) {
    if (!(error instanceof RestError) && !(error instanceof MilvusError)) {
      fake.log.error(`REST ${path} failed in the fake (a bug: please report it)`, error);
    }
    return failure(error);
  }
}

/**
 * The REST v2 handler for {@link FakeMilvusServer.useHttp}.
 *
 * @example
 * server.useHttp(createRestHandler(fake));
 */
/** Answers REST v2 requests; false hands the request on to the server's next handler (its 404). */
export type RestHandler = (request: http.IncomingMessage, response: http.ServerResponse) => boolean | Promise<boolean>;

export function createRestHandler(fake: MilvusFake, options: RestOptions = {}): RestHandler {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const defaultTimeout = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://fake.invalid').pathname;
    if (!path.startsWith(REST_PREFIX)) return false;
    const sub = path.slice(REST_PREFIX.length);
    const route = ROUTES[sub];
    if (!route || request.method !== 'POST') return false;
    // A 2.x server has no 3.0 routes: gin's 404, like any unknown path.
    if (V3_ONLY_ROUTES.has(sub) && predatesV3(fake.service.version)) return false;
    const at = fake.clock.now();
    const body = await readBody(request, maxBody);
    const scope = header(request, SCOPE_HEADER);
    let decoded: unknown;
    let early: RestReply | undefined;
    if (!body.ok) {
      early = {
        status: 413,
        body: {
          code: 1102,
          message: `request body of ${body.size} bytes exceeds the fake's limit of ${maxBody} bytes: parameter too large`,
        },
      };
    } else {
      try {
        decoded = parseGoJson(body.text);
      } catch (error) {
        if (!(error instanceof GoJsonError)) throw error;
        const message = error.eof
          ? 'can only accept json format request, the request body should be nil, however {} is valid'
          : `can only accept json format request, error: ${error.message}`;
        early = { status: 200, body: { code: RestCodes.incorrectParameterFormat, message } };
      }
    }
    const fields = typeof decoded === 'object' && decoded !== null ? (decoded as Record<string, unknown>) : {};
    const collection = typeof fields.collectionName === 'string' ? fields.collectionName : '';
    const db =
      typeof fields.dbName === 'string' && fields.dbName
        ? fields.dbName
        : Store.effectiveDb('', header(request, 'db-name'));
    const entry = fake.journal.record({
      at,
      method: 'POST',
      path,
      route: path,
      ...(collection ? { model: collection } : {}),
      body: { dbName: db, collectionName: collection },
      stream: false,
      ...(scope ? { scope } : {}),
    });
    const finish = (reply: RestReply, headers?: Record<string, string>) => {
      entry.status = Number(reply.body.code);
      fake.log.debug(`REST ${path} db=${db} collection=${collection} -> ${entry.status}`);
      send(response, reply, headers);
    };
    if (early) {
      finish(early, early.status === 413 ? { connection: 'close' } : undefined);
      return true;
    }
    const run = () => finish(execute(fake, route, path, decoded, request, options.privilegeCheck));
    const fault = fake.faults.take(path, collection || undefined);
    if (!fault) {
      run();
      return true;
    }
    entry.fault = fault.kind;
    applyFault(fault, {
      run,
      reply: (code, message) => finish({ status: 200, body: { code, message } }),
      timeoutMs: timeoutMs(header(request, 'request-timeout'), defaultTimeout),
      timedOut: () => finish({ status: 408, body: { code: RestCodes.timeout, message: 'request timeout' } }),
      drop: () => {
        entry.aborted = true;
        request.socket.destroy();
      },
      closing: fake.closing,
      response,
      entry,
    });
    return true;
  };
}
