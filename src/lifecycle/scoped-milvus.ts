import { type ClientConfig, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { FakecontainersError } from '../common/errors.js';
import { CLIENT_HEADER, SCOPE_HEADER } from '../fakes/control/connections.js';
import type { Scope } from './scope.js';
import { recordClient } from './tracked-clients.js';

/**
 * A MilvusClient whose every RPC (including the Connect it sends first) carries the scope's
 * attribution metadata: it is built without connecting, given the metadata, then connected.
 */
class ScopedMilvusClient extends MilvusClient {
  constructor(config: ClientConfig, scopeId: string, clientId: string) {
    super({ ...config, __SKIP_CONNECT__: true });
    this.metadata.set(SCOPE_HEADER, scopeId);
    this.metadata.set(CLIENT_HEADER, clientId);
    if (!config.__SKIP_CONNECT__) this.connect(MilvusClient.sdkInfo.version);
  }
}

export type ScopedMilvusOptions = Omit<ClientConfig, 'address'>;

/** A connected MilvusClient bound to the scope's fake; `closeConnection()` runs when the scope closes. */
export async function scopedMilvus(scope: Scope, address: string | undefined, options: ScopedMilvusOptions = {}): Promise<MilvusClient> {
  if (!address) {
    throw new FakecontainersError('INVALID_OPTION', `scope "${scope.path}" has no fake Milvus endpoint; start one or set FAKECONTAINERS_MILVUS_ADDRESS`);
  }
  const { id } = recordClient(scope, 'milvus');
  // grpc-js shares one connection between channels with identical options; a subchannel pool of the
  // client's own keeps this scope's connections apart, so the fake can attribute them to it.
  const channelOptions = { ...(options.channelOptions ?? {}), 'grpc.use_local_subchannel_pool': 1 };
  // The SDK logs every RPC at debug level when NODE_ENV is `test` (as vitest sets it); stay at info unless asked.
  const config = { logLevel: 'info', ...options, channelOptions, address };
  const client = scope.track(new ScopedMilvusClient(config, scope.id, id), (c) => c.closeConnection(), {
    name: `MilvusClient ${id}`,
  });
  await client.connectPromise;
  return client;
}
