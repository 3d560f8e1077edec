/** The request and result shapes of search and hybrid search, shared by the engine and the transports. */
import type { OutputColumn } from '../storage/columns.js';
import type { TemplateValues } from '../expr/index.js';
import type { FieldDef } from '../schema/index.js';
import type { PrimaryKey } from '../storage/table.js';
import type { Hit } from './topk.js';
import type { FunctionScoreInput } from './function-score.js';
import type { HighlighterInput, HighlightResult } from './highlight.js';

export interface AnnRequest {
  readonly annsField?: string;
  /** Query vectors (typed arrays, number arrays, sparse maps), or primary keys whose vectors to use. */
  readonly vectors?: readonly unknown[];
  readonly ids?: readonly PrimaryKey[];
  readonly filter?: string;
  readonly templates?: TemplateValues;
  readonly topk: number;
  /** False when the request carried no `topk` (a hybrid sub-request then takes the top-level window). */
  readonly topkGiven?: boolean;
  readonly offset?: number;
  /** Empty = the index's metric. */
  readonly metricType?: string;
  /** Search params (`radius`, `range_filter`, `nprobe`, ..., and the iterator keys). */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly groupByField?: string;
  readonly groupSize?: number;
  readonly strictGroupSize?: boolean;
  /** `order_by_fields` (Milvus 3.0): re-sorts each query's page by scalar fields (search-order.ts). */
  readonly orderByFields?: string;
}

export interface SearchRequest extends AnnRequest {
  readonly partitionNames?: readonly string[];
  readonly outputFields: readonly string[];
  /** `function_score`: rerank functions (function-score.ts). */
  readonly functionScore?: FunctionScoreInput;
  readonly highlighter?: HighlighterInput;
}

export interface HybridRequest {
  readonly requests: readonly AnnRequest[];
  readonly partitionNames?: readonly string[];
  readonly outputFields: readonly string[];
  readonly strategy: 'rrf' | 'weighted';
  readonly rankParams: Readonly<Record<string, unknown>>;
  readonly limit: number;
  readonly offset?: number;
  /** `function_score`: replaces the rank strategy when it names a proxy reranker. */
  readonly functionScore?: FunctionScoreInput;
}

export interface SearchResult {
  readonly nq: number;
  readonly topks: readonly number[];
  readonly hits: readonly Hit[];
  readonly columns: readonly OutputColumn[];
  readonly outputFields: readonly string[];
  readonly primaryFieldName: string;
  readonly groupBy?: { readonly field: FieldDef; readonly values: readonly unknown[] };
  readonly iterator?: { readonly token: string; readonly lastBound: number };
  /** Element-level search on `struct[sub]`: the winning element's offset of each hit. */
  readonly elementIndices?: readonly number[];
  readonly highlights?: readonly HighlightResult[];
}
