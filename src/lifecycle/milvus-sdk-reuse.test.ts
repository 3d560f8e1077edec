import { createRequire } from 'node:module';
import protobuf from 'protobufjs';
import { expect, test } from 'vitest';
import { lazyProtoRoot } from '../fakes/milvus/grpc/descriptors.js';

// The roots shareMilvusSdkDescriptors hands the SDK are resolved type by type as they are used, not all at
// once as Root.fromJSON does. They must encode every message of the SDK's descriptor files to the same
// bytes (proto3 `packed` comes from the edition features, which the lazy root still settles up front).
const require = createRequire(import.meta.url);
const fromSdk = createRequire(require.resolve('@zilliz/milvus2-sdk-node'));
const files = ['./proto-json/milvus.base.js', './proto-json/schema.base.js', './proto-json/milvus.js'];

function sample(type: protobuf.Type, depth: number): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    field.resolve();
    let one: unknown;
    if (field.resolvedType instanceof protobuf.Type) {
      if (depth >= 2) continue;
      one = sample(field.resolvedType, depth + 1);
    } else if (field.resolvedType instanceof protobuf.Enum) {
      one = Object.values(field.resolvedType.values).at(-1);
    } else if (field.type === 'string') one = `s-${field.name}`;
    else if (field.type === 'bytes') one = Buffer.from([1, 2, 3]);
    else if (field.type === 'bool') one = true;
    else if (field.type === 'float' || field.type === 'double') one = 1.5;
    else one = field.type.includes('64') ? '9007199254740993' : 7;
    if (field.map) value[field.name] = { k: one };
    else if (field.repeated) value[field.name] = [one, one];
    else if (field.partOf && Object.keys(value).some((k) => field.partOf?.oneof.includes(k))) continue;
    else value[field.name] = one;
  }
  return value;
}

test.each(files)('%s: the lazily resolved root encodes every message like Root.fromJSON', (file) => {
  const loaded = fromSdk(file) as { default?: protobuf.INamespace };
  const json = (loaded.default ?? loaded) as protobuf.INamespace;
  const eager = protobuf.Root.fromJSON(json);
  const lazy = lazyProtoRoot(protobuf.Root, json as never);
  const types: protobuf.Type[] = [];
  const walk = (ns: protobuf.NamespaceBase) => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Type) types.push(nested);
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) walk(nested);
    }
  };
  walk(eager);
  expect(types.length).toBeGreaterThan(50);
  let packedSeen = 0;
  for (const type of types) {
    const value = sample(type, 0);
    const mine = lazy.lookupType(type.fullName);
    const a = Buffer.from(mine.encode(mine.fromObject(value)).finish());
    const b = Buffer.from(type.encode(type.fromObject(value)).finish());
    expect(a.equals(b), type.fullName).toBe(true);
    packedSeen += type.fieldsArray.filter((f) => f.packed).length;
  }
  // The comparison covers packed repeated scalars, where a missing feature pass would change the bytes.
  expect(packedSeen).toBeGreaterThan(0);
});
