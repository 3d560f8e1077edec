/**
 * Replicas of loaded collections on a standalone: one replica per loaded collection (the SDKs load with
 * replica_number 1; a standalone has one query node), placed in the default resource group until
 * TransferReplica moves it. Replica IDs come from the TSO the first time a loaded collection is seen
 * and stay until it is released. Shapes and errors follow querycoordv2 `services.go`
 * (GetReplicas/fillReplicaInfo, LoadBalance) and `ddl_callbacks_transfer_replica.go` (2.6).
 */
import type { Collection } from './collection.js';
import type { Store } from './store.js';
import { DEFAULT_RESOURCE_GROUP, type ResourceGroups } from './resource-groups.js';
import { rgErrors } from './resource-group-config.js';
import { MilvusError } from '../errors/status.js';

/** The query node's session address (queryNode.port 21123) and host name. */
export const QUERY_NODE_ADDRESS = 'localhost:21123';
export const QUERY_NODE_HOSTNAME = 'localhost';

export interface ShardReplica {
  readonly leaderId: number;
  readonly leaderAddress: string;
  readonly channel: string;
  readonly nodeIds: readonly number[];
}

export interface ReplicaView {
  readonly replicaId: bigint;
  readonly collection: Collection;
  readonly resourceGroup: string;
  readonly nodeIds: readonly number[];
  readonly shards: readonly ShardReplica[];
}

interface ReplicaRecord {
  readonly id: bigint;
  group: string;
}

/** The DM channel names DescribeCollection reports (`by-dev-rootcoord-dml_<i>_<id>v<i>`). */
export function dmChannels(collection: Collection): string[] {
  return Array.from({ length: collection.shardsNum }, (_, i) => `by-dev-rootcoord-dml_${i}_${collection.id}v${i}`);
}

export class Replicas {
  readonly #records = new Map<bigint, ReplicaRecord>();

  /** Every loaded collection with its replica, in collection-ID order. */
  all(store: Store, groups: ResourceGroups): ReplicaView[] {
    const loaded = [...store.databases.values()]
      .flatMap((db) => [...db.collections.values()])
      .filter((c) => c.isLoaded)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const live = new Set(loaded.map((c) => c.id));
    for (const id of this.#records.keys()) if (!live.has(id)) this.#records.delete(id);
    return loaded.map((c) => this.#view(store, groups, c));
  }

  /** GetReplicas: the collection's replicas; none (and no error) when it is not loaded or unknown. */
  ofCollection(store: Store, groups: ResourceGroups, collectionId: bigint): ReplicaView[] {
    return this.all(store, groups).filter((r) => r.collection.id === collectionId);
  }

  inGroup(store: Store, groups: ResourceGroups, group: string): ReplicaView[] {
    return this.all(store, groups).filter((r) => r.resourceGroup === group);
  }

  /** TransferReplica, checked in the order the 2.6 broadcaster checks. */
  transfer(store: Store, groups: ResourceGroups, collection: Collection, source: string, target: string, count: number): void {
    if (!groups.has(source)) throw rgErrors.notFound(source);
    if (!groups.has(target)) throw rgErrors.notFound(target);
    if (source === target) {
      throw new MilvusError(
        1100,
        `source resource group and target resource group should not be the same, resource group: ${source}: invalid parameter`,
      );
    }
    if (count <= 0) throw rgErrors.invalid('NumReplica > 0', `invalid NumReplica ${count}`);
    const replicas = this.ofCollection(store, groups, collection.id);
    if (replicas.length === 0) throw new MilvusError(101, `collection not loaded[collection=${collection.name}]`);
    if (count > replicas.length) {
      throw rgErrors.invalid(
        String(count),
        String(replicas.length),
        'the number of replicas to transfer is greater than the number of replicas in the collection',
      );
    }
    const inSource = replicas.filter((r) => r.resourceGroup === source);
    if (inSource.length < count) {
      throw rgErrors.invalid(
        'NumReplica not greater than the number of replica in source resource group',
        `only found [${inSource.length}] replicas of collection [${collection.name}] in source resource group [${source}], but ${count} require`,
      );
    }
    for (const replica of inSource.slice(0, count)) {
      const record = this.#records.get(replica.collection.id);
      if (record) record.group = target;
    }
  }

  /** LoadBalance on one node: the checks pass only for the node itself, and there is nothing to move. */
  loadBalance(store: Store, groups: ResourceGroups, collection: Collection, sourceNode: number, targets: readonly number[]): void {
    const [replica] = this.ofCollection(store, groups, collection.id);
    if (!replica) throw new MilvusError(103, `collection not fully loaded[collection=${collection.id}]`, { retriable: true });
    if (!replica.nodeIds.includes(sourceNode)) {
      throw new MilvusError(
        901,
        `source node not found in any replica of collection ${collection.id}: node not found[node=${sourceNode}]`,
      );
    }
    for (const target of targets) {
      if (!replica.nodeIds.includes(target)) {
        throw new MilvusError(901, `destination node not found in the same replica: node not found[node=${target}]`);
      }
    }
  }

  #view(store: Store, groups: ResourceGroups, collection: Collection): ReplicaView {
    let record = this.#records.get(collection.id);
    if (!record) {
      record = { id: store.tso.next(), group: DEFAULT_RESOURCE_GROUP };
      this.#records.set(collection.id, record);
    }
    if (!groups.has(record.group)) record.group = DEFAULT_RESOURCE_GROUP;
    const nodeIds = groups.nodes(record.group);
    // fillReplicaInfo returns no shard replicas when a channel has no serving leader.
    const leader = nodeIds[0];
    const shards =
      leader === undefined
        ? []
        : dmChannels(collection).map((channel) => ({ leaderId: leader, leaderAddress: QUERY_NODE_ADDRESS, channel, nodeIds: [leader] }));
    return { replicaId: record.id, collection, resourceGroup: record.group, nodeIds, shards };
  }
}

/** A collection by ID in any database (querycoord works on IDs). */
export function collectionById(store: Store, id: bigint): Collection | undefined {
  for (const db of store.databases.values()) {
    for (const collection of db.collections.values()) if (collection.id === id) return collection;
  }
  return undefined;
}
