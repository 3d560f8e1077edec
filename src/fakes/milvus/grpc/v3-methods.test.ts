import { expect, test } from 'vitest';
import { milvusServiceDefinition } from './descriptors.js';
import { predatesV3, V3_ONLY_METHODS } from './v3-methods.js';

test('the 3.0-only methods exist in the SDK proto and are refused for 2.x versions only', () => {
  const definition = milvusServiceDefinition();
  for (const method of V3_ONLY_METHODS) expect(definition, method).toHaveProperty(method);
  expect(predatesV3('v2.6.6')).toBe(true);
  expect(predatesV3('2.5.0')).toBe(true);
  expect(predatesV3('v3.0.0-beta')).toBe(false);
  expect(predatesV3('custom')).toBe(false);
});
