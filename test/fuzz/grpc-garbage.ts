/**
 * gRPC calls whose messages are not what the method expects: random bytes, truncated or corrupted
 * encodings of real requests, and oversized fields. Each call must end with a status (any code: the
 * real server answers garbage with INTERNAL or an in-band error) within the budget.
 */
import * as grpc from '@grpc/grpc-js';
import { SeededRandom } from '../../src/common/hash.js';
import { methodNames, milvusServiceDefinition } from '../../src/fakes/milvus/grpc/descriptors.js';

export interface GrpcOutcome {
  method: string;
  /** `status` (the call ended with a status or a reply) or `timeout`. */
  outcome: 'status' | 'timeout';
  code?: number;
}

const identity = (value: Buffer): Buffer => value;

type Serialize = (value: Record<string, unknown>) => Buffer;

function garbage(rng: SeededRandom, serialize: Serialize): Buffer {
  const random = () => Buffer.from(Array.from({ length: rng.int(0, 300) }, () => rng.int(0, 255)));
  let valid: Buffer;
  try {
    valid = serialize({ collection_name: 'fz', db_name: '', expr: 'n > 1', output_fields: ['*'], num_rows: 3, fields_data: [{ field_name: 'n', type: 'Int32', scalars: { int_data: { data: [1, 2, 3] } } }] });
  } catch {
    return random();
  }
  const variants = [
    random,
    () => valid.subarray(0, rng.int(0, Math.max(0, valid.length - 1))),
    () => {
      const copy = Buffer.from(valid);
      if (copy.length > 0) copy[rng.int(0, copy.length - 1)] = rng.int(0, 255);
      return copy;
    },
    // A length-delimited field claiming far more bytes than follow.
    () => Buffer.concat([valid, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f])]),
    () => Buffer.concat([Buffer.from([0x12, 0x80, 0x80, 0x40]), Buffer.alloc(1_000_000, 0x41)]),
  ];
  return rng.pick(variants)();
}

export async function grpcGarbage(address: string, seed: number, calls: number, timeoutMs: number): Promise<GrpcOutcome[]> {
  const definition = milvusServiceDefinition();
  const methods = methodNames(definition);
  const rng = new SeededRandom(seed);
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const outcomes: GrpcOutcome[] = [];
  try {
    for (let i = 0; i < calls; i++) {
      const method = rng.pick(methods);
      const spec = (definition as Record<string, { path: string; requestSerialize: Serialize; responseStream?: boolean }>)[method];
      if (!spec || spec.responseStream) continue;
      const bytes = garbage(rng, spec.requestSerialize);
      outcomes.push(
        await new Promise<GrpcOutcome>((resolve) => {
          const deadline = new Date(Date.now() + timeoutMs);
          client.makeUnaryRequest(spec.path, identity, identity, bytes, { deadline }, (error: grpc.ServiceError | null) => {
            if (error?.code === grpc.status.DEADLINE_EXCEEDED) resolve({ method, outcome: 'timeout' });
            else resolve({ method, outcome: 'status', code: error?.code ?? 0 });
          });
        }),
      );
    }
  } finally {
    client.close();
  }
  return outcomes;
}
