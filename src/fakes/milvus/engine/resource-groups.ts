/**
 * Resource groups of a standalone: querycoord's ResourceManager over the one query node a standalone
 * runs. Rules and wording follow milvus `internal/querycoordv2/meta/resource_manager.go` (2.6):
 * creating an existing group with the same config is a no-op, with another config code 301; configs
 * are validated (303); the default group cannot be dropped, nor a group whose limits are not 0 or that
 * another group names in `transfer_from`/`transfer_to`; dropping an unknown group succeeds.
 *
 * Where the real server moves nodes a few seconds later (its resource observer), the fake moves the
 * node at once: a group missing nodes (fewer than `requests`) takes the node from a group that has more
 * than it requests, and a group holding more than its `limits` gives it back.
 */
import { MilvusError } from '../errors/status.js';
import { emptyConfig, RgCodes, rgErrors, sameConfig, type ResourceGroupConfig } from './resource-group-config.js';

export const DEFAULT_RESOURCE_GROUP = '__default_resource_group';
/** querycoord's defaultResourceGroupCapacity: the default group's limits and reported capacity. */
export const DEFAULT_RESOURCE_GROUP_CAPACITY = 1_000_000;
/** quotaAndLimits.limits.maxResourceGroupNumOfQueryNode default. */
export const MAX_RESOURCE_GROUPS = 1024;
/** The standalone's query node (standalone components share one server ID). */
export const QUERY_NODE_ID = 1;

interface Group {
  config: ResourceGroupConfig;
  nodes: number[];
}

export class ResourceGroups {
  readonly #groups = new Map<string, Group>([
    [DEFAULT_RESOURCE_GROUP, { config: { ...emptyConfig(), limits: DEFAULT_RESOURCE_GROUP_CAPACITY }, nodes: [QUERY_NODE_ID] }],
  ]);

  names(): string[] {
    return [...this.#groups.keys()];
  }

  has(name: string): boolean {
    return this.#groups.has(name);
  }

  config(name: string): ResourceGroupConfig {
    return this.#require(name).config;
  }

  nodes(name: string): readonly number[] {
    return this.#require(name).nodes;
  }

  /** `GetCapacity()`: the requested node count, always the default capacity for the default group. */
  capacity(name: string): number {
    return name === DEFAULT_RESOURCE_GROUP ? DEFAULT_RESOURCE_GROUP_CAPACITY : this.#require(name).config.requests;
  }

  create(name: string, cfg: ResourceGroupConfig): void {
    if (!name) throw new MilvusError(1101, `missing parameter[missing_param=resource group name couldn't be empty]`);
    const existing = this.#groups.get(name);
    if (existing) {
      if (sameConfig(existing.config, cfg)) return;
      throw rgErrors.alreadyExist(name);
    }
    if (this.#groups.size >= MAX_RESOURCE_GROUPS) {
      throw new MilvusError(RgCodes.reachLimit, `resource group num reach limit[rg=${name}][limit=${MAX_RESOURCE_GROUPS}]`);
    }
    this.#validate(name, cfg);
    this.#groups.set(name, { config: cfg, nodes: [] });
    this.#recover();
  }

  update(configs: ReadonlyMap<string, ResourceGroupConfig>): void {
    for (const [name, cfg] of configs) {
      if (!this.#groups.has(name)) throw rgErrors.notFound(name);
      this.#validate(name, cfg);
    }
    for (const [name, cfg] of configs) this.#require(name).config = cfg;
    this.#recover();
  }

  /** Checks done before a drop (the caller checks loaded replicas first); false = nothing to drop. */
  checkDroppable(name: string): boolean {
    const group = this.#groups.get(name);
    if (!group) return false;
    if (name === DEFAULT_RESOURCE_GROUP) {
      throw rgErrors.invalid('not default resource group', name, 'default resource group is not deletable');
    }
    if (group.config.limits !== 0) {
      throw rgErrors.invalid('not empty resource group', name, "resource group's limits node num is not 0");
    }
    for (const [other, { config }] of this.#groups) {
      for (const [key, list] of [['TransferFrom', config.transferFrom], ['TransferTo', config.transferTo]] as const) {
        if (list.includes(name)) {
          throw rgErrors.invalid(
            `not \`${key}\` of resource group`,
            name,
            `resource group ${name} is used by ${other}'s \`${key}\`, remove that configuration first`,
          );
        }
      }
    }
    return true;
  }

  drop(name: string): void {
    if (!this.checkDroppable(name)) return;
    const group = this.#require(name);
    this.#groups.delete(name);
    if (group.nodes.length > 0) this.#require(DEFAULT_RESOURCE_GROUP).nodes.push(...group.nodes);
    this.#recover();
  }

  /** The deprecated TransferNode: rewrites both configs (querycoord CheckIfTransferNode). */
  transferNode(source: string, target: string, count: number): void {
    if (source === target) {
      throw new MilvusError(
        1100,
        `source resource group and target resource group should not be the same, resource group: ${source}: invalid parameter`,
      );
    }
    if (count <= 0) throw rgErrors.invalid('NumNode > 0', `invalid NumNode ${count}`);
    const from = this.#groups.get(source);
    if (!from) throw rgErrors.notFound(source);
    const to = this.#groups.get(target);
    if (!to) throw rgErrors.notFound(target);
    if (from.nodes.length < count) {
      throw new MilvusError(
        RgCodes.nodeNotEnough,
        `resource group node not enough[rg=${source}][currentNodeNum=${from.nodes.length}][expectedNodeNum=${count}]`,
        { input: false },
      );
    }
    const sourceRequests = Math.max(0, from.config.requests - count);
    const sourceLimits = source === DEFAULT_RESOURCE_GROUP ? from.config.limits : Math.max(0, from.config.limits - count);
    const targetRequests = to.config.requests + count;
    from.config = { ...from.config, requests: sourceRequests, limits: sourceLimits };
    to.config = { ...to.config, requests: targetRequests, limits: Math.max(to.config.limits, targetRequests) };
    this.#recover();
  }

  #require(name: string): Group {
    const group = this.#groups.get(name);
    if (!group) throw rgErrors.notFound(name);
    return group;
  }

  #validate(name: string, cfg: ResourceGroupConfig): void {
    if (cfg.requests < 0 || cfg.limits < 0) {
      throw rgErrors.illegalConfig(name, cfg, 'node num in `requests` or `limits` should not less than 0');
    }
    if (cfg.limits < cfg.requests) throw rgErrors.illegalConfig(name, cfg, 'limits node num should not less than requests node num');
    for (const [key, list] of [['TransferFrom', cfg.transferFrom], ['TransferTo', cfg.transferTo]] as const) {
      for (const other of list) {
        if (other === name) throw rgErrors.illegalConfig(name, cfg, `resource group in \`${key}\` ${other} should not be itself`);
        if (!this.#groups.has(other)) throw rgErrors.illegalConfig(name, cfg, `resource group in \`${key}\` ${other} not exist`);
      }
    }
  }

  /** Moves the node the way the resource observer settles: to a group missing nodes, away from an over-limit one. */
  #recover(): void {
    for (let round = 0; round < this.#groups.size; round++) {
      const owner = [...this.#groups.entries()].find(([, g]) => g.nodes.length > 0);
      if (!owner) return;
      const [ownerName, ownerGroup] = owner;
      const missing = [...this.#groups.entries()]
        .filter(([name, g]) => name !== ownerName && g.nodes.length < g.config.requests)
        .sort((a, b) => b[1].config.requests - b[1].nodes.length - (a[1].config.requests - a[1].nodes.length));
      const redundant = ownerGroup.nodes.length > ownerGroup.config.requests;
      const overLimit = ownerGroup.nodes.length > ownerGroup.config.limits;
      const target = missing[0] && redundant ? missing[0][0] : overLimit ? this.#fallbackFor(ownerName) : undefined;
      if (!target) return;
      const node = ownerGroup.nodes.pop();
      if (node !== undefined) this.#require(target).nodes.push(node);
    }
  }

  #fallbackFor(owner: string): string | undefined {
    const open = [...this.#groups.entries()].find(([name, g]) => name !== owner && g.nodes.length < g.config.limits);
    return open?.[0];
  }
}

