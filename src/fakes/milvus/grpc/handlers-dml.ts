/**
 * gRPC handlers for writes (Insert, Upsert, Delete, Flush) and reads (Query, Search, HybridSearch).
 */
import type { AnnRequest, SearchResult } from '../engine/search.js';
import { decodeFieldData, encodeOutputColumn } from './field-data.js';
import { bool, num, str, strs, type Handler, type ProtoRequest } from './context.js';
import { decodePlaceholders, kvList, templateValues } from './convert.js';
import { annFromParams, hybridRank, queryWindow, searchParams } from '../engine/search-params.js';
import type { KeyValuePair, ProtoFieldData, ProtoIDs, ProtoTemplateValue } from './proto-types.js';
import type { WriteResult } from '../engine/writes.js';
import { errors } from '../errors/status.js';
import type { PrimaryKey } from '../storage/table.js';
import { functionScoreInput, highlighterInput, highlightResultsProto } from './function-score.js';

const name = (request: ProtoRequest) => str(request, 'collection_name');

function idsProto(ids: readonly PrimaryKey[]): Record<string, unknown> {
  if (ids.length > 0 && typeof ids[0] === 'string') return { str_id: { data: ids } };
  return { int_id: { data: ids.map(String) } };
}

function mutation(result: WriteResult): Record<string, unknown> {
  const n = result.ids.length;
  return {
    IDs: idsProto(result.ids),
    succ_index: result.deleteCount > 0 ? [] : Array.from({ length: n }, (_, i) => i),
    err_index: [],
    acknowledged: false,
    insert_cnt: String(result.insertCount),
    delete_cnt: String(result.deleteCount),
    upsert_cnt: String(result.upsertCount),
    timestamp: String(result.timestamp),
  };
}

const writeHandler =
  (mode: 'insert' | 'upsert'): Handler =>
  (r, c) => {
    const columns = ((r.fields_data as ProtoFieldData[] | undefined) ?? []).map(decodeFieldData);
    const schemaTs = str(r, 'schema_timestamp');
    const request = {
      partitionName: str(r, 'partition_name'),
      columns,
      numRows: num(r, 'num_rows'),
      ...(schemaTs && schemaTs !== '0' ? { schemaTimestamp: BigInt(schemaTs) } : {}),
      ...(bool(r, 'partial_update') ? { partialUpdate: true } : {}),
      ...(mode === 'upsert' && Array.isArray(r.field_ops) && r.field_ops.length > 0
        ? { fieldOps: (r.field_ops as Array<{ field_name?: string; op?: string | number }>).map((o) => ({ fieldName: o.field_name ?? '', op: o.op ?? 'REPLACE' })) }
        : {}),
    };
    return mutation(mode === 'insert' ? c.service.insert(c.db, name(r), request) : c.service.upsert(c.db, name(r), request));
  };

function idsFrom(ids: ProtoIDs | null | undefined): PrimaryKey[] | undefined {
  if (!ids || !ids.id_field) return undefined;
  if (ids.id_field === 'str_id') return ids.str_id?.data ?? [];
  return (ids.int_id?.data ?? []).map((v) => BigInt(v));
}

function annRequest(r: ProtoRequest): AnnRequest {
  const ids = r.search_input === 'ids' ? idsFrom(r.ids as ProtoIDs | undefined) : undefined;
  const placeholder = r.placeholder_group as Uint8Array | undefined;
  return annFromParams({
    params: searchParams(kvList(r.search_params as KeyValuePair[] | undefined)),
    ...(ids ? { ids } : { vectors: placeholder && placeholder.byteLength > 0 ? decodePlaceholders(placeholder) : [] }),
    filter: str(r, 'dsl'),
    templates: templateValues(r.expr_template_values as Record<string, ProtoTemplateValue> | undefined),
  });
}

function searchReply(result: SearchResult, collectionName: string, sessionTs: bigint): Record<string, unknown> {
  const ids = result.hits.map((h) => h.pk);
  const group = result.groupBy
    ? encodeOutputColumn({ field: result.groupBy.field, name: result.groupBy.field.name, kind: 'field', values: result.groupBy.values })
    : null;
  return {
    results: {
      num_queries: String(result.nq),
      top_k: String(Math.max(0, ...result.topks)),
      fields_data: result.columns.map(encodeOutputColumn),
      scores: result.hits.map((h) => h.score),
      ids: idsProto(ids),
      topks: result.topks.map(String),
      output_fields: result.outputFields,
      ...(group ? { group_by_field_value: group, group_by_field_values: [group] } : {}),
      all_search_count: String(result.hits.length),
      distances: [],
      recalls: [],
      primary_field_name: result.primaryFieldName,
      ...(result.elementIndices ? { element_indices: { data: result.elementIndices.map(String) } } : {}),
      ...(result.iterator ? { search_iterator_v2_results: { token: result.iterator.token, last_bound: result.iterator.lastBound } } : {}),
      ...highlightResultsProto(result.highlights),
    },
    collection_name: collectionName,
    session_ts: String(sessionTs),
  };
}

export const dmlHandlers: Record<string, Handler> = {
  Insert: writeHandler('insert'),
  Upsert: writeHandler('upsert'),
  Delete: (r, c) =>
    mutation(
      c.service.delete(c.db, name(r), {
        filter: str(r, 'expr'),
        templates: templateValues(r.expr_template_values as Record<string, ProtoTemplateValue> | undefined),
        partitionName: str(r, 'partition_name'),
      }),
    ),
  Flush: (r, c) => {
    const names = strs(r, 'collection_names');
    const result = c.service.flush(c.db, names);
    const segs: Record<string, unknown> = {};
    const seal: Record<string, string> = {};
    const ts: Record<string, string> = {};
    for (const [n, ids] of result.segments) {
      segs[n] = { data: ids.map(String) };
      seal[n] = String(result.sealTimeMs);
      ts[n] = String(result.flushTs);
    }
    return { db_name: c.db, coll_segIDs: segs, flush_coll_segIDs: segs, coll_seal_times: seal, coll_flush_ts: ts, channel_cps: {} };
  },
  GetFlushState: () => ({ flushed: true }),
  FlushAll: (_r, c) => ({ flush_all_ts: String(c.service.store.tso.next()), flush_results: [], flush_all_msgs: {} }),
  GetFlushAllState: () => ({ flushed: true, flush_states: [] }),
  Query: (r, c) => {
    const queryParams = kvList(r.query_params as KeyValuePair[] | undefined);
    const window = queryWindow(queryParams);
    // Request-level `timezone` in query_params (internal/proxy/util.go resolveTimezone).
    const timezone = queryParams.find((p) => p.key === 'timezone')?.value;
    const result = c.service.query(c.db, name(r), {
      ...(timezone !== undefined ? { timezone } : {}),
      filter: str(r, 'expr'),
      templates: templateValues(r.expr_template_values as Record<string, ProtoTemplateValue> | undefined),
      outputFields: strs(r, 'output_fields'),
      partitionNames: strs(r, 'partition_names'),
      ...window,
    });
    return {
      fields_data: result.columns.map(encodeOutputColumn),
      collection_name: name(r),
      output_fields: result.outputFields,
      session_ts: String(c.service.store.tso.next()),
      primary_field_name: result.primaryFieldName,
    };
  },
  Search: (r, c) => {
    if (r.search_aggregation) throw errors.unsupported('search with search_aggregation');
    const functionScore = functionScoreInput(r.function_score);
    const highlighter = highlighterInput(r.highlighter);
    const result = c.service.search(c.db, name(r), {
      ...annRequest(r),
      partitionNames: strs(r, 'partition_names'),
      outputFields: strs(r, 'output_fields'),
      ...(functionScore ? { functionScore } : {}),
      ...(highlighter ? { highlighter } : {}),
    });
    return searchReply(result, name(r), c.service.store.tso.next());
  },
  // HybridSearchRequest has no `highlighter` field (the SDK's top-level one is dropped on the wire) and
  // the 2.6 proxy's initAdvancedSearchRequest never reads a sub-request's: hybrid searches ignore it.
  HybridSearch: (r, c) => {
    const functionScore = functionScoreInput(r.function_score);
    const rank = hybridRank(kvList(r.rank_params as KeyValuePair[] | undefined));
    const result = c.service.hybridSearch(c.db, name(r), {
      requests: ((r.requests as ProtoRequest[] | undefined) ?? []).map(annRequest),
      partitionNames: strs(r, 'partition_names'),
      outputFields: strs(r, 'output_fields'),
      ...rank,
      ...(functionScore ? { functionScore } : {}),
    });
    return searchReply(result, name(r), c.service.store.tso.next());
  },
};
