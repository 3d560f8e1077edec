/**
 * gRPC service definitions and protobuf types, loaded from the descriptors the official Node SDK ships
 * (`@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus.js`) with the SDK's own loader options, so
 * field names, enum spellings and int64-as-string handling match what the client sends and expects.
 * Nothing here is hand-copied from `.proto` files.
 */
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import milvusProtoModule from '@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus.js';

/**
 * The SDK's proto-loader options (`utils/Grpc.js`): keep snake_case, int64 as string, enums by name,
 * defaults filled in, oneof names set. (`keepCase` is a parse option; the JSON descriptors are already
 * snake_case.)
 */
export const LOADER_OPTIONS: protobuf.IConversionOptions = { longs: String, enums: String, defaults: true, oneofs: true };

export const MILVUS_SERVICE = 'milvus.proto.milvus.MilvusService';
export const TELEMETRY_SERVICE = 'milvus.proto.milvus.ClientTelemetryService';

/** The CommonJS module exports `{ default: <json> }`; bundlers may already unwrap it. */
const protoJson = ((milvusProtoModule as unknown as { default?: unknown }).default ??
  milvusProtoModule) as protobuf.INamespace;

let cachedRoot: protobuf.Root | undefined;
const cachedServices = new Map<string, ServiceDefinition>();

/**
 * One protobufjs Root over the SDK's JSON per process: the gRPC services and the byte fields the RPCs
 * embed (schemas, placeholders) share it. Types are resolved as they are first used (`lazyProtoRoot`),
 * not all at once: that was ~50 ms of each process's first fake or client.
 */
export function protoRoot(): protobuf.Root {
  cachedRoot ??= lazyProtoRoot(protobuf.Root, protoJson as never);
  return cachedRoot;
}

/** The parts of a protobufjs Root class that `lazyProtoRoot` uses (any protobufjs 7 copy has them). */
export type RootClass<R> = new () => R & { setOptions(options: Record<string, unknown>): unknown; addJSON(nested: Record<string, unknown>): unknown };

/**
 * What `Root.fromJSON(json)` returns, but with types resolved as they are first used instead of all at
 * once: `fromJSON` is `addJSON` + `resolveAll`, and `resolveAll` first settles each field's edition
 * features (proto3 `packed` and the like, which change the bytes) and then resolves every type. The
 * features pass is kept (protobufjs' `_resolveFeaturesRecursive`; if a future protobufjs lacks it, the
 * root is resolved in full as before); type resolution is left to protobufjs, which resolves a type's
 * fields when it first builds that type's code. `descriptors.test.ts` and `milvus-sdk-reuse.test.ts` hold
 * the bytes equal to proto-loader's and `fromJSON`'s.
 */
export function lazyProtoRoot<R>(Root: RootClass<R>, json: { options?: Record<string, unknown>; nested?: Record<string, unknown> }): R {
  const root = new Root();
  if (json.options) root.setOptions(json.options);
  root.addJSON(json.nested ?? {});
  const internals = root as unknown as { _edition?: unknown; _resolveFeaturesRecursive?: (edition: unknown) => unknown; resolveAll(): unknown };
  if (typeof internals._resolveFeaturesRecursive === 'function') internals._resolveFeaturesRecursive(internals._edition);
  else internals.resolveAll();
  return root;
}

/**
 * A grpc-js service definition built the way `@grpc/proto-loader`'s `fromJSON` builds one (same
 * paths, `toObject(decode(bytes), LOADER_OPTIONS)` to decode, `encode(fromObject(value))` to encode),
 * without the reflection descriptors proto-loader also generates for every message type and the
 * camel-case client aliases (`originalName`). A server never reads those, and building them took half of the fake's first start. `descriptors.test.ts` checks this
 * definition against proto-loader's.
 */
function serviceDefinition(serviceName: string): ServiceDefinition {
  const cached = cachedServices.get(serviceName);
  if (cached) return cached;
  const service = protoRoot().lookupService(serviceName);
  const definition: Record<string, MethodDefinition<object, object>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const request = method.resolvedRequestType as protobuf.Type;
    const response = method.resolvedResponseType as protobuf.Type;
    const spec: MethodDefinition<object, object> = {
      path: `/${serviceName}/${method.name}`,
      requestStream: Boolean(method.requestStream),
      responseStream: Boolean(method.responseStream),
      requestSerialize: serializer(request),
      requestDeserialize: deserializer(request),
      responseSerialize: serializer(response),
      responseDeserialize: deserializer(response),
    };
    definition[method.name] = spec;
  }
  cachedServices.set(serviceName, definition);
  return definition;
}

function serializer(type: protobuf.Type): (value: object) => Buffer {
  return (value) => {
    if (Array.isArray(value)) throw new TypeError(`cannot serialize an array as ${type.name}`);
    return type.encode(type.fromObject(value as Record<string, unknown>)).finish() as Buffer;
  };
}

function deserializer(type: protobuf.Type): (bytes: Buffer) => object {
  return (bytes) => type.toObject(type.decode(bytes), LOADER_OPTIONS);
}

export function milvusServiceDefinition(): ServiceDefinition {
  return serviceDefinition(MILVUS_SERVICE);
}

export function telemetryServiceDefinition(): ServiceDefinition {
  return serviceDefinition(TELEMETRY_SERVICE);
}

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: Buffer as unknown as protobuf.IConversionOptions['bytes'],
  defaults: true,
  oneofs: true,
};

/** Decodes an embedded message into the same plain-object shape proto-loader gives handlers. */
export function decodeMessage<T>(typeName: string, bytes: Uint8Array): T {
  const type = protoRoot().lookupType(typeName);
  return type.toObject(type.decode(bytes), TO_OBJECT) as T;
}

/** Encodes a plain object (enum names, int64 as strings) into bytes. */
export function encodeMessage(typeName: string, value: Record<string, unknown>): Uint8Array {
  const type = protoRoot().lookupType(typeName);
  return type.encode(type.fromObject(value)).finish();
}

/** Every method name of a service, from the descriptors (used to answer each one). */
export function methodNames(definition: ServiceDefinition): string[] {
  return Object.keys(definition);
}
