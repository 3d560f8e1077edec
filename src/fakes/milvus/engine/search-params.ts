/**
 * Key-value request parameters (`search_params`, `rank_params`, `query_params`) into the service's
 * terms. Both transports end here: gRPC receives the pairs from the SDK, REST v2 builds the same
 * pairs the way the real httpserver does before calling the proxy, so one set of rules applies.
 */
import type { AnnRequest } from './search.js';
import type { TemplateValues } from '../expr/index.js';
import type { KeyValue } from '../schema/index.js';
import { errors } from '../errors/status.js';
import type { PrimaryKey } from '../storage/table.js';

/** Pairs as a map; the first of duplicate keys wins, as the proxy's GetAttrByKeyFromRepeatedKV finds it. */
export function pairMap(pairs: readonly KeyValue[]): Record<string, string> {
  const out = new Map<string, string>();
  for (const p of pairs) if (!out.has(p.key)) out.set(p.key, p.value);
  return Object.fromEntries(out);
}

/** search_params: the flattened keys plus the JSON `params` object (which wins, as knowhere reads it). */
export function searchParams(pairs: readonly KeyValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = pairMap(pairs);
  if (typeof out.params === 'string' && out.params !== '') {
    try {
      Object.assign(out, JSON.parse(out.params) as Record<string, unknown>);
    } catch {
      throw errors.invalidParameter(`search params should be json format: ${out.params}`);
    }
  }
  return out;
}

/** An integer parameter; `fallback` when absent or empty. */
export function intOf(value: unknown, key: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw errors.unexpected(`${key} [${String(value)}] is invalid`);
  return n;
}

export interface AnnInput {
  readonly params: Record<string, unknown>;
  readonly vectors?: readonly unknown[];
  readonly ids?: readonly PrimaryKey[];
  readonly filter: string;
  readonly templates: TemplateValues;
}

/** One ANN request from its parsed search params (`anns_field`, `topk`, `offset`, `group_by_field`, ...). */
export function annFromParams(input: AnnInput): AnnRequest {
  const { params } = input;
  const groupBy = typeof params.group_by_field === 'string' ? params.group_by_field : '';
  const orderBy = typeof params.order_by_fields === 'string' ? params.order_by_fields : '';
  return {
    annsField: typeof params.anns_field === 'string' ? params.anns_field : '',
    ...(input.ids ? { ids: input.ids } : { vectors: input.vectors ?? [] }),
    filter: input.filter,
    templates: input.templates,
    topk: intOf(params.topk, 'topk', 100),
    topkGiven: params.topk !== undefined && params.topk !== '',
    offset: intOf(params.offset, 'offset', 0),
    metricType: typeof params.metric_type === 'string' ? params.metric_type : '',
    params: { ...params, iterator: params.iterator === 'true' || params.iterator === true },
    ...(groupBy
      ? {
          groupByField: groupBy,
          groupSize: intOf(params.group_size, 'group_size', 1),
          strictGroupSize: params.strict_group_size === 'true',
        }
      : {}),
    ...(orderBy ? { orderByFields: orderBy } : {}),
  };
}

export interface HybridRank {
  readonly strategy: 'rrf' | 'weighted';
  readonly rankParams: Record<string, unknown>;
  readonly limit: number;
  readonly offset: number;
}

/** rank_params of a hybrid search: `strategy` (rrf when absent), `params` JSON, `limit`, `offset`. */
export function hybridRank(pairs: readonly KeyValue[]): HybridRank {
  const rank = pairMap(pairs);
  const strategy = (rank.strategy ?? 'rrf').toLowerCase();
  if (strategy !== 'rrf' && strategy !== 'weighted') throw errors.invalidParameter(`unsupported rank type ${strategy}`);
  // task_search.go initAdvancedSearchRequest: the top-level params are parsed, then refused (Milvus 3.0).
  if ((rank.order_by_fields ?? '').trim()) throw errors.invalidParameter('order_by is not supported for hybrid search');
  let rankParams: Record<string, unknown> = {};
  try {
    rankParams = rank.params ? (JSON.parse(rank.params) as Record<string, unknown>) : {};
  } catch {
    throw errors.invalidParameter(`rank params should be json format: ${rank.params}`);
  }
  return {
    strategy,
    rankParams: rankParams ?? {},
    limit: intOf(rank.limit, 'limit', 100),
    offset: intOf(rank.offset, 'offset', 0),
  };
}

export interface QueryWindow {
  readonly limit?: number;
  readonly offset: number;
  readonly groupByFields: string[];
  readonly orderByFields?: string;
  readonly iterator?: boolean;
}

/** strconv.ParseBool's true spellings. */
const TRUE_TEXTS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

/** query_params: `limit` (none = no limit), `offset` (only with a limit), group/order-by fields, `iterator`. */
export function queryWindow(pairs: readonly KeyValue[]): QueryWindow {
  const params = pairMap(pairs);
  const limit = params.limit === undefined ? undefined : intOf(params.limit, 'limit', 0);
  const offset = params.offset === undefined || limit === undefined ? 0 : intOf(params.offset, 'offset', 0);
  const groupByFields = (params.group_by_fields ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ...(limit !== undefined ? { limit } : {}),
    offset,
    groupByFields,
    ...(params.order_by_fields ? { orderByFields: params.order_by_fields } : {}),
    ...(params.iterator !== undefined && TRUE_TEXTS.has(params.iterator) ? { iterator: true } : {}),
  };
}
