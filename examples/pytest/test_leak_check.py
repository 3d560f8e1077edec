"""The conftest's leak check, proven on a small project run by a child pytest attached to these fakes:
a test that leaves an HTTP session or a gRPC channel open fails (an error at its teardown), with its
scope in the report; tests
that close what they open, or opt out, pass."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

LEAKY_TESTS = '''
import pytest
import requests

from conftest import scoped_channel

LEFT_OPEN = []  # referenced, so garbage collection does not close them either


def test_closes_its_session(ollama_http):
    assert ollama_http.get("/api/version").status_code == 200


def test_leaves_a_session_open(fakes, scope_headers):
    session = requests.Session()
    session.get(fakes.ollama_url + "/api/tags", headers=scope_headers)
    LEFT_OPEN.append(session)


def test_leaves_a_channel_open(fakes, scope):
    raw, channel = scoped_channel(fakes.milvus_address, scope)
    # An empty GetVersionRequest is zero bytes: no stubs needed for this call.
    channel.unary_unary("/milvus.proto.milvus.MilvusService/GetVersion")(b"", timeout=10)
    LEFT_OPEN.append(raw)


@pytest.mark.allow_open_connections
def test_opts_out(fakes, scope_headers):
    session = requests.Session()
    session.get(fakes.ollama_url + "/api/tags", headers=scope_headers)
    LEFT_OPEN.append(session)
'''


def test_a_test_that_leaves_connections_open_fails_naming_its_scope(fakes, tmp_path):
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_leaky.py").write_text(LEAKY_TESTS)
    env = {
        **os.environ,
        "FAKECONTAINERS_MODE": "attach",
        "FAKECONTAINERS_OLLAMA_URL": fakes.ollama_url,
        "FAKECONTAINERS_MILVUS_ADDRESS": fakes.milvus_address,
        **({"FAKECONTAINERS_CONTROL_TOKEN": fakes.token} if fakes.token else {}),
    }
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    # The check runs after the test's fixtures are torn down (they close what they opened), so pytest
    # reports a leak as an error at teardown of the test: the test's own body passed.
    assert re.search(r"^4 passed, 2 errors", out, re.M), out
    assert "ERROR test_leaky.py::test_leaves_a_session_open" in out and "ERROR test_leaky.py::test_leaves_a_channel_open" in out
    for name, fake in (("test_leaves_a_session_open", "ollama"), ("test_leaves_a_channel_open", "milvus")):
        assert re.search(
            rf"test_leaky\.py::{name} left 1 connection\(s\) of scope pytest-[0-9a-f-]{{36}} open:\n  {fake}: connection \d+", out
        ), out
    assert "test_closes_its_session left" not in out and "test_opts_out left" not in out
