import { type Interceptor, InterceptingCall, Metadata, status as grpcStatus } from '@grpc/grpc-js';
import { type ClientConfig, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { FakecontainersError } from '../common/errors.js';
import { CLIENT_HEADER, SCOPE_HEADER, SHARED_HEADER } from '../fakes/control/connections.js';
import type { ResourceOwner } from './resource-owner.js';
import { shareMilvusSdkDescriptors } from './milvus-sdk-reuse.js';
import { type ClientRecord, recordClient } from './tracked-clients.js';

/**
 * A MilvusClient whose every RPC (the Connect it sends first included) carries the scope's attribution
 * metadata, and whose in-flight calls can be cancelled. `closeConnection()` alone would wait for every
 * borrowed channel to come back (the SDK drains its pool), so a call hanging on the server would hang
 * the close too; cancelling the calls first lets the close finish at once.
 */
class ScopedMilvusClient extends MilvusClient {
  readonly #calls = new Set<InterceptingCall>();
  #cancelled: string | undefined;

  readonly #record: ClientRecord;

  constructor(config: ClientConfig, scopeId: string, record: ClientRecord) {
    super({ ...config, __SKIP_CONNECT__: true });
    this.#record = record;
    this.metadata.set(SCOPE_HEADER, scopeId);
    this.metadata.set(CLIENT_HEADER, record.id);
    this.metadata.set(SHARED_HEADER, '1');
    // grpc-js clients keep a reference to this array, so the pool's channels (created already or later)
    // all go through the tracking interceptor. It sits innermost and sees every attempt: the SDK's retry
    // interceptor answers a cancelled attempt by sending it again, so once cancelled, every new attempt
    // is cancelled as it starts, until the retry interceptor gives up and the call fails.
    (this.channelOptions.interceptors as Interceptor[] | undefined)?.push(this.#track);
    if (!config.__SKIP_CONNECT__) this.connect(MilvusClient.sdkInfo.version);
  }

  readonly #track: Interceptor = (options, nextCall) => {
    let refused = false;
    const call: InterceptingCall = new InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        this.#record.used = true;
        if (this.#cancelled !== undefined) {
          // Never reaches the server: the attempt fails here, as cancelled.
          refused = true;
          listener.onReceiveStatus({ code: grpcStatus.CANCELLED, details: this.#cancelled, metadata: new Metadata() });
          return;
        }
        // A partial listener: grpc-js passes the other events through unchanged.
        next(metadata, {
          onReceiveStatus: (status, nextStatus) => {
            this.#calls.delete(call);
            nextStatus(status);
          },
        });
      },
      sendMessage: (message, next) => {
        if (!refused) next(message);
      },
      halfClose: (next) => {
        if (!refused) next();
      },
    });
    this.#calls.add(call);
    return call;
  };

  /** Cancels every call in flight, and every call or retry started from now on (they fail with CANCELLED). */
  cancelCalls(reason: string): void {
    this.#cancelled = reason;
    for (const call of this.#calls) call.cancelWithStatus(grpcStatus.CANCELLED, reason);
  }
}

export type ScopedMilvusOptions = Omit<ClientConfig, 'address'>;

/** A connected MilvusClient bound to the scope's fake; in-flight calls are cancelled and the client closed with the scope. */
export async function scopedMilvus(scope: ResourceOwner, address: string | undefined, options: ScopedMilvusOptions = {}): Promise<MilvusClient> {
  if (!address) {
    throw new FakecontainersError('INVALID_OPTION', `scope "${scope.path}" has no fake Milvus endpoint; start one or set FAKECONTAINERS_MILVUS_ADDRESS`);
  }
  const record = recordClient(scope, 'milvus');
  const { id } = record;
  shareMilvusSdkDescriptors();
  // grpc-js shares one connection between channels with identical options, so the clients of a worker
  // share its connections instead of each opening (and handshaking) its own. The fakes attribute each
  // call to its scope through the metadata every call carries, so a leak check still finds a scope's
  // calls in flight on a shared connection.
  const channelOptions = { ...(options.channelOptions ?? {}) };
  // The SDK logs every RPC at debug level when NODE_ENV is `test` (as vitest sets it); stay at info unless asked.
  const config = { logLevel: 'info', ...options, channelOptions, address };
  const client = scope.track(
    new ScopedMilvusClient(config, scope.id, record),
    async (c) => {
      c.cancelCalls(`scope "${scope.path}" closed`);
      await c.closeConnection();
    },
    { name: `MilvusClient ${id}` },
  );
  await client.connectPromise;
  return client;
}
