import { describe, expect, test } from 'vitest';
import { parseConfig } from './resource-group-config.js';
import { DEFAULT_RESOURCE_GROUP, ResourceGroups } from './resource-groups.js';

// Rules of querycoordv2/meta/resource_manager.go (2.6): validateResourceGroupIsDeletable,
// validateResourceGroupConfig, CheckIfTransferNode.
const cfg = (requests: number, limits: number, transferFrom: string[] = [], transferTo: string[] = []) => ({ requests, limits, transferFrom, transferTo });

describe('ResourceGroups', () => {
  test('the default group cannot be dropped', () => {
    expect(() => new ResourceGroups().drop(DEFAULT_RESOURCE_GROUP)).toThrow(
      'default resource group is not deletable: invalid parameter[expected=not default resource group][actual=__default_resource_group]',
    );
  });

  test('a group named in another group\'s transfer_from cannot be dropped', () => {
    const groups = new ResourceGroups();
    groups.create('a', cfg(0, 0));
    groups.create('b', cfg(0, 0, ['a']));
    expect(() => groups.drop('a')).toThrow(
      "resource group a is used by b's `TransferFrom`, remove that configuration first: invalid parameter[expected=not `TransferFrom` of resource group][actual=a]",
    );
  });

  test('configs referring to themselves or to unknown groups are illegal (303)', () => {
    const groups = new ResourceGroups();
    expect(() => groups.create('a', cfg(0, 0, [], ['a']))).toThrow(
      'resource group in `TransferTo` a should not be itself: resource group illegal config[rg=a][config=requests:{} limits:{} transfer_to:{resource_group:"a"}]',
    );
    expect(() => parseConfig('a', { requests: { node_num: 1 } })).toThrow(/^requests or limits is required: resource group illegal config/);
    expect(parseConfig('a', null)).toEqual(cfg(0, 0));
  });

  test('transferNode refuses a non-positive count and unknown groups', () => {
    const groups = new ResourceGroups();
    expect(() => groups.transferNode(DEFAULT_RESOURCE_GROUP, 'x', 0)).toThrow('invalid parameter[expected=NumNode > 0][actual=invalid NumNode 0]');
    expect(() => groups.transferNode(DEFAULT_RESOURCE_GROUP, 'x', 1)).toThrow('resource group not found[rg=x]');
  });

  test('the node follows requests and returns to the default group when a group drops', () => {
    const groups = new ResourceGroups();
    groups.create('a', cfg(1, 1));
    expect(groups.nodes('a')).toEqual([1]);
    groups.update(new Map([['a', cfg(0, 0)]]));
    expect(groups.nodes('a')).toEqual([]);
    expect(groups.nodes(DEFAULT_RESOURCE_GROUP)).toEqual([1]);
  });
});
