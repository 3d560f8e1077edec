/**
 * Resource-group operations that need both the groups and the loaded replicas (the proxy + querycoord
 * path of CreateResourceGroup, DropResourceGroup, DescribeResourceGroup), in transport-neutral terms.
 */
import type { AdminState } from './service.js';
import type { Store } from './store.js';
import { QUERY_NODE_ADDRESS, QUERY_NODE_HOSTNAME } from './replicas.js';
import type { ResourceGroupConfig } from './resource-group-config.js';
import { MilvusError } from '../errors/status.js';

/** proxy.maxNameLength default. */
const MAX_NAME_LENGTH = 255;

/**
 * The proxy's ValidateResourceGroupName. Its errors are plain Go errors, so they reach the client as
 * code 65535 with the text alone.
 */
export function validateResourceGroupName(name: string): void {
  if (name === '') throw new MilvusError(65535, "resource group name couldn't be empty");
  const invalid = `Invalid resource group name ${name}.`;
  if (name.length > MAX_NAME_LENGTH) {
    throw new MilvusError(65535, `${invalid} the length of a resource group name must be less than ${MAX_NAME_LENGTH} characters`);
  }
  if (!/^[A-Za-z_]/.test(name)) {
    throw new MilvusError(65535, `${invalid} the first character of a resource group name must be an underscore or letter`);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new MilvusError(65535, `${invalid} resource group name can only contain numbers, letters and underscores`);
  }
}

export function createResourceGroup(admin: AdminState, name: string, config: ResourceGroupConfig): void {
  validateResourceGroupName(name);
  admin.resourceGroups.create(name, config);
}

/** Loaded replicas block a drop first, then the group's own rules (querycoord broadcastDropResourceGroup). */
export function dropResourceGroup(store: Store, admin: AdminState, name: string): void {
  const [replica] = admin.replicas.inGroup(store, admin.resourceGroups, name);
  if (replica) {
    throw new MilvusError(
      1100,
      `some replicas still loaded in resource group[${name}], release it first: invalid parameter[expected=empty resource group][actual=resource group ${name} has collection ${replica.collection.id} loaded]`,
    );
  }
  admin.resourceGroups.drop(name);
}

export interface NodeInfo {
  readonly nodeId: number;
  readonly address: string;
  readonly hostname: string;
}

export interface ResourceGroupInfo {
  readonly name: string;
  readonly capacity: number;
  readonly numAvailableNode: number;
  /** Collection name -> replicas of it in this group (the proxy turns querycoord's IDs into names). */
  readonly numLoadedReplica: Readonly<Record<string, number>>;
  readonly numOutgoingNode: Readonly<Record<string, number>>;
  readonly numIncomingNode: Readonly<Record<string, number>>;
  readonly config: ResourceGroupConfig;
  readonly nodes: readonly NodeInfo[];
}

export function describeResourceGroup(store: Store, admin: AdminState, name: string): ResourceGroupInfo {
  const groups = admin.resourceGroups;
  const config = groups.config(name);
  const loaded: Record<string, number> = {};
  for (const replica of admin.replicas.inGroup(store, groups, name)) {
    loaded[replica.collection.name] = (loaded[replica.collection.name] ?? 0) + 1;
  }
  const nodes = groups.nodes(name).map((nodeId) => ({ nodeId, address: QUERY_NODE_ADDRESS, hostname: QUERY_NODE_HOSTNAME }));
  return {
    name,
    capacity: groups.capacity(name),
    numAvailableNode: nodes.length,
    numLoadedReplica: loaded,
    numOutgoingNode: {},
    numIncomingNode: {},
    config,
    nodes,
  };
}
