"""pytest fixtures for the fakecontainers fakes (fake Ollama and fake Milvus).

Copy this file next to your tests. Fixtures:

- ``fakes`` (session): the fakes' endpoints. How they are obtained, by ``FAKECONTAINERS_MODE``:
  ``attach`` (chosen on its own when ``FAKECONTAINERS_OLLAMA_URL`` and ``FAKECONTAINERS_MILVUS_ADDRESS``
  are set, as ``fakecontainers run`` and CI service containers do; never stopped here), ``process``
  (the default: ``fakecontainers serve`` on free ports, stopped at the end of the session) or
  ``container`` (``fakecontainers up`` on free ports, ``fakecontainers down`` at the end).
- ``scope`` (per test): a fresh scope id; ``scope_headers`` is ``{"x-fakecontainers-scope": scope}``.
- ``ollama_http`` / ``milvus_http``: a ``requests.Session`` that sends the scope header, closed after the
  test. ``milvus_channel``: a gRPC channel that sends the scope as metadata on every call, closed
  after the test.
- an autouse check: after each test, every fake is asked (``GET /_fake/connections?scope=...``) for
  connections the test's scope opened and left open; if there are any, the test errors with a report
  naming the scope. Mark a test ``@pytest.mark.allow_open_connections`` to skip the check.

Only the standard library is needed for the fixtures themselves; ``requests`` and ``grpcio`` are
imported by the fixtures that use them.
"""
from __future__ import annotations

import json
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

SCOPE_HEADER = "x-fakecontainers-scope"
START_TIMEOUT_S = 60
#: How long the leak check lets the server see sockets that a test closed just before it ended.
SETTLE_MS = 1000


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_open_connections: skip the fakecontainers leak check for this test")


class Fakes:
    """Endpoints of a fake Ollama and a fake Milvus, and their control planes (``/_fake/*``)."""

    def __init__(self, ollama_url: str, milvus_address: str, token: str | None, mode: str):
        self.ollama_url = ollama_url.rstrip("/")
        self.milvus_address = milvus_address
        self.milvus_url = f"http://{milvus_address}"
        self.token = token
        self.mode = mode

    def control(self, base_url: str, method: str, path: str, query: dict | None = None, timeout: float = 10):
        """One control-plane request on a fresh connection (urllib sends ``Connection: close``)."""
        url = f"{base_url}/_fake{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query, doseq=True)
        request = urllib.request.Request(url, method=method)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read() or b"null")

    def open_connections(self, scope: str, settle_ms: int = SETTLE_MS) -> list[tuple[str, dict]]:
        """Connections the scope opened (or has a request in flight on) that are still open, per fake."""
        found = []
        for name, base in (("ollama", self.ollama_url), ("milvus", self.milvus_url)):
            answer = self.control(base, "GET", "/connections", {"scope": scope, "settle": settle_ms})
            found.extend((name, c) for c in answer["connections"])
        return found

    def reset(self) -> None:
        for base in (self.ollama_url, self.milvus_url):
            self.control(base, "POST", "/reset")

    def wait_healthy(self, timeout: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        for base in (self.ollama_url, self.milvus_url):
            while True:
                try:
                    if self.control(base, "GET", "/health", timeout=2)["status"] == "ok":
                        break
                except (OSError, urllib.error.URLError, ValueError) as error:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"fake at {base} is not healthy after {timeout} s: {error}") from error
                time.sleep(0.2)


def _cli() -> list[str]:
    """How to run the fakecontainers command: FAKECONTAINERS_CLI, a local install, this repo, or PATH."""
    explicit = os.environ.get("FAKECONTAINERS_CLI")
    if explicit:
        return shlex.split(explicit)
    here = Path(__file__).resolve().parent
    for directory in (Path.cwd(), *Path.cwd().parents, here, *here.parents):
        installed = directory / "node_modules" / ".bin" / "fakecontainers"
        if installed.exists():
            return [str(installed)]
        if _is_fakecontainers_checkout(directory):
            return ["node", str(directory / "dist" / "cli.js")]
    on_path = shutil.which("fakecontainers")
    if on_path:
        return [on_path]
    raise RuntimeError("cannot find the fakecontainers command: npm install fakecontainers, or set FAKECONTAINERS_CLI")


def _is_fakecontainers_checkout(directory: Path) -> bool:
    """A built checkout of fakecontainers itself (how this guide runs inside its repository)."""
    try:
        name = json.loads((directory / "package.json").read_text()).get("name")
    except (OSError, ValueError):
        return False
    return name == "fakecontainers" and (directory / "dist" / "cli.js").exists()


def _lines(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)
    into.put(None)


def _serve() -> tuple[Fakes, subprocess.Popen]:
    """``fakecontainers serve`` on free ports; its ready banner names the endpoints."""
    process = subprocess.Popen(
        [*_cli(), "serve", "--ollama-port", "0", "--milvus-port", "0", "--log-level", "warn"],
        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    seen, deadline = [], time.monotonic() + START_TIMEOUT_S
    endpoints = {}
    while "Press Ctrl-C" not in "".join(seen[-1:]):
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None:
            _stop(process)
            raise RuntimeError("fakecontainers serve did not report ready:\n" + "".join(seen))
        seen.append(line)
        match = re.match(r"\s+(ollama|milvus)\s+(\S+)", line)
        if match:
            endpoints[match[1]] = match[2]
    return Fakes(endpoints["ollama"], endpoints["milvus"], None, "process"), process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _up() -> Fakes:
    """``fakecontainers up`` on free host ports; it prints ``export KEY=value`` lines."""
    done = subprocess.run(
        [*_cli(), "up", "--replace", "--ollama-port", "0", "--milvus-port", "0", "--milvus-health-port", "0"],
        capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"fakecontainers up failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    env = dict(re.findall(r"^export (\w+)=(\S+)$", done.stdout, re.M))
    return Fakes(env["FAKECONTAINERS_OLLAMA_URL"], env["FAKECONTAINERS_MILVUS_ADDRESS"], env.get("FAKECONTAINERS_CONTROL_TOKEN"), "container")


@pytest.fixture(scope="session")
def fakes():
    ollama, milvus = os.environ.get("FAKECONTAINERS_OLLAMA_URL"), os.environ.get("FAKECONTAINERS_MILVUS_ADDRESS")
    mode = os.environ.get("FAKECONTAINERS_MODE") or ("attach" if ollama and milvus else "process")
    if mode == "attach":
        if not (ollama and milvus):
            raise RuntimeError("attach mode needs FAKECONTAINERS_OLLAMA_URL and FAKECONTAINERS_MILVUS_ADDRESS")
        attached = Fakes(ollama, milvus, os.environ.get("FAKECONTAINERS_CONTROL_TOKEN"), "attach")
        attached.wait_healthy(10)
        attached.reset()  # fakes that outlive this session start it in their configured state
        yield attached
    elif mode == "process":
        started, process = _serve()
        try:
            yield started
        finally:
            _stop(process)
    elif mode == "container":
        started = _up()
        try:
            started.wait_healthy()
            yield started
        finally:
            subprocess.run([*_cli(), "down"], capture_output=True, timeout=120)
    else:
        raise RuntimeError(f"FAKECONTAINERS_MODE must be attach, process or container, not {mode!r}")


@pytest.fixture
def scope() -> str:
    """A scope id for this test: every connection it opens names it, so leaks are traced to the test."""
    return f"pytest-{uuid.uuid4()}"


@pytest.fixture
def scope_headers(scope) -> dict:
    return {SCOPE_HEADER: scope}


@pytest.fixture(autouse=True)
def _fakecontainers_leak_check(request, fakes, scope):
    yield
    if request.node.get_closest_marker("allow_open_connections"):
        return
    leaks = fakes.open_connections(scope)
    if leaks:
        described = "\n".join(
            f"  {fake}: connection {c['id']} from {c['remoteAddress']}:{c['remotePort']}, {c['requests']} request(s), {c['active']} active"
            for fake, c in leaks
        )
        pytest.fail(
            f"{request.node.nodeid} left {len(leaks)} connection(s) of scope {scope} open:\n{described}\n"
            "Close clients, sessions and channels before the test ends (or use the ollama_http, milvus_http "
            "and milvus_channel fixtures, which do).",
            pytrace=False,
        )


class _BaseUrlSession:
    """A requests.Session that joins paths to a base URL and sends the scope header."""

    def __init__(self, base_url: str, headers: dict):
        import requests

        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers.update(headers)

    def request(self, method: str, path: str, **kwargs):
        return self.session.request(method, self.base_url + path, timeout=kwargs.pop("timeout", 30), **kwargs)

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.request("POST", path, **kwargs)

    def close(self) -> None:
        self.session.close()


@pytest.fixture
def ollama_http(fakes, scope_headers):
    session = _BaseUrlSession(fakes.ollama_url, scope_headers)
    yield session
    session.close()


@pytest.fixture
def milvus_http(fakes, scope_headers):
    session = _BaseUrlSession(fakes.milvus_url, scope_headers)
    yield session
    session.close()


def scoped_channel(address: str, scope: str):
    """A gRPC channel whose calls all carry the scope as ``x-fakecontainers-scope`` metadata.

    Returns ``(raw, channel)``: make stubs on ``channel``, ``raw.close()`` when done.
    """
    import collections

    import grpc

    fields = ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")

    class CallDetails(collections.namedtuple("CallDetails", fields), grpc.ClientCallDetails):
        pass

    class ScopeMetadata(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
        def _with_scope(self, details):
            values = {name: getattr(details, name, None) for name in fields}
            values["metadata"] = [*(details.metadata or []), (SCOPE_HEADER, scope)]
            return CallDetails(**values)

        def intercept_unary_unary(self, continuation, details, request):
            return continuation(self._with_scope(details), request)

        def intercept_unary_stream(self, continuation, details, request):
            return continuation(self._with_scope(details), request)

    raw = grpc.insecure_channel(address)
    return raw, grpc.intercept_channel(raw, ScopeMetadata())


@pytest.fixture
def milvus_channel(fakes, scope):
    raw, channel = scoped_channel(fakes.milvus_address, scope)
    yield channel
    raw.close()
