/**
 * Resource groups, replicas and LoadBalance over gRPC (the proxy forwards these to querycoord).
 * The rules live in engine/resource-groups.ts, engine/replicas.ts and engine/admin-ops.ts.
 */
import { num, str, type CallContext, type Handler, type ProtoRequest } from './context.js';
import { createResourceGroup, describeResourceGroup, dropResourceGroup } from '../engine/admin-ops.js';
import { collectionById } from '../engine/replicas.js';
import { parseConfig, type ResourceGroupConfig } from '../engine/resource-group-config.js';

const groups = (c: CallContext) => c.service.admin.resourceGroups;

function configProto(cfg: ResourceGroupConfig): Record<string, unknown> {
  return {
    requests: { node_num: cfg.requests },
    limits: { node_num: cfg.limits },
    transfer_from: cfg.transferFrom.map((resource_group) => ({ resource_group })),
    transfer_to: cfg.transferTo.map((resource_group) => ({ resource_group })),
    node_filter: { node_labels: [] },
  };
}

function collectionOf(r: ProtoRequest, c: CallContext) {
  return c.service.store.collection(c.db, str(r, 'collection_name'));
}

export const adminHandlers: Record<string, Handler> = {
  ListResourceGroups: (_r, c) => ({ resource_groups: groups(c).names() }),
  CreateResourceGroup: (r, c) => {
    const name = str(r, 'resource_group');
    createResourceGroup(c.service.admin, name, parseConfig(name, r.config));
    return {};
  },
  UpdateResourceGroups: (r, c) => {
    const raw = (r.resource_groups ?? {}) as Record<string, unknown>;
    groups(c).update(new Map(Object.entries(raw).map(([name, cfg]) => [name, parseConfig(name, cfg)])));
    return {};
  },
  DropResourceGroup: (r, c) => {
    dropResourceGroup(c.service.store, c.service.admin, str(r, 'resource_group'));
    return {};
  },
  DescribeResourceGroup: (r, c) => {
    const info = describeResourceGroup(c.service.store, c.service.admin, str(r, 'resource_group'));
    return {
      resource_group: {
        name: info.name,
        capacity: info.capacity,
        num_available_node: info.numAvailableNode,
        num_loaded_replica: info.numLoadedReplica,
        num_outgoing_node: info.numOutgoingNode,
        num_incoming_node: info.numIncomingNode,
        config: configProto(info.config),
        nodes: info.nodes.map((n) => ({ node_id: String(n.nodeId), address: n.address, hostname: n.hostname })),
      },
    };
  },
  TransferNode: (r, c) => {
    groups(c).transferNode(str(r, 'source_resource_group'), str(r, 'target_resource_group'), num(r, 'num_node'));
    return {};
  },
  TransferReplica: (r, c) => {
    const collection = collectionOf(r, c);
    const { store, admin } = c.service;
    admin.replicas.transfer(store, admin.resourceGroups, collection, str(r, 'source_resource_group'), str(r, 'target_resource_group'), num(r, 'num_replica'));
    return {};
  },
  GetReplicas: (r, c) => {
    const { store, admin } = c.service;
    const named = str(r, 'collection_name');
    const raw = str(r, 'collectionID');
    const id = named ? store.collection(c.db, named).id : /^\d+$/.test(raw) ? BigInt(raw) : -1n;
    const withShardNodes = r.with_shard_nodes === true;
    const replicas = collectionById(store, id) ? admin.replicas.ofCollection(store, admin.resourceGroups, id) : [];
    return {
      replicas: replicas.map((replica) => ({
        replicaID: String(replica.replicaId),
        collectionID: String(replica.collection.id),
        partition_ids: [],
        node_ids: replica.nodeIds.map(String),
        resource_group_name: replica.resourceGroup,
        num_outbound_node: {},
        shard_replicas: replica.shards.map((shard) => ({
          leaderID: String(shard.leaderId),
          leader_addr: shard.leaderAddress,
          dm_channel_name: shard.channel,
          node_ids: (withShardNodes ? shard.nodeIds : [shard.leaderId]).map(String),
        })),
      })),
    };
  },
  LoadBalance: (r, c) => {
    const { store, admin } = c.service;
    const collection = store.collection(c.db, str(r, 'collectionName'));
    const targets = Array.isArray(r.dst_nodeIDs) ? r.dst_nodeIDs.map(Number) : [];
    admin.replicas.loadBalance(store, admin.resourceGroups, collection, num(r, 'src_nodeID'), targets);
    return {};
  },
};
