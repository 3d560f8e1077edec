/**
 * The gRPC transport: a grpc-js Server with every MilvusService and ClientTelemetryService method
 * from the SDK's descriptors. Each unary call is decoded as proto-loader would decode it, handled
 * synchronously by the service, and answered with the reply's in-band Status; a thrown MilvusError
 * becomes that Status, any other exception a 65535 Status (and a log line). Every call is journaled with its connection and
 * `x-fakecontainers-scope`.
 */
import * as grpc from '@grpc/grpc-js';
import { CLIENT_HEADER, SCOPE_HEADER, SHARED_HEADER } from '../../control/connections.js';
import type { Fault } from '../../control/faults.js';
import { MILVUS_SERVICE, milvusServiceDefinition, protoRoot, TELEMETRY_SERVICE, telemetryServiceDefinition } from './descriptors.js';
import type { MilvusFake } from '../engine/milvus-fake.js';
import type { CallContext, Handler, ProtoRequest } from './context.js';
import { ddlHandlers } from './handlers-ddl.js';
import { fastWriteDeserializer } from './insert-decoder.js';
import { dmlHandlers } from './handlers-dml.js';
import { miscHandlers, telemetryHandlers, unsupportedHandler } from './handlers-misc.js';
import { rbacHandlers } from './handlers-rbac.js';
import { grpcAuth } from './auth.js';
import { privilegeCheckOf } from './privileges.js';
import { denialMessage } from '../engine/rbac.js';
import { textHandlers } from './handlers-text.js';
import { adminHandlers } from './handlers-admin.js';
import { importHandlers } from './handlers-import.js';
import { predatesV3, unknownMethodDetails, V3_ONLY_METHODS } from './v3-methods.js';
import { legacyErrorCode, MilvusError, statusOf, successStatus, type StatusValue } from '../errors/status.js';
import { Store } from '../engine/store.js';

export interface GrpcTransportOptions {
  readonly fake: MilvusFake;
  /** Destroys the TCP connection behind a gRPC peer (the `drop` fault). */
  readonly dropPeer: (peer: string) => void;
}

type ReplyShape = 'status' | 'alter_status' | 'self' | 'none';

function replyShapes(serviceName: string): Map<string, ReplyShape> {
  const shapes = new Map<string, ReplyShape>();
  const svc = protoRoot().lookupService(serviceName);
  for (const method of Object.values(svc.methods)) {
    method.resolve();
    const type = method.resolvedResponseType;
    const full = type?.fullName ?? '';
    if (full === '.milvus.proto.common.Status') shapes.set(method.name, 'self');
    else if (type?.fields.status) shapes.set(method.name, 'status');
    else if (type?.fields.alter_status) shapes.set(method.name, 'alter_status');
    else shapes.set(method.name, 'none');
  }
  return shapes;
}

/** Each method's request message type (full name without the leading dot), for privilege checks. */
function requestTypes(serviceName: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const method of Object.values(protoRoot().lookupService(serviceName).methods)) {
    method.resolve();
    const full = method.resolvedRequestType?.fullName;
    if (full) types.set(method.name, full.replace(/^\./, ''));
  }
  return types;
}

function shapeReply(shape: ReplyShape, body: Record<string, unknown>, status: StatusValue): Record<string, unknown> {
  switch (shape) {
    case 'self':
      return { ...status };
    case 'status':
      return status.code === 0 ? { ...body, status } : { status };
    case 'alter_status':
      return { alter_status: status };
    default:
      return body;
  }
}

function first(metadata: grpc.Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  return value === undefined ? undefined : String(value);
}

export interface GrpcTransport {
  readonly server: grpc.Server;
  readonly injector: ReturnType<grpc.Server['createConnectionInjector']>;
}

export function createGrpcTransport(options: GrpcTransportOptions): GrpcTransport {
  const { fake, dropPeer } = options;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
    // The real server's keepalive (milvus internal/distributed/*/service.go: ping a connection idle for
    // 60 s, drop it after 10 s without an ack). Beyond fidelity it is what frees a peer that broke the
    // HTTP/2 protocol: Node's session answers it with a GOAWAY but then never closes the socket.
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 10_000,
  });
  const serverInfo = {
    build_tags: fake.service.version,
    build_time: 'fakecontainers',
    git_commit: 'fakecontainers',
    go_version: 'node',
    deploy_mode: 'STANDALONE',
    reserved: {},
  };

  const milvusRequestTypes = requestTypes(MILVUS_SERVICE);
  const unary = (serviceName: string, method: string, shape: ReplyShape, handler: Handler) =>
    (call: grpc.ServerUnaryCall<ProtoRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const request = call.request ?? {};
      const bodyDb = typeof request.db_name === 'string' ? request.db_name : '';
      const db = Store.effectiveDb(bodyDb, first(call.metadata, 'dbname'));
      const scope = first(call.metadata, SCOPE_HEADER);
      const peer = call.getPeer();
      const split = peer.lastIndexOf(':');
      const connection = fake.connections.findByPeer(peer.slice(0, split), Number(peer.slice(split + 1)));
      const endRequest = fake.connections.beginRequest(connection, scope, first(call.metadata, CLIENT_HEADER), first(call.metadata, SHARED_HEADER) === '1');
      const collection = typeof request.collection_name === 'string' ? request.collection_name : '';
      const entry = fake.journal.record({
        at: fake.clock.now(),
        method: 'POST',
        path: `/${serviceName}/${method}`,
        route: method,
        ...(collection ? { model: collection } : {}),
        body: { db_name: db, collection_name: collection },
        stream: false,
        ...(scope ? { scope } : {}),
      });
      let settled = false;
      // The client went away (deadline, cancellation, closed channel): stop waiting on its behalf.
      call.once('cancelled', () => {
        if (settled) return;
        settled = true;
        entry.aborted = true;
        endRequest();
        cancelFault.abort();
      });
      const cancelFault = new AbortController();
      const finish = (status: StatusValue, body: Record<string, unknown>) => {
        if (settled) return;
        settled = true;
        entry.status = status.code;
        endRequest();
        fake.log.debug(`${method} db=${db} collection=${collection} -> ${status.error_code}`);
        callback(null, shapeReply(shape, body, status));
      };
      const run = () => {
        const auth = grpcAuth(fake.service.rbac, fake.auth, method, first(call.metadata, 'authorization'));
        if (!auth.ok) {
          // The auth interceptor answers with a gRPC status, not an in-band one (UNAUTHENTICATED).
          if (settled) return;
          settled = true;
          entry.status = grpc.status.UNAUTHENTICATED;
          endRequest();
          callback({ code: grpc.status.UNAUTHENTICATED, details: auth.message });
          return;
        }
        if (fake.auth && auth.user !== undefined) {
          // With authorization on, the privilege interceptor runs after authentication.
          const check = privilegeCheckOf(milvusRequestTypes.get(method) ?? '', request, db);
          if (check && !fake.service.rbac.permits(auth.user, check)) {
            if (settled) return;
            settled = true;
            entry.status = grpc.status.PERMISSION_DENIED;
            endRequest();
            callback({ code: grpc.status.PERMISSION_DENIED, details: denialMessage(check, auth.user) });
            return;
          }
        }
        const ctx: CallContext = {
          service: fake.service,
          db,
          newIdentifier: () => String(fake.service.store.tso.next()),
          serverInfo,
          ...(auth.user ? { user: auth.user } : {}),
        };
        try {
          finish(successStatus(), handler(request, ctx));
        } catch (error) {
          if (!(error instanceof MilvusError)) fake.log.error(`${method} failed in the fake (a bug: please report it)`, error);
          finish(statusOf(error), {});
        }
      };
      const fault = fake.faults.take(method, collection || undefined);
      if (!fault) return run();
      entry.fault = fault.kind;
      applyFault(fault, {
        run,
        reply: (status) => finish(status, {}),
        drop: () => {
          settled = true;
          entry.aborted = true;
          endRequest();
          dropPeer(peer);
        },
        stop: AbortSignal.any([fake.closing, cancelFault.signal]),
      });
    };

  const register = (name: string, definition: grpc.ServiceDefinition, handlers: Record<string, Handler>) => {
    const shapes = replyShapes(name);
    const impl: grpc.UntypedServiceImplementation = {};
    for (const [method, spec] of Object.entries(definition)) {
      if (spec.requestStream || spec.responseStream) {
        impl[method] = streamingUnsupported(method, shapes.get(method) ?? 'none');
        continue;
      }
      if (name === MILVUS_SERVICE && V3_ONLY_METHODS.has(method) && predatesV3(fake.service.version)) {
        impl[method] = (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
          callback({ code: grpc.status.UNIMPLEMENTED, details: unknownMethodDetails(name, method) });
        continue;
      }
      const handler = handlers[method] ?? unsupportedHandler(method);
      impl[method] = unary(name, method, shapes.get(method) ?? 'none', handler);
    }
    server.addService(definition, impl);
  };

  const fastWrites: Record<string, string> = { Insert: 'InsertRequest', Upsert: 'UpsertRequest' };
  const milvusDefinition: grpc.ServiceDefinition = Object.fromEntries(
    Object.entries(milvusServiceDefinition()).map(([method, spec]) => {
      const type = fastWrites[method];
      return [method, type ? { ...spec, requestDeserialize: fastWriteDeserializer(`milvus.proto.milvus.${type}`) } : spec];
    }),
  );
  register(MILVUS_SERVICE, milvusDefinition, { ...ddlHandlers, ...dmlHandlers, ...miscHandlers, ...rbacHandlers, ...textHandlers, ...adminHandlers, ...importHandlers });
  register(TELEMETRY_SERVICE, telemetryServiceDefinition(), telemetryHandlers);
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  return { server, injector };
}

interface FaultActions {
  run(): void;
  reply(status: StatusValue): void;
  drop(): void;
  /** Aborted when the fake closes or the caller cancels: a delayed answer is not sent. */
  readonly stop: AbortSignal;
}

/**
 * Faults on unary calls: `delay`/`slow` wait then answer normally, `status` answers that Milvus code
 * in-band (both `code` and the legacy `error_code`), `drop`/`truncate`/`error-mid-stream` cut the
 * connection (the SDK sees UNAVAILABLE), `hang` never answers until the fake closes.
 */
function applyFault(fault: Fault, actions: FaultActions): void {
  const wait = (ms: number, then: () => void) => {
    if (actions.stop.aborted) return;
    const onStop = () => clearTimeout(timer);
    const timer = setTimeout(() => {
      actions.stop.removeEventListener('abort', onStop);
      then();
    }, ms);
    actions.stop.addEventListener('abort', onStop, { once: true });
  };
  switch (fault.kind) {
    case 'delay':
      return wait(fault.delayMs ?? 0, actions.run);
    case 'slow':
      return wait(fault.tokenDelayMs ?? 0, actions.run);
    case 'status': {
      const code = fault.status ?? 65535;
      const reason = fault.message ?? `injected fault: status ${code}`;
      return actions.reply({ error_code: legacyErrorCode(code), reason, code, retriable: false, detail: reason, extra_info: {} });
    }
    case 'hang':
      return;
    default:
      return actions.drop();
  }
}

/**
 * Streaming methods (replication, message dumps) are not part of any SDK flow: answer one business
 * Status where the reply type has one, then end the stream; otherwise end it with FAILED_PRECONDITION.
 */
function streamingUnsupported(method: string, shape: ReplyShape) {
  return (call: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>) => {
    const status = new MilvusError(3000, `${method} is not supported by fakecontainers' fake Milvus: unsupported operation`).toStatus();
    if (shape === 'status') {
      call.write({ status });
      call.end();
      return;
    }
    call.emit('error', { code: grpc.status.FAILED_PRECONDITION, details: status.reason });
  };
}
