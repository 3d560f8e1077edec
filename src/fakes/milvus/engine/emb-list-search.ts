/** Searches on an Array of Structs sub-vector (`struct[sub]`): MAX_SIM embedding lists or element-level hits. */
import type { Collection } from './collection.js';
import { compileFor } from './reads.js';
import { buildColumns, planOutput } from './output.js';
import { errors, MilvusError } from '../errors/status.js';
import type { Store } from './store.js';
import type { Hit } from './topk.js';
import { withTtl } from './time-properties.js';
import { elementQueries, elementSearch, embListQueries, embListSearch, isElementMetric, type StructTarget } from './emb-list.js';
import type { SearchRequest, SearchResult } from './search-types.js';
import { checkLimits, num, partitionsFor, timezoneOf } from './ann-plan.js';

export function embListResult(store: Store, collection: Collection, request: SearchRequest, target: StructTarget, output: ReturnType<typeof planOutput>): SearchResult {
  const path = request.annsField as string;
  const offset = request.offset ?? 0;
  checkLimits(request.topk, offset);
  const index = collection.indexOnField(path);
  const asked = (request.metricType ?? '').trim().toUpperCase();
  const metric = index?.metricType ?? (asked || 'MAX_SIM_COSINE');
  if (asked && asked !== metric) {
    throw new MilvusError(1100, `fail to search: metric type not match: invalid [expected=${metric}][actual=${asked}]: invalid parameter`);
  }
  const params = request.params ?? {};
  if (request.groupByField) throw errors.unsupported(`grouping an embedding-list search on ${path}`);
  if (num(params.radius) !== undefined || params.iterator === true || params.iterator === 'true') throw errors.unsupported(`range or iterator search on ${path}`);
  if (request.ids) throw errors.unsupported(`search by primary keys on ${path}`);
  if (request.orderByFields) throw errors.unsupported(`order_by_fields on an embedding-list search on ${path}`);
  const timezone = timezoneOf(collection, request.params);
  const filter = withTtl(collection, compileFor(collection, request.filter ?? '', request.templates, 'query', timezone), store.nowMs());
  if ((request.vectors ?? []).length === 0) throw errors.invalidParameter('nq (number of search vector per search request) should be in range [1, 16384], but got 0');
  const partitions = partitionsFor(collection, request.partitionNames ?? []);
  let perQuery: Hit[][];
  let elementIndices: number[] | undefined;
  if (isElementMetric(metric)) {
    const queries = elementQueries(target, path, request.vectors ?? []);
    const found = elementSearch(collection, { target, metric, queries, filter, partitions, topk: request.topk, offset });
    perQuery = found.hits;
    elementIndices = found.offsets.flat();
  } else {
    const queries = embListQueries(target, path, request.vectors ?? []);
    perQuery = embListSearch(collection, { target, metric, queries, filter, partitions, topk: request.topk, offset });
  }
  const hits = perQuery.flat();
  return {
    nq: perQuery.length,
    topks: perQuery.map((h) => h.length),
    ...(elementIndices ? { elementIndices } : {}),
    hits,
    columns: buildColumns(collection, hits.map((h) => h.row), output, timezone),
    outputFields: output.names,
    primaryFieldName: collection.schema.fields.find((f) => f.isPrimaryKey)?.name ?? '',
  };
}
