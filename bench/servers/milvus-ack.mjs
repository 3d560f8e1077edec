// The reference for inserts: a gRPC server built from the same descriptors as the fake Milvus that only
// acknowledges. Connect and DescribeCollection (a fixed collection `c`: Int64 `id`, FloatVector `vector`
// of 768 dims) answer like the fake; Insert skims the request (num_rows only, no decoding of the
// columns) and answers Success with as many IDs as the fake returns. Every other method: UNIMPLEMENTED.
// Prints `port=N ready=MS`; exits when stdin closes.
const started = performance.now();
const grpc = await import('@grpc/grpc-js');
const { default: protobuf } = await import('protobufjs');
const { milvusServiceDefinition, protoRoot } = await import('../../dist/fakes/milvus/grpc/descriptors.js');

const DIM = Number(process.argv[2] ?? 768);
const ok = { error_code: 'Success', code: 0, reason: '', retriable: false, detail: '', extra_info: {} };
const numRowsTag = protoRoot().lookupType('milvus.proto.milvus.InsertRequest').fields.num_rows.id;
const schema = {
  name: 'c',
  description: '',
  autoID: false,
  enable_dynamic_field: false,
  fields: [
    { fieldID: '100', name: 'id', is_primary_key: true, data_type: 'Int64', type_params: [], index_params: [], autoID: false },
    { fieldID: '101', name: 'vector', data_type: 'FloatVector', type_params: [{ key: 'dim', value: String(DIM) }], index_params: [] },
  ],
};
let nextId = 1n;

/** Reads num_rows from the top level of an InsertRequest and skips everything else. */
function skim(bytes) {
  const reader = protobuf.Reader.create(bytes);
  let numRows = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === numRowsTag) numRows = reader.uint32();
    else reader.skipType(tag & 7);
  }
  return { num_rows: numRows };
}

const base = milvusServiceDefinition();
const definition = { ...base, Insert: { ...base.Insert, requestDeserialize: skim } };
const server = new grpc.Server({ 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
server.addService(definition, {
  Connect: (_call, callback) =>
    callback(null, { status: ok, server_info: { build_tags: 'v2.6.6', deploy_mode: 'STANDALONE', reserved: {} }, identifier: '1' }),
  DescribeCollection: (_call, callback) =>
    callback(null, {
      status: ok, schema, collectionID: '1', collection_name: 'c', db_name: 'default', shards_num: 1,
      consistency_level: 'Bounded', properties: [], aliases: [], num_partitions: '1',
      update_timestamp: '1', update_timestamp_str: '1', created_timestamp: '1', created_utc_timestamp: '1',
    }),
  Insert: (call, callback) => {
    const n = call.request.num_rows;
    const ids = Array.from({ length: n }, () => String(nextId++));
    callback(null, {
      status: ok, IDs: { int_id: { data: ids } }, succ_index: Array.from({ length: n }, (_, i) => i), err_index: [],
      insert_cnt: String(n), delete_cnt: '0', upsert_cnt: '0', timestamp: '1',
    });
  },
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  process.stdout.write(`port=${port} ready=${(performance.now() - started).toFixed(1)}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => {
  server.forceShutdown();
  process.exit(0);
});
