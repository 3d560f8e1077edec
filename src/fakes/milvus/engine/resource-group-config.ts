/**
 * Resource group configs (`rgpb.ResourceGroupConfig`) and the errors querycoord words about groups
 * (milvus `pkg/util/merr`: codes 300-304, `WrapErrResourceGroup*`).
 */
import { MilvusError } from '../errors/status.js';

export interface ResourceGroupConfig {
  readonly requests: number;
  readonly limits: number;
  readonly transferFrom: readonly string[];
  readonly transferTo: readonly string[];
}

export const RgCodes = { notFound: 300, alreadyExist: 301, reachLimit: 302, illegalConfig: 303, nodeNotEnough: 304 } as const;

export const rgErrors = {
  notFound: (rg: string) => new MilvusError(RgCodes.notFound, `resource group not found[rg=${rg}]`),
  alreadyExist: (rg: string) =>
    new MilvusError(RgCodes.alreadyExist, `resource group already exist, but create with different config[rg=${rg}]`),
  illegalConfig: (rg: string, cfg: ResourceGroupConfig, message: string) =>
    new MilvusError(RgCodes.illegalConfig, `${message}: resource group illegal config[rg=${rg}][config=${configText(cfg)}]`),
  /** merr.WrapErrParameterInvalid(expected, actual[, message]). */
  invalid: (expected: string, actual: string, message?: string) =>
    new MilvusError(1100, `${message ? `${message}: ` : ''}invalid parameter[expected=${expected}][actual=${actual}]`),
};

/** How Go prints the config proto with %v (prototext, zero fields left out). */
export function configText(cfg: ResourceGroupConfig): string {
  const limit = (n: number) => (n === 0 ? '{}' : `{node_num:${n}}`);
  const transfers = (key: string, names: readonly string[]) => names.map((n) => ` ${key}:{resource_group:"${n}"}`).join('');
  return `requests:${limit(cfg.requests)} limits:${limit(cfg.limits)}${transfers('transfer_from', cfg.transferFrom)}${transfers('transfer_to', cfg.transferTo)}`;
}

export const emptyConfig = (): ResourceGroupConfig => ({ requests: 0, limits: 0, transferFrom: [], transferTo: [] });

export function sameConfig(a: ResourceGroupConfig, b: ResourceGroupConfig): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.requests === b.requests && a.limits === b.limits && same(a.transferFrom, b.transferFrom) && same(a.transferTo, b.transferTo);
}

type Raw = Readonly<Record<string, unknown>>;
const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A `rgpb.ResourceGroupConfig` as the gRPC decoder or a REST body gives it (both snake_case). No config
 * means requests 0 / limits 0 (old clients); a config without `requests` or `limits` is refused.
 */
export function parseConfig(name: string, raw: unknown): ResourceGroupConfig {
  if (!isRaw(raw)) return emptyConfig();
  const nodeNum = (limit: unknown) => (isRaw(limit) ? Number(limit.node_num ?? 0) : undefined);
  const transfers = (list: unknown) =>
    Array.isArray(list) ? list.map((t) => (isRaw(t) ? String(t.resource_group ?? '') : '')) : [];
  const requests = nodeNum(raw.requests);
  const limits = nodeNum(raw.limits);
  const cfg = { requests: requests ?? 0, limits: limits ?? 0, transferFrom: transfers(raw.transfer_from), transferTo: transfers(raw.transfer_to) };
  if (requests === undefined || limits === undefined) throw rgErrors.illegalConfig(name, cfg, 'requests or limits is required');
  return cfg;
}
