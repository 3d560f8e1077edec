"""Generates Python gRPC stubs for the Milvus API with grpc_tools.protoc.

    python3 gen_stubs.py <out-dir> [<milvus-protos.mjs>]

Writes <out-dir>/proto/*.proto with fakecontainers' scripts/milvus-protos.mjs (from the descriptors the
Milvus Node SDK ships; Node, protobufjs and @zilliz/milvus2-sdk-node must be installed where the
script is), then <out-dir>/*_pb2.py and *_pb2_grpc.py. Put <out-dir> on sys.path and import
``milvus_pb2``, ``milvus_pb2_grpc``, ``schema_pb2``, ``common_pb2``.

Two workarounds for old protoc versions, such as the libprotoc 3.5.1 inside Debian 12's
python3-grpc-tools:
- before protoc 3.15 proto3 ``optional`` is refused: the fields are written as the one-field oneof
  ``_name`` they stand for (same descriptor and wire format; ``HasField`` works);
- before protoc 3.20 the generated module assigns every enum value to a module-level name, and Milvus'
  ``DataType`` and ``PlaceholderType`` have a value called ``None``, which Python 3 refuses; those lines
  are dropped (``schema_pb2.DataType.Value("None")`` still works).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def protoc_version() -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-m", "grpc_tools.protoc", "--version"], capture_output=True, text=True, check=True)
    match = re.search(r"(\d+)\.(\d+)", out.stdout)
    if not match:
        raise RuntimeError(f"cannot read protoc's version from {out.stdout!r}")
    return int(match[1]), int(match[2])


def default_script() -> Path:
    # This repository's copy; a project of its own passes the path to a checkout's script.
    return Path(__file__).resolve().parents[2] / "scripts" / "milvus-protos.mjs"


def generate(out_dir: Path, script: Path | None = None) -> Path:
    from grpc_tools import protoc

    script = script or default_script()
    proto_dir = out_dir / "proto"
    flags = ["--optional-as-oneof"] if protoc_version() < (3, 15) else []
    subprocess.run(["node", str(script), *flags, str(proto_dir)], check=True, stdout=subprocess.DEVNULL)
    protos = sorted(str(p.name) for p in proto_dir.glob("*.proto"))
    include = Path(protoc.__file__).parent / "_proto"  # google/protobuf/*.proto
    code = protoc.main(["protoc", f"-I{proto_dir}", f"-I{include}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}", *protos])
    if code != 0:
        raise RuntimeError(f"grpc_tools.protoc failed with {code} on {proto_dir}")
    for module in out_dir.glob("*_pb2.py"):
        text = module.read_text()
        fixed = re.sub(r"^None = \d+\n", "", text, flags=re.M)
        if fixed != text:
            module.write_text(fixed)
    return out_dir


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    target = Path(sys.argv[1]).resolve()
    target.mkdir(parents=True, exist_ok=True)
    generate(target, Path(sys.argv[2]).resolve() if len(sys.argv) == 3 else None)
    print(target)
