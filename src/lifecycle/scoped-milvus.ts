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
/** The handshake every SDK client sends first (GrpcClient.connect -> _getServerInfo); it changes nothing. */
const CONNECT_PATH = '/milvus.proto.milvus.MilvusService/Connect';

export class ScopedMilvusClient extends MilvusClient {
  readonly #calls = new Set<InterceptingCall>();
  #cancelled: string | undefined;
  #record: ClientRecord;
  /** Calls the caller is waiting for (a retried call counts once, also between its attempts). */
  #pending = 0;

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
    // Outermost: sees each call the caller makes once, whatever the retry interceptor does inside.
    (this.channelOptions.interceptors as Interceptor[] | undefined)?.unshift(this.#count);
    if (!config.__SKIP_CONNECT__) this.connect(MilvusClient.sdkInfo.version);
  }

  readonly #track: Interceptor = (options, nextCall) => {
    let refused = false;
    const call: InterceptingCall = new InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        if (options.method_definition.path !== CONNECT_PATH) this.#record.used = true;
        if (this.#cancelled !== undefined) {
          // Never reaches the server: the attempt fails here, as cancelled.
          refused = true;
          // The attempt underneath was created (with its deadline timer) but never started: cancel it too,
          // or its timer keeps the process alive until the deadline (a runner that hosts the clients in its
          // main process, like jest --runInBand, then does not exit).
          call.cancelWithStatus(grpcStatus.CANCELLED, this.#cancelled);
          this.#calls.delete(call);
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

  readonly #count: Interceptor = (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        this.#pending++;
        let done = false;
        next(metadata, {
          onReceiveStatus: (status, nextStatus) => {
            if (!done) {
              done = true;
              this.#pending--;
            }
            nextStatus(status);
          },
        });
      },
    });

  /** Cancels every call in flight, and every call or retry started from now on (they fail with CANCELLED). */
  cancelCalls(reason: string): void {
    this.#cancelled = reason;
    for (const call of this.#calls) call.cancelWithStatus(grpcStatus.CANCELLED, reason);
  }

  /**
   * Whether another scope may take this client over: it is open and no call of its last holder is
   * pending (a call still retrying would otherwise run under the next holder's scope).
   */
  get reusable(): boolean {
    return !this.isClosed && this.#pending === 0 && this.#calls.size === 0;
  }

  /** Hands the client to another scope: its calls carry that scope and client id, on `database`. */
  rebind(scopeId: string, record: ClientRecord, database: string): void {
    this.#record = record;
    this.#cancelled = undefined;
    this.metadata.set(SCOPE_HEADER, scopeId);
    this.metadata.set(CLIENT_HEADER, record.id);
    void this.use({ db_name: database });
  }

  private get isClosed(): boolean {
    return (this as unknown as { closed?: boolean }).closed === true;
  }
}

export type ScopedMilvusOptions = Omit<ClientConfig, 'address'>;

function clientConfig(address: string, options: ScopedMilvusOptions): ClientConfig {
  shareMilvusSdkDescriptors();
  // grpc-js shares one connection between channels with identical options, so the clients of a worker
  // share its connections instead of each opening (and handshaking) its own. The fakes attribute each
  // call to its scope through the metadata every call carries, so a leak check still finds a scope's
  // calls in flight on a shared connection.
  const channelOptions = { ...(options.channelOptions ?? {}) };
  // The SDK logs every RPC at debug level when NODE_ENV is `test` (as vitest sets it); stay at info unless asked.
  return { logLevel: 'info', ...options, channelOptions, address };
}

/**
 * Pre-connected clients a worker hands to its tests one at a time: a test leases one (bound to its
 * scope and database), and when the test's scope closes the client's calls are cancelled and it goes
 * back to the pool, unless it was closed or a call is still pending, in which case it is closed and
 * replaced. A fresh client costs the SDK's construction and its Connect round trip (~6 ms); a lease
 * costs neither.
 */
export class MilvusClientPool {
  readonly #owner: ResourceOwner;
  readonly #address: string;
  readonly #options: ScopedMilvusOptions;
  readonly #idle: ScopedMilvusClient[] = [];

  constructor(owner: ResourceOwner, address: string | undefined, options: ScopedMilvusOptions = {}) {
    if (!address) {
      throw new FakecontainersError('INVALID_OPTION', `scope "${owner.path}" has no fake Milvus endpoint; start one or set FAKECONTAINERS_MILVUS_ADDRESS`);
    }
    this.#owner = owner;
    this.#address = address;
    this.#options = options;
  }

  async lease(scope: ResourceOwner, database: string): Promise<MilvusClient> {
    const record = recordClient(scope, 'milvus');
    let client = this.#idle.pop();
    while (client && !client.reusable) {
      await client.closeConnection();
      client = this.#idle.pop();
    }
    if (client) {
      client.rebind(scope.id, record, database);
    } else {
      client = new ScopedMilvusClient({ ...clientConfig(this.#address, this.#options), database }, scope.id, record);
      // The worker closes every client it ever made, idle or not, when it ends.
      const made = client;
      this.#owner.track(made, (c) => c.closeConnection(), { name: `pooled MilvusClient of ${this.#owner.path}` });
    }
    const leased = client;
    scope.track(
      leased,
      (c) => {
        c.cancelCalls(`scope "${scope.path}" closed`);
        if (c.reusable) this.#idle.push(c);
        else return c.closeConnection();
      },
      { name: `MilvusClient ${record.id}` },
    );
    await leased.connectPromise;
    return leased;
  }
}

/** A connected MilvusClient bound to the scope's fake; in-flight calls are cancelled and the client closed with the scope. */
export async function scopedMilvus(scope: ResourceOwner, address: string | undefined, options: ScopedMilvusOptions = {}): Promise<MilvusClient> {
  if (!address) {
    throw new FakecontainersError('INVALID_OPTION', `scope "${scope.path}" has no fake Milvus endpoint; start one or set FAKECONTAINERS_MILVUS_ADDRESS`);
  }
  const record = recordClient(scope, 'milvus');
  const { id } = record;
  const config = clientConfig(address, options);
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
