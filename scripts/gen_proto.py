#!/usr/bin/env python3
"""Generates the Python gRPC stubs from proto/ into engine/transport/api/ (they are committed).

protoc writes absolute imports (`from codeset.v1 import codeset_pb2`); they are rewritten
to live under `engine.transport.api`, so the stubs need no top-level package of their own. A test
regenerates them and fails if the committed files differ. Run: python scripts/gen_proto.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parents[1]
PROTO_ROOT = ROOT / "proto"
OUTPUT = ROOT / "engine" / "transport" / "api"
PACKAGE = "codeset/v1"


def generate(into: Path) -> list[Path]:
    """Write the stubs under `into`; return the files written."""
    protos = sorted(str(p.relative_to(PROTO_ROOT)) for p in (PROTO_ROOT / PACKAGE).glob("*.proto"))
    with tempfile.TemporaryDirectory() as raw:
        status = protoc.main(
            [
                "protoc",
                f"-I{PROTO_ROOT}",
                f"--python_out={raw}",
                f"--pyi_out={raw}",
                f"--grpc_python_out={raw}",
                *protos,
            ]
        )
        if status != 0:
            raise SystemExit(f"protoc failed with status {status}")
        written = []
        for source in sorted(Path(raw, PACKAGE).iterdir()):
            target = into / PACKAGE / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text().replace(
                "from codeset.v1 import", "from engine.transport.api.codeset.v1 import"
            )
            target.write_text(text)
            written.append(target)
    for folder in (into, into / "codeset", into / PACKAGE):
        init = folder / "__init__.py"
        if not init.exists():
            init.write_text('"""Generated gRPC stubs: see scripts/gen_proto.py."""\n')
    return written


if __name__ == "__main__":
    for path in generate(OUTPUT):
        print(path.relative_to(ROOT))
    sys.exit(0)
