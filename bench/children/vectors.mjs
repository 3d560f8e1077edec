// Deterministic test vectors for the Milvus benchmarks (xorshift32, values in [-0.5, 0.5)).

/** Fills `out` with pseudo-random floats from `seed`; the same seed gives the same floats. */
export function fillVectors(out, seed) {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

/** A collection `c` with `id` (Int64 key), `vector` (FloatVector) and `category` (Int64), IP index, loaded. */
export function createBenchCollection(service, dim) {
  service.createCollection('default', {
    name: 'c',
    schema: {
      enableDynamicField: false,
      fields: [
        { name: 'id', dataType: 'Int64', isPrimaryKey: true },
        { name: 'vector', dataType: 'FloatVector', typeParams: { dim } },
        { name: 'category', dataType: 'Int64' },
      ],
    },
  });
  service.createIndex('default', 'c', {
    fieldName: 'vector',
    extraParams: [{ key: 'index_type', value: 'FLAT' }, { key: 'metric_type', value: 'IP' }, { key: 'params', value: '{}' }],
  });
  service.loadCollection('default', 'c');
}

/** Inserts rows `first .. first + count` (id = row, category = row % categories) through the service API. */
export function insertRows(service, floats, first, count, dim, categories) {
  const ids = new Array(count);
  const cats = new Array(count);
  for (let i = 0; i < count; i++) {
    ids[i] = BigInt(first + i);
    cats[i] = BigInt((first + i) % categories);
  }
  service.insert('default', 'c', {
    numRows: count,
    columns: [
      { name: 'id', isDynamic: false, payload: 'long_data', values: ids },
      { name: 'vector', isDynamic: false, payload: 'float_vector', vectorDim: dim, floats },
      { name: 'category', isDynamic: false, payload: 'long_data', values: cats },
    ],
  });
}
