import { PerformanceObserver } from 'node:perf_hooks';
import * as grpc from '@grpc/grpc-js';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { type Figure, median } from './figure.js';
import { BATCH, sdkInsertRate } from './milvus-sdk-rate.js';

const BATCHES = 3;
const ROUNDS = 3;

type Stringify = (value: unknown, replacer?: unknown, space?: unknown) => string;
type Flat = (this: unknown[], depth?: number) => unknown[];
type Unary = (this: grpc.Client, ...args: unknown[]) => unknown;
interface ServiceClientPrototype {
  Insert: Unary;
  constructor: { service: grpc.ServiceDefinition };
}

/** The column-form request the SDK hands grpc-js (its retry interceptor logs it with JSON.stringify). */
function isInsertRequest(value: unknown): value is { fields_data: Array<{ field_name?: string }> } {
  const fields = (value as { fields_data?: unknown } | null)?.fields_data;
  return Array.isArray(fields) && typeof (fields[0] as { field_name?: unknown } | undefined)?.field_name === 'string';
}

/**
 * Where the SDK's insert time goes, measured inside real SDK inserts into the acknowledge-only server
 * by timing wrappers (bench-only patches, undone at once): JSON.stringify (the retry interceptor
 * stringifies every request and reply, whatever the log level), Array.prototype.flat (the SDK flattens
 * the vector column), the request's protobuf serializer (wrapped where grpc-js receives it), and GC
 * pauses (which also fall inside the others). Then the SDK rate with the request's stringify stubbed
 * out, beside the unpatched SDK.
 */
export async function sdkCostFigures(group: string, client: MilvusClient): Promise<Figure[]> {
  process.stderr.write('  milvus: where the SDK insert time goes\n');
  const json = JSON as unknown as { stringify: Stringify };
  const arrays = Array.prototype as unknown as { flat: Flat };
  const stringify = json.stringify;
  const flat = arrays.flat;
  // The SDK's generated client binds each method to its serializer when the class is made, so the timed
  // serializer goes in through an Insert method of the same shape on that class's prototype.
  const pooled = await client.channelPool.acquire();
  await client.channelPool.release(pooled);
  const methods = Object.getPrototypeOf(pooled) as ServiceClientPrototype;
  const insert = methods.Insert;
  const definition = methods.constructor.service.Insert as grpc.MethodDefinition<unknown, unknown>;
  const makeUnary = grpc.Client.prototype.makeUnaryRequest as unknown as Unary;
  const spent = { stringify: 0, flat: 0, encode: 0, gc: 0 };
  let captured = false;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) spent.gc += entry.duration;
  });
  json.stringify = (value, replacer, space) => {
    const started = performance.now();
    try {
      return stringify(value, replacer, space);
    } finally {
      spent.stringify += performance.now() - started;
      if (isInsertRequest(value)) captured = true;
    }
  };
  arrays.flat = function (this: unknown[], depth?: number) {
    const started = performance.now();
    try {
      return flat.call(this, depth);
    } finally {
      spent.flat += performance.now() - started;
    }
  };
  const timedSerialize = (value: unknown) => {
    const started = performance.now();
    try {
      return definition.requestSerialize(value);
    } finally {
      spent.encode += performance.now() - started;
    }
  };
  methods.Insert = function (this: grpc.Client, ...args: unknown[]) {
    return makeUnary.call(this, definition.path, timedSerialize, definition.responseDeserialize, ...args);
  };
  let batchMs: number;
  try {
    observer.observe({ entryTypes: ['gc'] });
    const rate = await sdkInsertRate(client, 1_000_000, BATCHES);
    batchMs = (BATCH / rate) * 1000;
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    observer.disconnect();
    json.stringify = stringify;
    arrays.flat = flat;
    methods.Insert = insert;
  }
  if (!captured) throw new Error('the SDK insert request was never stringified: the interceptor changed; update this benchmark');
  if (spent.encode === 0) throw new Error('the SDK insert did not call its Insert method; update this benchmark');

  // The same SDK with the request's JSON.stringify answered at once: what removing that log line would buy.
  const plain: number[] = [];
  const stubbed: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    plain.push(await sdkInsertRate(client, 2_000_000 + round * 10_000, BATCHES));
    json.stringify = (value, replacer, space) => (isInsertRequest(value) ? '{}' : stringify(value, replacer, space));
    try {
      stubbed.push(await sdkInsertRate(client, 3_000_000 + round * 10_000, BATCHES));
    } finally {
      json.stringify = stringify;
    }
  }

  const reference = { name: 'one SDK insert batch into the acknowledge-only server', value: batchMs };
  const perBatch = (ms: number) => ms / BATCHES;
  return [
    { group, name: 'SDK insert: JSON.stringify (retry interceptor) per batch', value: perBatch(spent.stringify), unit: 'ms', reference, better: 'lower' },
    { group, name: 'SDK insert: Array.prototype.flat of the vector column per batch', value: perBatch(spent.flat), unit: 'ms', reference, better: 'lower' },
    { group, name: 'SDK insert: protobuf serialization of the request per batch', value: perBatch(spent.encode), unit: 'ms', reference, better: 'lower' },
    { group, name: 'SDK insert: GC pauses per batch (partly inside the rows above)', value: perBatch(spent.gc), unit: 'ms', reference, better: 'lower' },
    { group, name: "SDK insert with the request's JSON.stringify stubbed (bench-only patch)", value: median(stubbed), unit: 'rows/s', reference: { name: 'unpatched SDK into the acknowledge-only server', value: median(plain) }, better: 'higher' },
  ];
}
