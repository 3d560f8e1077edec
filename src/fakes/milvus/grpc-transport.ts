/**
 * The gRPC transport: a grpc-js Server with every MilvusService and ClientTelemetryService method
 * from the SDK's descriptors. Each unary call is decoded by proto-loader, handled synchronously by the
 * service, and answered with the reply's in-band Status; a thrown MilvusError becomes that Status, any
 * other exception a 65535 Status (and a log line). Every call is journaled with its connection and
 * `x-fakecontainers-scope`.
 */
import * as grpc from '@grpc/grpc-js';
import type { Clock } from '../../common/clock.js';
import type { Logger } from '../../common/log.js';
import { MILVUS_SERVICE, milvusServiceDefinition, protoRoot, TELEMETRY_SERVICE, telemetryServiceDefinition } from './descriptors.js';
import type { CallContext, Handler, ProtoRequest } from './grpc-context.js';
import { ddlHandlers } from './grpc-handlers-ddl.js';
import { dmlHandlers } from './grpc-handlers-dml.js';
import { miscHandlers, telemetryHandlers, unsupportedHandler } from './grpc-handlers-misc.js';
import type { ConnectionTracker, RpcJournal } from './observability.js';
import type { MilvusService } from './service.js';
import { MilvusError, statusOf, successStatus, type StatusValue } from './status.js';
import { Store } from './store.js';

export const SCOPE_HEADER = 'x-fakecontainers-scope';

export interface GrpcTransportOptions {
  readonly service: MilvusService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly journal: RpcJournal;
  readonly connections: ConnectionTracker;
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
  const { service, clock, logger, journal, connections } = options;
  const server = new grpc.Server({ 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
  const serverInfo = {
    build_tags: service.version,
    build_time: 'fakecontainers',
    git_commit: 'fakecontainers',
    go_version: 'node',
    deploy_mode: 'STANDALONE',
    reserved: {},
  };

  const unary = (serviceLabel: string, method: string, shape: ReplyShape, handler: Handler) =>
    (call: grpc.ServerUnaryCall<ProtoRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const request = call.request ?? {};
      const bodyDb = typeof request.db_name === 'string' ? request.db_name : '';
      const db = Store.effectiveDb(bodyDb, first(call.metadata, 'dbname'));
      const scope = first(call.metadata, SCOPE_HEADER);
      const connection = connections.byPeer(call.getPeer());
      if (connection) {
        connection.protocol = 'grpc';
        if (scope && connection.scope === undefined) connection.scope = scope;
      }
      const ctx: CallContext = { service, db, newIdentifier: () => String(service.store.tso.next()), serverInfo };
      const at = clock.now();
      let body: Record<string, unknown> = {};
      let status = successStatus();
      try {
        body = handler(request, ctx);
      } catch (error) {
        if (!(error instanceof MilvusError)) logger.error(`${serviceLabel}/${method} failed`, error);
        status = statusOf(error);
      }
      const collection = typeof request.collection_name === 'string' ? request.collection_name : '';
      journal.record({
        at,
        protocol: 'grpc',
        method: `${serviceLabel}/${method}`,
        db,
        collection,
        code: status.code,
        errorCode: status.error_code,
        reason: status.reason,
        ...(scope ? { scope } : {}),
        ...(connection ? { connectionId: connection.id } : {}),
      });
      logger.debug(`${serviceLabel}/${method} db=${db} collection=${collection} -> ${status.error_code}`);
      callback(null, shapeReply(shape, body, status));
    };

  const register = (name: string, label: string, definition: grpc.ServiceDefinition, handlers: Record<string, Handler>) => {
    const shapes = replyShapes(name);
    const impl: grpc.UntypedServiceImplementation = {};
    for (const [method, spec] of Object.entries(definition)) {
      if (spec.requestStream || spec.responseStream) {
        impl[method] = streamingUnsupported(method, shapes.get(method) ?? 'none');
        continue;
      }
      const handler = handlers[method] ?? unsupportedHandler(method);
      impl[method] = unary(label, method, shapes.get(method) ?? 'none', handler);
    }
    server.addService(definition, impl);
  };

  register(MILVUS_SERVICE, 'MilvusService', milvusServiceDefinition(), { ...ddlHandlers, ...dmlHandlers, ...miscHandlers });
  register(TELEMETRY_SERVICE, 'ClientTelemetryService', telemetryServiceDefinition(), telemetryHandlers);
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  return { server, injector };
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
