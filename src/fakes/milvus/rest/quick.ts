/**
 * The quick-setup half of `collections/create` (no `schema.fields`): primary key `id` (or
 * `primaryFieldName`, Int64 or VarChar with `params.max_length`), one vector field (`vectorFieldName`,
 * `vectorFieldType`, `dimension`) with an index named after it, dynamic field on unless
 * `params.enableDynamicField` says otherwise; checked in the handler's order and words.
 */
import type { CreateCollectionRequest } from '../engine/collections.js';
import type { CreateIndexRequest } from '../engine/meta.js';
import type { Bound } from './binding.js';
import { invalidParameterValue, RestError } from './envelope.js';
import { goSprintV } from './json.js';
import type { FieldInput } from '../schema/index.js';
import { Codes } from '../errors/status.js';

const QUICK_VECTOR_TYPES = ['FloatVector', 'BinaryVector', 'Float16Vector', 'BFloat16Vector', 'SparseFloatVector'];

export function quickSchema(
  request: Bound,
  params: Record<string, unknown>,
): { schema: CreateCollectionRequest['schema']; index: CreateIndexRequest } {
  const vectorType = String(request.vectorFieldType || 'FloatVector');
  if (!QUICK_VECTOR_TYPES.includes(vectorType)) {
    throw invalidParameterValue(
      QUICK_VECTOR_TYPES.join(', '),
      vectorType,
      `vectorFieldType can only be [${QUICK_VECTOR_TYPES.join(', ')}], default: FloatVector`,
    );
  }
  const sparse = vectorType === 'SparseFloatVector';
  const dimension = Number(request.dimension);
  if (sparse && dimension !== 0)
    throw invalidParameterValue(0, dimension, 'dimension should not be specified for SparseFloatVector quick create');
  if (!sparse && dimension === 0) {
    throw invalidParameterValue(
      'collectionName & dimension',
      'collectionName',
      'dimension is required for quickly create collection(default metric type: COSINE)',
    );
  }
  const metric = String(request.metricType || (vectorType === 'BinaryVector' ? 'HAMMING' : sparse ? 'IP' : 'COSINE'));
  const allowed =
    vectorType === 'BinaryVector' ? ['HAMMING', 'JACCARD'] : sparse ? ['IP', 'BM25'] : ['L2', 'IP', 'COSINE'];
  if (!allowed.includes(metric) || metric === 'BM25') {
    const why =
      vectorType === 'BinaryVector'
        ? `binary vector index does not support metric type: ${metric}`
        : sparse
          ? metric === 'BM25'
            ? 'only BM25 Function output field support BM25 metric type'
            : 'only IP&BM25 is the supported metric type for sparse index'
          : `float vector index does not support metric type: ${metric}`;
    throw invalidParameterValue('valid index params', 'invalid index params', why);
  }
  const idType = String(request.idType ?? '');
  let pk: FieldInput;
  const pkName = String(request.primaryFieldName || 'id');
  if (idType === 'VarChar' || idType === 'Varchar') {
    pk = {
      name: pkName,
      dataType: 'VarChar',
      isPrimaryKey: true,
      autoID: request.autoID === true,
      typeParams: { max_length: goSprintV(params.max_length) },
    };
  } else if (idType === '' || idType === 'Int64' || idType === 'int64') {
    pk = { name: pkName, dataType: 'Int64', isPrimaryKey: true, autoID: request.autoID === true };
  } else {
    throw invalidParameterValue('Int64, Varchar', idType, 'idType can only be [Int64, VarChar], default: Int64');
  }
  let dynamic = true;
  if ('enableDynamicField' in params) {
    const text = goSprintV(params.enableDynamicField);
    const parsed = (
      {
        1: true,
        t: true,
        T: true,
        TRUE: true,
        true: true,
        True: true,
        0: false,
        f: false,
        F: false,
        FALSE: false,
        false: false,
        False: false,
      } as Record<string, boolean>
    )[text];
    if (parsed === undefined)
      throw new RestError(
        Codes.unexpected,
        `parse enableDynamicField fail, err:strconv.ParseBool: parsing "${text}": invalid syntax`,
      );
    dynamic = parsed;
  }
  const vectorName = String(request.vectorFieldName || 'vector');
  const vector: FieldInput = {
    name: vectorName,
    dataType: vectorType,
    ...(sparse ? {} : { typeParams: { dim: String(dimension) } }),
  };
  return {
    schema: { enableDynamicField: dynamic, description: String(request.description ?? ''), fields: [pk, vector] },
    index: { fieldName: vectorName, indexName: vectorName, extraParams: [{ key: 'metric_type', value: metric }] },
  };
}
