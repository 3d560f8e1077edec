"""The fake Milvus over REST v2 from Python (requests): create a collection, insert, search, query."""
import uuid

import pytest


def call(milvus_http, path, body):
    reply = milvus_http.post(f"/v2/vectordb{path}", json=body)
    assert reply.status_code == 200, reply.text
    envelope = reply.json()
    assert envelope["code"] == 0, envelope
    return envelope.get("data")


@pytest.fixture
def collection(milvus_http):
    name = f"py_rest_{uuid.uuid4().hex}"
    call(milvus_http, "/collections/create", {"collectionName": name, "dimension": 4, "metricType": "L2"})
    yield name
    call(milvus_http, "/collections/drop", {"collectionName": name})


ROWS = [
    {"id": 1, "vector": [1.0, 0.0, 0.0, 0.0], "title": "east"},
    {"id": 2, "vector": [0.0, 1.0, 0.0, 0.0], "title": "north"},
    {"id": 3, "vector": [0.9, 0.1, 0.0, 0.0], "title": "east-ish"},
]


def test_insert_then_search_finds_the_nearest_rows(milvus_http, collection):
    inserted = call(milvus_http, "/entities/insert", {"collectionName": collection, "data": ROWS})
    assert inserted["insertCount"] == 3
    hits = call(milvus_http, "/entities/search", {
        "collectionName": collection, "data": [[1.0, 0.0, 0.0, 0.0]], "limit": 2, "outputFields": ["title"],
    })
    assert [h["title"] for h in hits] == ["east", "east-ish"]
    assert hits[0]["distance"] == pytest.approx(0.0)
    assert hits[1]["distance"] == pytest.approx(0.02, abs=1e-6)  # L2 is the squared distance


def test_query_filters_with_milvus_expressions(milvus_http, collection):
    call(milvus_http, "/entities/insert", {"collectionName": collection, "data": ROWS})
    rows = call(milvus_http, "/entities/query", {
        "collectionName": collection, "filter": 'id in [1, 2] and title like "e%"', "outputFields": ["id", "title"],
    })
    # Milvus REST sends int64 values as strings unless the request says Accept-Type-Allow-Int64: true.
    assert [(r["id"], r["title"]) for r in rows] == [("1", "east")]
    exact = milvus_http.post("/v2/vectordb/entities/query", headers={"Accept-Type-Allow-Int64": "true"}, json={
        "collectionName": collection, "filter": "id == 2", "outputFields": ["id"],
    }).json()["data"]
    assert exact == [{"id": 2}]


def test_api_errors_come_in_milvus_envelope(milvus_http):
    reply = milvus_http.post("/v2/vectordb/collections/describe", json={"collectionName": "no_such_collection"})
    assert reply.status_code == 200
    assert reply.json()["code"] != 0
    assert "can't find collection" in reply.json()["message"]
