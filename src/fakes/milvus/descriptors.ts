/**
 * gRPC service definitions and protobuf types, loaded from the descriptors the official Node SDK ships
 * (`@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus.js`) with the SDK's own loader options, so
 * field names, enum spellings and int64-as-string handling match what the client sends and expects.
 * Nothing here is hand-copied from `.proto` files.
 */
import { fromJSON, type Options, type PackageDefinition, type ServiceDefinition } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import milvusProtoModule from '@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus.js';

/** The SDK's loader options (`utils/Grpc.js`): keep snake_case, int64 as string, enums by name. */
export const LOADER_OPTIONS: Options = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

export const MILVUS_SERVICE = 'milvus.proto.milvus.MilvusService';
export const TELEMETRY_SERVICE = 'milvus.proto.milvus.ClientTelemetryService';

/** The CommonJS module exports `{ default: <json> }`; bundlers may already unwrap it. */
const protoJson = ((milvusProtoModule as unknown as { default?: unknown }).default ??
  milvusProtoModule) as protobuf.INamespace;

let cachedPackage: PackageDefinition | undefined;
let cachedRoot: protobuf.Root | undefined;

/** The proto-loader package definition (built once per process; ~100 ms). */
export function milvusPackage(): PackageDefinition {
  cachedPackage ??= fromJSON(protoJson as never, LOADER_OPTIONS);
  return cachedPackage;
}

export function milvusServiceDefinition(): ServiceDefinition {
  return milvusPackage()[MILVUS_SERVICE] as ServiceDefinition;
}

export function telemetryServiceDefinition(): ServiceDefinition {
  return milvusPackage()[TELEMETRY_SERVICE] as ServiceDefinition;
}

/** A protobufjs Root over the same JSON, for the byte fields the RPCs embed (schemas, placeholders). */
export function protoRoot(): protobuf.Root {
  cachedRoot ??= protobuf.Root.fromJSON(protoJson);
  return cachedRoot;
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
