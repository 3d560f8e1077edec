"""The fake Ollama over plain HTTP from Python (requests), with the test's scope on every request."""
import json


def generate(ollama_http, prompt):
    reply = ollama_http.post("/api/generate", json={"model": "llama3.2", "prompt": prompt, "stream": False})
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    return reply.json()


def test_generate_is_deterministic(ollama_http):
    first = generate(ollama_http, "Describe how a rainbow forms.")
    second = generate(ollama_http, "Describe how a rainbow forms.")
    assert first["done"] is True and first["model"] == "llama3.2"
    assert first["response"].strip()
    assert second["response"] == first["response"]
    assert "rainbow" in first["response"].lower()
    assert generate(ollama_http, "Describe how a glacier moves.")["response"] != first["response"]


def test_chat_streams_ndjson_that_adds_up_to_the_whole_answer(ollama_http):
    body = {"model": "llama3.2", "messages": [{"role": "user", "content": "What's the capital of France?"}]}
    whole = ollama_http.post("/api/chat", json={**body, "stream": False}).json()
    with ollama_http.post("/api/chat", json=body, stream=True) as streamed:
        assert streamed.headers["content-type"].startswith("application/x-ndjson")
        chunks = [json.loads(line) for line in streamed.iter_lines() if line]
    assert len(chunks) > 1
    assert [c["done"] for c in chunks] == [False] * (len(chunks) - 1) + [True]
    assert "".join(c["message"]["content"] for c in chunks) == whole["message"]["content"]
    assert chunks[-1]["done_reason"] == "stop"


def test_embed_gives_the_same_vector_for_the_same_text(ollama_http):
    def embed(texts):
        reply = ollama_http.post("/api/embed", json={"model": "nomic-embed-text", "input": texts})
        assert reply.status_code == 200, reply.text
        return reply.json()["embeddings"]

    first, other = embed(["a red apple", "a blue whale"])
    assert len(first) == 768
    assert embed(["a red apple"])[0] == first
    assert other != first


def test_an_unknown_model_is_a_404_with_ollamas_error(ollama_http):
    reply = ollama_http.post("/api/generate", json={"model": "no-such-model", "prompt": "hi"})
    assert reply.status_code == 404
    assert "not found" in reply.json()["error"]


def test_the_journal_files_requests_under_the_tests_scope(fakes, ollama_http, scope):
    ollama_http.get("/api/version")
    ollama_http.get("/api/tags")
    entries = fakes.control(fakes.ollama_url, "GET", "/journal", {"scope": scope})["entries"]
    assert [e["path"] for e in entries] == ["/api/version", "/api/tags"]
