import * as grpc from '@grpc/grpc-js';
import { DataType, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { decodeMessage, encodeMessage } from '../dist/fakes/milvus/grpc/descriptors.js';
import { decodeFieldData } from '../dist/fakes/milvus/grpc/field-data.js';
import { fastWriteDeserializer } from '../dist/fakes/milvus/grpc/insert-decoder.js';
import { MilvusService } from '../dist/fakes/milvus/engine/service.js';
import { fillVectors } from './children/vectors.mjs';
import { type Figure, median } from './figure.js';
import { sdkCostFigures } from './milvus-sdk-cost.js';
import { BATCH, DIM, sdkInsertRate } from './milvus-sdk-rate.js';
import { startChild } from './servers/child.js';

const SDK_ROUNDS = 3;
const SDK_BATCHES = 3;
const RAW_ROUNDS = 5;
const RAW_BATCHES = 6;
const INSERT_PATH = '/milvus.proto.milvus.MilvusService/Insert';

/** An encoded InsertRequest for collection `c` (ids from `firstId`), as the SDK would put it on the wire. */
function encodedBatch(firstId: number, floats: Float32Array): Buffer {
  const ids = Array.from({ length: BATCH }, (_, i) => String(firstId + i));
  const bytes = encodeMessage('milvus.proto.milvus.InsertRequest', {
    collection_name: 'c',
    num_rows: BATCH,
    fields_data: [
      { type: 'Int64', field_name: 'id', scalars: { long_data: { data: ids } } },
      { type: 'FloatVector', field_name: 'vector', vectors: { dim: DIM, float_vector: { data: Array.from(floats) } } },
    ],
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function rawInsert(client: grpc.Client, request: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(INSERT_PATH, (b: Buffer) => b, (b: Buffer) => b, request, (error, reply) => (error || !reply ? reject(error) : resolve(reply))),
  );
}

async function rawInsertRate(client: grpc.Client, requests: Buffer[]): Promise<number> {
  const started = performance.now();
  let last: Buffer | undefined;
  for (const request of requests) last = await rawInsert(client, request);
  const seconds = (performance.now() - started) / 1000;
  const reply = decodeMessage<{ status: { code: number; reason: string } }>('milvus.proto.milvus.MutationResult', last as Buffer);
  if (reply.status.code !== 0) throw new Error(`raw insert failed: ${reply.status.reason}`);
  return (requests.length * BATCH) / seconds;
}

/**
 * Insert figures: the official SDK into the fake vs into a server that only acknowledges; raw gRPC with
 * pre-encoded requests into both (no SDK); the fake's server-side work in-process vs copying the floats;
 * and where the SDK's own time goes.
 */
export async function insertFigures(group: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const fake = await startChild('fake-milvus.mjs');
  const ack = await startChild('milvus-ack.mjs', [String(DIM)]);
  const fakeClient = new MilvusClient({ address: `127.0.0.1:${fake.port}` });
  const ackClient = new MilvusClient({ address: `127.0.0.1:${ack.port}` });
  await Promise.all([fakeClient.connectPromise, ackClient.connectPromise]);
  await fakeClient.createCollection({
    collection_name: 'c',
    enable_dynamic_field: false,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vector', data_type: DataType.FloatVector, dim: DIM },
    ],
  });

  // SDK end to end: fake and reference alternate round by round, so a noisy neighbour hits both alike.
  process.stderr.write('  milvus: SDK inserts (fake vs acknowledge-only server)\n');
  await sdkInsertRate(fakeClient, 0, 1);
  await sdkInsertRate(ackClient, 0, 1);
  const sdkFake: number[] = [];
  const sdkAck: number[] = [];
  for (let round = 0; round < SDK_ROUNDS; round++) {
    sdkFake.push(await sdkInsertRate(fakeClient, (round + 1) * 100_000, SDK_BATCHES));
    sdkAck.push(await sdkInsertRate(ackClient, (round + 1) * 100_000, SDK_BATCHES));
  }
  figures.push({ group, name: `insert via SDK, ${BATCH}-row batches at ${DIM} dims`, value: median(sdkFake), unit: 'rows/s', reference: { name: 'same SDK into an acknowledge-only gRPC server', value: median(sdkAck) }, target: '>= 20,000 rows/s', better: 'higher' });
  figures.push(...(await sdkCostFigures(group, ackClient)));
  await Promise.all([fakeClient.closeConnection(), ackClient.closeConnection()]);

  // Raw gRPC, pre-encoded requests: the fake's server side plus the transport, without the SDK.
  process.stderr.write('  milvus: raw gRPC inserts with pre-encoded requests\n');
  const floats = fillVectors(new Float32Array(BATCH * DIM), 11);
  const requests = Array.from({ length: RAW_ROUNDS * RAW_BATCHES + 1 }, (_, b) => encodedBatch(10_000_000 + b * BATCH, floats));
  const options = { 'grpc.max_send_message_length': -1, 'grpc.max_receive_message_length': -1 };
  const rawFake = new grpc.Client(`127.0.0.1:${fake.port}`, grpc.credentials.createInsecure(), options);
  const rawAck = new grpc.Client(`127.0.0.1:${ack.port}`, grpc.credentials.createInsecure(), options);
  await rawInsertRate(rawFake, requests.slice(0, 1));
  await rawInsertRate(rawAck, requests.slice(0, 1));
  const rawFakeRates: number[] = [];
  const rawAckRates: number[] = [];
  for (let round = 0; round < RAW_ROUNDS; round++) {
    const slice = requests.slice(1 + round * RAW_BATCHES, 1 + (round + 1) * RAW_BATCHES);
    rawFakeRates.push(await rawInsertRate(rawFake, slice));
    rawAckRates.push(await rawInsertRate(rawAck, slice));
  }
  rawFake.close();
  rawAck.close();
  figures.push({ group, name: 'insert via raw gRPC, pre-encoded requests (no SDK)', value: median(rawFakeRates), unit: 'rows/s', reference: { name: 'same requests into the acknowledge-only server', value: median(rawAckRates) }, target: '>= 20,000 rows/s', better: 'higher' });
  await Promise.all([fake.stop(), ack.stop()]);

  figures.push(serverSideFigure(group, requests, floats));
  return figures;
}

/** In this process: decode a request as the gRPC transport does, then MilvusService.insert; vs a copy of the floats. */
function serverSideFigure(group: string, requests: Buffer[], floats: Float32Array): Figure {
  process.stderr.write('  milvus: server-side insert in-process\n');
  const service = new MilvusService();
  service.createCollection('default', {
    name: 'c',
    schema: { fields: [{ name: 'id', dataType: 'Int64', isPrimaryKey: true }, { name: 'vector', dataType: 'FloatVector', typeParams: { dim: DIM } }] },
  });
  const deserialize = fastWriteDeserializer('milvus.proto.milvus.InsertRequest');
  const fakeMs: number[] = [];
  const copyMs: number[] = [];
  const store: Float32Array[] = [];
  for (const [i, request] of requests.entries()) {
    let started = performance.now();
    const decoded = deserialize(request) as { fields_data: Parameters<typeof decodeFieldData>[0][]; num_rows: number };
    service.insert('default', 'c', { columns: decoded.fields_data.map(decodeFieldData), numRows: Number(decoded.num_rows) });
    if (i > 0) fakeMs.push(performance.now() - started);
    started = performance.now();
    const copy = new Float32Array(floats.length);
    copy.set(floats);
    store.push(copy);
    if (i > 0) copyMs.push(performance.now() - started);
  }
  if (service.collectionStatistics('default', 'c').rowCount !== requests.length * BATCH) throw new Error('server-side insert lost rows');
  return { group, name: 'server-side insert: decode + MilvusService.insert, in-process', value: BATCH / (median(fakeMs) / 1000), unit: 'rows/s', reference: { name: 'copying the same floats into a Float32Array', value: BATCH / (median(copyMs) / 1000) }, better: 'higher' };
}
