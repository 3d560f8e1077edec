/**
 * Every `MilvusClient` the SDK (3.0.x) constructs parses its protobuf descriptors again: two
 * `protobufjs.Root.fromJSON` of the same JSON and two `@grpc/proto-loader` service definitions of the
 * same file, ~110 ms per client, which a fixture handing one client to every test paid per test. The
 * results are read-only descriptors and stateless client classes, so the same inputs can share them,
 * and the roots are resolved lazily, type by type, as protobufjs does when a type is first used.
 * This memoizes exactly those two calls, keyed by their inputs (the service classes come from the
 * fake's own proto-loader-equivalent definitions); anything else passes through. If a future SDK moves
 * them, nothing is patched and clients are only slower.
 */
import { createRequire } from 'node:module';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { lazyProtoRoot, MILVUS_SERVICE, type RootClass, TELEMETRY_SERVICE, milvusServiceDefinition, telemetryServiceDefinition } from '../fakes/milvus/grpc/descriptors.js';

let installed = false;

interface GrpcUtils {
  getGRPCService: (proto: { serviceName: string }, options?: unknown) => unknown;
}
interface GrpcJs {
  makeGenericClientConstructor: (methods: ServiceDefinition, serviceName: string) => unknown;
}
interface ProtobufJs {
  Root: RootClass<object> & { fromJSON: (json: unknown, root?: unknown) => unknown };
}

/** The options the SDK passes (utils/Grpc.js, GrpcClient LOADER_OPTIONS), which our definitions mirror. */
function sdkLoaderOptions(options: unknown): boolean {
  const o = (options ?? {}) as Record<string, unknown>;
  const keys = Object.keys(o).sort().join(',');
  return keys === 'defaults,enums,keepCase,longs,oneofs' && o.keepCase === true && o.longs === String && o.enums === String && o.defaults === true && o.oneofs === true;
}

export function shareMilvusSdkDescriptors(): void {
  if (installed) return;
  installed = true;
  try {
    const require = createRequire(import.meta.url);
    const sdkMain = require.resolve('@zilliz/milvus2-sdk-node');
    const fromSdk = createRequire(sdkMain);
    const grpcUtils = fromSdk('./utils/Grpc.js') as GrpcUtils;
    const services = new Map<string, unknown>();
    const original = grpcUtils.getGRPCService;
    const grpc = fromSdk('@grpc/grpc-js') as GrpcJs;
    // The service definitions the fake Milvus builds from the same JSON without proto-loader's
    // reflection descriptors (descriptors.test.ts holds them equal to proto-loader's under the SDK's
    // own loader options), so the first client of a process skips that work too.
    const ours: Partial<Record<string, () => ServiceDefinition>> = { [MILVUS_SERVICE]: milvusServiceDefinition, [TELEMETRY_SERVICE]: telemetryServiceDefinition };
    if (typeof original === 'function') {
      grpcUtils.getGRPCService = (proto, options) => {
        const key = `${proto.serviceName}\u0000${JSON.stringify(options ?? null)}`;
        if (!services.has(key)) {
          const build = ours[proto.serviceName];
          services.set(key, build && sdkLoaderOptions(options) ? grpc.makeGenericClientConstructor(build(), proto.serviceName) : original(proto, options));
        }
        return services.get(key);
      };
    }
    const protobuf = fromSdk('protobufjs') as ProtobufJs;
    const roots = new WeakMap<object, unknown>();
    const fromJSON = protobuf.Root.fromJSON;
    // Only the SDK's own descriptor objects are shared; any other call (or one with a target root) passes through.
    const sdkJson = new Set<unknown>(
      ['./proto-json/milvus.base.js', './proto-json/schema.base.js'].map((file) => {
        const loaded = fromSdk(file) as { default?: unknown };
        return loaded.default ?? loaded;
      }),
    );
    protobuf.Root.fromJSON = function sharedFromJSON(json: unknown, root?: unknown): unknown {
      if (root !== undefined || !sdkJson.has(json)) return fromJSON.call(this, json, root);
      const key = json as object;
      if (!roots.has(key)) {
        // The SDK only looks types up and encodes them: resolving them as they are used saves the eager
        // resolution of every type of the file (~100 ms for the first client) and changes no byte.
        roots.set(key, lazyProtoRoot(protobuf.Root, json as Parameters<typeof lazyProtoRoot>[1]));
      }
      return roots.get(key);
    };
  } catch {
    // A different SDK layout: leave it alone.
  }
}
