import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { milvusServiceDefinition, telemetryServiceDefinition } from '../../src/fakes/milvus/grpc/descriptors.js';
import { V3_ONLY_METHODS } from '../../src/fakes/milvus/grpc/v3-methods.js';
import { startFakeMilvus, type StartedFakeMilvus } from '../../src/fakes/milvus/index.js';

let milvus: StartedFakeMilvus;
let client: grpc.Client & Record<string, (...args: unknown[]) => unknown>;

beforeAll(async () => {
  milvus = await startFakeMilvus({ logLevel: 'silent' });
  const Client = grpc.makeGenericClientConstructor(milvusServiceDefinition(), 'MilvusService');
  client = new Client(milvus.address, grpc.credentials.createInsecure()) as typeof client;
});

afterAll(async () => {
  client.close();
  await milvus.close();
});

type Reply = Record<string, unknown>;

function unary(method: string, request: Reply = {}): Promise<{ error: grpc.ServiceError | null; reply: Reply | undefined }> {
  return new Promise((resolve) => {
    client[method]?.(request, (error: grpc.ServiceError | null, reply: Reply | undefined) => resolve({ error, reply }));
  });
}

function statusOf(reply: Reply): Reply | undefined {
  if ('error_code' in reply) return reply;
  return (reply.status ?? reply.alter_status) as Reply | undefined;
}

test('every unary MilvusService method a 2.6 server has answers with a business Status, never UNIMPLEMENTED', async () => {
  const definition = milvusServiceDefinition();
  const unaryMethods = Object.entries(definition).filter(([, spec]) => !spec.requestStream && !spec.responseStream);
  expect(unaryMethods.length).toBeGreaterThan(130);
  const without: string[] = [];
  const unimplemented: string[] = [];
  for (const [method] of unaryMethods) {
    const { error, reply } = await unary(method);
    if (V3_ONLY_METHODS.has(method)) {
      // Milvus 3.0 methods: a 2.6 server has no handler, grpc-go answers UNIMPLEMENTED itself.
      expect(error?.code, method).toBe(grpc.status.UNIMPLEMENTED);
      expect(error?.details, method).toBe(`unknown method ${method} for service milvus.proto.milvus.MilvusService`);
      unimplemented.push(method);
      continue;
    }
    expect(error, method).toBeNull();
    const status = statusOf(reply ?? {});
    if (!status) {
      without.push(method);
      continue;
    }
    expect(typeof status.error_code, method).toBe('string');
    if (status.error_code !== 'Success') expect(status.code, method).not.toBe(0);
  }
  // Only the reply types that have no Status field at all.
  expect(without).toEqual(['Dummy', 'GetReplicateInfo']);
  expect([...unimplemented].sort()).toEqual([...V3_ONLY_METHODS].filter((m) => m in definition).sort());
});

test('unsupported features say so with code 3000 and the legacy UnexpectedError', async () => {
  const { reply } = await unary('Prewarm', { collection_name: 'c' });
  expect(statusOf(reply ?? {})).toMatchObject({
    code: 3000,
    error_code: 'UnexpectedError',
    reason: "Prewarm is not supported by fakecontainers' fake Milvus: unsupported operation",
  });
});

test('streaming methods end promptly instead of hanging or answering UNIMPLEMENTED', async () => {
  const dump = client.DumpMessages?.({}) as grpc.ClientReadableStream<Reply>;
  const messages: Reply[] = [];
  await new Promise<void>((resolve) => {
    dump.on('data', (m: Reply) => messages.push(m));
    dump.on('end', resolve);
    dump.on('error', () => resolve());
  });
  expect(messages[0]?.status).toMatchObject({ code: 3000 });
  const stream = client.CreateReplicateStream?.() as grpc.ClientDuplexStream<Reply, Reply>;
  const failure = await new Promise<grpc.ServiceError>((resolve) => stream.on('error', resolve));
  expect(failure.code).toBe(grpc.status.FAILED_PRECONDITION);
});

test('the telemetry service answers heartbeats and reports the others as unsupported', async () => {
  const Telemetry = grpc.makeGenericClientConstructor(telemetryServiceDefinition(), 'ClientTelemetryService');
  const telemetry = new Telemetry(milvus.address, grpc.credentials.createInsecure()) as typeof client;
  const call = (method: string) =>
    new Promise<Reply>((resolve, reject) => telemetry[method]?.({}, (e: Error | null, r: Reply) => (e ? reject(e) : resolve(r))));
  expect(await call('ClientHeartbeat')).toMatchObject({ status: { error_code: 'Success' }, commands: [] });
  expect(await call('PushClientCommand')).toMatchObject({ status: { code: 3000 } });
  telemetry.close();
});

test('DescribeCollection also finds a collection by its ID', async () => {
  milvus.seed({ collections: [{ name: 'by_id', dimension: 2 }] });
  const { reply: byName } = await unary('DescribeCollection', { collection_name: 'by_id' });
  const { reply: byId } = await unary('DescribeCollection', { collectionID: byName?.collectionID });
  expect((byId?.schema as Reply | undefined)?.name).toBe('by_id');
});
