import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import protobuf from 'protobufjs';
import milvusProtoModule from '@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus.js';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * scripts/milvus-protos.mjs turns the SDK's protobufjs descriptors into .proto files for protoc. Round
 * trip: the written files, parsed again by protobufjs, describe every message, enum and service of
 * milvus.proto.* exactly as the SDK's descriptors do (names, numbers, labels, types, oneofs, maps,
 * streaming), in both spellings of proto3 `optional`.
 */
const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'scripts/milvus-protos.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'milvus-protos-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sdkJson = ((milvusProtoModule as unknown as { default?: unknown }).default ?? milvusProtoModule) as protobuf.INamespace;

function write(flags: string[]): Record<string, string> {
  const out = path.join(scratch, flags.join('') || 'plain');
  execFileSync(process.execPath, [script, ...flags, out], { encoding: 'utf8' });
  return Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name), 'utf8')]));
}

function parseFiles(files: Record<string, string>): protobuf.Root {
  const parsed = new protobuf.Root();
  for (const text of Object.values(files)) protobuf.parse(text, parsed, { keepCase: true });
  parsed.resolveAll();
  return parsed;
}

/** What a descriptor says about the wire and the generated API, keyed by full name. */
function describeAll(ns: protobuf.NamespaceBase, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const item of ns.nestedArray) {
    if (item instanceof protobuf.Type) {
      out[item.fullName] = item.fieldsArray
        .map((f) => {
          const oneof = f.partOf;
          const optional = oneof !== null && oneof.fieldsArray.length === 1 && oneof.name === `_${f.name}`;
          return [
            f.id,
            f.name,
            f.repeated ? 'repeated' : optional ? 'optional' : '',
            f instanceof protobuf.MapField ? `map<${f.keyType}>` : '',
            f.resolvedType ? f.resolvedType.fullName : f.type,
            oneof && !optional ? oneof.name : '',
            f.options?.deprecated === true ? 'deprecated' : '',
          ].join(' ');
        })
        .sort();
    } else if (item instanceof protobuf.Enum) {
      out[item.fullName] = item.values;
    } else if (item instanceof protobuf.Service) {
      out[item.fullName] = item.methodsArray.map((m) => {
        m.resolve();
        return `${m.name}(${m.requestStream ? 'stream ' : ''}${m.resolvedRequestType?.fullName}) ${m.responseStream ? 'stream ' : ''}${m.resolvedResponseType?.fullName}`;
      });
    }
    if (item instanceof protobuf.Namespace || item instanceof protobuf.Type) describeAll(item, out);
  }
  return out;
}

const sdkRoot = protobuf.Root.fromJSON(sdkJson);
sdkRoot.resolveAll();
const expected = describeAll(sdkRoot.lookup('milvus.proto') as protobuf.Namespace);

describe('scripts/milvus-protos.mjs', () => {
  test('writes one file per milvus.proto package, each declaring its package and importing what it uses', () => {
    const files = write([]);
    expect(Object.keys(files).sort()).toEqual(['common.proto', 'feder.proto', 'milvus.proto', 'msg.proto', 'rg.proto', 'schema.proto']);
    expect(files['common.proto']).toMatch(/^package milvus\.proto\.common;$/m);
    expect(files['common.proto']).not.toMatch(/^import /m);
    expect(files['milvus.proto']).toMatch(/^import "schema\.proto";$/m);
    expect(files['milvus.proto']).toMatch(/^service MilvusService \{$/m);
  });

  test.each([[[]], [['--optional-as-oneof']]])('round trip %j: the files describe what the SDK descriptors describe', (flags) => {
    const files = write(flags);
    if (flags.length > 0) expect(Object.values(files).join('\n')).not.toMatch(/^\s*optional /m);
    else expect(files['milvus.proto']).toMatch(/^\s*optional string namespace = \d+;$/m);
    const actual = describeAll(parseFiles(files).lookup('milvus.proto') as protobuf.Namespace);
    expect(Object.keys(expected).length).toBeGreaterThan(400);
    expect(actual).toEqual(expected);
  });

  test('refuses a call without an output directory', () => {
    expect(() => execFileSync(process.execPath, [script], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/usage: node scripts\/milvus-protos\.mjs/);
  });
});
