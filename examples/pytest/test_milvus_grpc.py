"""The fake Milvus over gRPC from Python: grpcio with stubs that grpc_tools.protoc generated from .proto
files written from the Milvus SDK's descriptors (gen_stubs.py). No Milvus SDK involved."""
import importlib
import os
import struct
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

import gen_stubs


@pytest.fixture(scope="session")
def pb(tmp_path_factory):
    """The generated modules: from FAKECONTAINERS_MILVUS_STUBS if set (CI generates them once), else made now."""
    given = os.environ.get("FAKECONTAINERS_MILVUS_STUBS")
    stubs = Path(given) if given else gen_stubs.generate(tmp_path_factory.mktemp("milvus-stubs"))
    sys.path.insert(0, str(stubs))
    names = ("common_pb2", "schema_pb2", "milvus_pb2", "milvus_pb2_grpc")
    return SimpleNamespace(**{name: importlib.import_module(name) for name in names})


@pytest.fixture
def milvus(pb, milvus_channel):
    return pb.milvus_pb2_grpc.MilvusServiceStub(milvus_channel)


def ok(pb, status):
    assert status.code == 0 and status.error_code == pb.common_pb2.Success, status.reason
    return status


def kv(pb, **pairs):
    return [pb.common_pb2.KeyValuePair(key=k, value=str(v)) for k, v in pairs.items()]


def test_connect_and_get_version(pb, milvus):
    connected = milvus.Connect(pb.milvus_pb2.ConnectRequest(
        client_info=pb.common_pb2.ClientInfo(sdk_type="python-grpcio", sdk_version="0", local_time="now", user="py"),
    ))
    ok(pb, connected.status)
    assert connected.server_info.build_tags
    version = milvus.GetVersion(pb.milvus_pb2.GetVersionRequest())
    ok(pb, version.status)
    assert version.version.startswith("v2.")


def create_collection(pb, milvus, name, dim=4):
    schema_pb2, DataType = pb.schema_pb2, pb.schema_pb2.DataType
    schema = schema_pb2.CollectionSchema(name=name, fields=[
        schema_pb2.FieldSchema(fieldID=100, name="id", data_type=DataType.Value("Int64"), is_primary_key=True),
        schema_pb2.FieldSchema(fieldID=101, name="title", data_type=DataType.Value("VarChar"), type_params=kv(pb, max_length=64)),
        schema_pb2.FieldSchema(fieldID=102, name="vector", data_type=DataType.Value("FloatVector"), type_params=kv(pb, dim=dim)),
    ])
    ok(pb, milvus.CreateCollection(pb.milvus_pb2.CreateCollectionRequest(
        collection_name=name, schema=schema.SerializeToString(), shards_num=1,
    )))
    ok(pb, milvus.CreateIndex(pb.milvus_pb2.CreateIndexRequest(
        collection_name=name, field_name="vector", index_name="vector",
        extra_params=kv(pb, index_type="AUTOINDEX", metric_type="L2", params="{}"),
    )))
    ok(pb, milvus.LoadCollection(pb.milvus_pb2.LoadCollectionRequest(collection_name=name)))


def insert(pb, milvus, name, rows):
    schema_pb2, DataType = pb.schema_pb2, pb.schema_pb2.DataType
    columns = [
        schema_pb2.FieldData(field_name="id", type=DataType.Value("Int64"),
                             scalars=schema_pb2.ScalarField(long_data=schema_pb2.LongArray(data=[r[0] for r in rows]))),
        schema_pb2.FieldData(field_name="title", type=DataType.Value("VarChar"),
                             scalars=schema_pb2.ScalarField(string_data=schema_pb2.StringArray(data=[r[1] for r in rows]))),
        schema_pb2.FieldData(field_name="vector", type=DataType.Value("FloatVector"),
                             vectors=schema_pb2.VectorField(dim=4, float_vector=schema_pb2.FloatArray(data=[x for r in rows for x in r[2]]))),
    ]
    return milvus.Insert(pb.milvus_pb2.InsertRequest(collection_name=name, fields_data=columns, num_rows=len(rows)))


ROWS = [(1, "east", [1.0, 0.0, 0.0, 0.0]), (2, "north", [0.0, 1.0, 0.0, 0.0]), (3, "east-ish", [0.9, 0.1, 0.0, 0.0])]


@pytest.fixture
def collection(pb, milvus):
    name = f"py_grpc_{uuid.uuid4().hex}"
    create_collection(pb, milvus, name)
    yield name
    ok(pb, milvus.DropCollection(pb.milvus_pb2.DropCollectionRequest(collection_name=name)))


def test_create_insert_search_query(pb, milvus, collection):
    inserted = insert(pb, milvus, collection, ROWS)
    ok(pb, inserted.status)
    assert inserted.insert_cnt == 3
    assert list(inserted.IDs.int_id.data) == [1, 2, 3]

    query_vector = struct.pack("<4f", 1.0, 0.0, 0.0, 0.0)
    placeholders = pb.common_pb2.PlaceholderGroup(placeholders=[pb.common_pb2.PlaceholderValue(
        tag="$0", type=pb.common_pb2.PlaceholderType.Value("FloatVector"), values=[query_vector],
    )])
    found = milvus.Search(pb.milvus_pb2.SearchRequest(
        collection_name=collection, dsl_type=pb.common_pb2.DslType.Value("BoolExprV1"), dsl="",
        placeholder_group=placeholders.SerializeToString(), output_fields=["title"], nq=1,
        search_params=kv(pb, anns_field="vector", topk=2, metric_type="L2", params="{}"),
    ))
    ok(pb, found.status)
    assert list(found.results.ids.int_id.data) == [1, 3]
    assert list(found.results.topks) == [2]
    assert found.results.scores[0] == pytest.approx(0.0)
    assert found.results.scores[1] == pytest.approx(0.02, abs=1e-6)
    titles = next(f for f in found.results.fields_data if f.field_name == "title")
    assert list(titles.scalars.string_data.data) == ["east", "east-ish"]

    queried = milvus.Query(pb.milvus_pb2.QueryRequest(collection_name=collection, expr="id >= 2", output_fields=["id", "title"]))
    ok(pb, queried.status)
    by_name = {f.field_name: f for f in queried.fields_data}
    assert list(by_name["id"].scalars.long_data.data) == [2, 3]
    assert list(by_name["title"].scalars.string_data.data) == ["north", "east-ish"]


def test_errors_are_milvus_statuses(pb, milvus):
    described = milvus.DescribeCollection(pb.milvus_pb2.DescribeCollectionRequest(collection_name="no_such_collection"))
    assert described.status.code != 0
    assert "can't find collection" in described.status.reason


def test_rows_written_over_grpc_read_back_over_rest(pb, milvus, milvus_http, collection):
    ok(pb, insert(pb, milvus, collection, ROWS).status)
    reply = milvus_http.post("/v2/vectordb/entities/get", json={"collectionName": collection, "id": [2], "outputFields": ["title"]})
    assert [row["title"] for row in reply.json()["data"]] == ["north"]


def test_calls_carry_the_tests_scope(fakes, pb, milvus, scope):
    milvus.GetVersion(pb.milvus_pb2.GetVersionRequest())
    entries = fakes.control(fakes.milvus_url, "GET", "/journal", {"scope": scope})["entries"]
    assert [e["route"] for e in entries] == ["GetVersion"]
