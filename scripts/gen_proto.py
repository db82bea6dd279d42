#!/usr/bin/env python3
"""Generates the Python gRPC stubs from proto/ into engine/transport/api/ (they are committed).

protoc writes absolute imports (`from codeset.v1 import codeset_pb2`); they are rewritten
to live under `engine.transport.api`, so the stubs need no top-level package of their own. A test
regenerates them and fails if the committed files differ. Run: python scripts/gen_proto.py

The contract imports google/api/field_behavior.proto and google/rpc/status.proto. They are not
vendored: protoc reads them from the installed googleapis-common-protos package (a declared
dependency), and the generated code imports that package's `google.api.field_behavior_pb2` and
`google.rpc.status_pb2`, as every other gRPC library does. The google/protobuf well-known types
come from grpcio-tools.
"""

from __future__ import annotations

import sys
import tempfile
from importlib import resources
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parents[1]
PROTO_ROOT = ROOT / "proto"
OUTPUT = ROOT / "engine" / "transport" / "api"
PACKAGE = "codeset/v1"
# The google/ files the contract imports, from googleapis-common-protos.
GOOGLEAPIS_IMPORTS = ("google/api/field_behavior.proto", "google/rpc/status.proto")


def googleapis_root() -> Path:
    """The directory googleapis-common-protos installs `google/api/*.proto` under (its
    site-packages), found at run time."""
    import google.api  # googleapis-common-protos; a namespace package, so no __file__

    for folder in google.api.__path__:
        root = Path(folder).parent.parent
        if all((root / name).is_file() for name in GOOGLEAPIS_IMPORTS):
            return root
    raise SystemExit(
        f"{', '.join(GOOGLEAPIS_IMPORTS)} not found under {list(google.api.__path__)}: "
        "install googleapis-common-protos (pip install -e .)"
    )


def well_known_root() -> Path:
    """grpcio-tools' copy of google/protobuf/*.proto (descriptor.proto, any.proto...)."""
    return Path(str(resources.files("grpc_tools") / "_proto"))


def generate(into: Path) -> list[Path]:
    """Write the stubs under `into`; return the files written."""
    protos = sorted(str(p.relative_to(PROTO_ROOT)) for p in (PROTO_ROOT / PACKAGE).glob("*.proto"))
    with tempfile.TemporaryDirectory() as raw:
        status = protoc.main(
            [
                "protoc",
                f"-I{PROTO_ROOT}",
                f"-I{googleapis_root()}",
                f"-I{well_known_root()}",
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
        # Only our package is generated: google/ stays the installed package's.
        generated = Path(raw).rglob("*.py*")
        stray = sorted(str(p.relative_to(raw)) for p in generated if "codeset" not in p.parts)
        if stray:
            raise SystemExit(f"protoc generated files outside {PACKAGE}: {stray}")
    for folder in (into, into / "codeset", into / PACKAGE):
        init = folder / "__init__.py"
        if not init.exists():
            init.write_text('"""Generated gRPC stubs: see scripts/gen_proto.py."""\n')
    return written


if __name__ == "__main__":
    for path in generate(OUTPUT):
        print(path.relative_to(ROOT))
    sys.exit(0)
