#!/usr/bin/env python3
"""Runs buf (node_modules/.bin/buf, pinned in package.json) on the contract, offline.

The contract imports google/api/field_behavior.proto and google/rpc/status.proto. They are
not vendored into proto/ and not fetched from the Buf Schema Registry: buf gets them the
way protoc does (scripts/gen_proto.py), from the installed googleapis-common-protos package.
Each run assembles a temporary buf v2 workspace of two modules:

    buf.yaml        the repository's buf.yaml (lint and breaking rules), plus third_party
    proto/          a copy of the repository's proto/*.proto
    third_party/    google/api/field_behavior.proto and google/rpc/status.proto

and runs buf on the `proto` module only (the google files are imports, never linted).

    python scripts/buf_workspace.py lint
    python scripts/buf_workspace.py breaking          # against proto/released/ (the release)
    python scripts/buf_workspace.py build -o out.binpb
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROTO_ROOT = ROOT / "proto"
BUF = ROOT / "node_modules" / ".bin" / "buf"
BUF_YAML = ROOT / "buf.yaml"
MODULE = "proto"
THIRD_PARTY = "third_party"
RELEASED = PROTO_ROOT / "released"
RELEASE = "1.0.0"


def released_image(version: str = RELEASE) -> Path:
    """The committed buf image of a released contract version."""
    return RELEASED / f"codeset-v{version}.binpb"


def _gen_proto():
    spec = importlib.util.spec_from_file_location("gen_proto", ROOT / "scripts" / "gen_proto.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def workspace_config(root_config: str) -> str:
    """The workspace's buf.yaml: the repository's, with the third_party module added."""
    entry = f"  - path: {MODULE}\n"
    if entry not in root_config:
        raise ValueError(f"buf.yaml lists no module `{MODULE}` (a line {entry.strip()!r})")
    return root_config.replace(entry, entry + f"  - path: {THIRD_PARTY}\n", 1)


def make_workspace(into: Path, proto_root: Path = PROTO_ROOT) -> Path:
    """Assemble the workspace under `into` from the .proto files under `proto_root` (the
    working tree's, or a copy of another revision's); return it."""
    gen_proto = _gen_proto()
    into.mkdir(parents=True, exist_ok=True)
    for source in sorted(proto_root.rglob("*.proto")):
        target = into / MODULE / source.relative_to(proto_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    googleapis = gen_proto.googleapis_root()
    for name in gen_proto.GOOGLEAPIS_IMPORTS:
        target = into / THIRD_PARTY / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(googleapis / name, target)
    (into / "buf.yaml").write_text(workspace_config(BUF_YAML.read_text()))
    return into


def run_buf(
    workspace: Path, *args: str, cache: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """`buf ARGS` in `workspace`, with its cache in `cache` (default: the workspace)."""
    if not BUF.exists():
        raise FileNotFoundError(f"{BUF.relative_to(ROOT)} is missing: run `npm ci` at the root")
    env = {**os.environ, "BUF_CACHE_DIR": str(cache or workspace / ".buf-cache")}
    return subprocess.run(
        [str(BUF), *args], cwd=workspace, capture_output=True, text=True, timeout=timeout, env=env
    )


def build_image(workspace: Path, output: Path) -> subprocess.CompletedProcess:
    """The contract as a buf image (imports included, source info left out: comments are
    not part of the compatibility promise, and a comment fix needs no new image)."""
    return run_buf(workspace, "build", MODULE, "--exclude-source-info", "-o", str(output))


def lint(workspace: Path) -> subprocess.CompletedProcess:
    return run_buf(workspace, "lint", MODULE)


def breaking(workspace: Path, against: Path) -> subprocess.CompletedProcess:
    """Breaking changes of the workspace's contract against an image (buf.yaml's rules)."""
    return run_buf(workspace, "breaking", MODULE, "--against", str(against))


def contract_files(image: bytes) -> dict[str, bytes]:
    """The contract's own files in a buf image (a FileDescriptorSet on the wire), each
    serialised deterministically: what two images of one contract share even when they were
    built with other versions of the google/ imports."""
    from google.protobuf import descriptor_pb2

    files = descriptor_pb2.FileDescriptorSet.FromString(image).file
    return {
        file.name: file.SerializeToString(deterministic=True)
        for file in files
        if not file.name.startswith("google/")
    }


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("lint", "breaking", "build"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    with tempfile.TemporaryDirectory() as raw:
        workspace = make_workspace(Path(raw))
        if command == "lint":
            run = lint(workspace)
        elif command == "breaking":
            against = Path(rest[0]).resolve() if rest else released_image()
            run = breaking(workspace, against)
        else:
            if rest[:1] != ["-o"] or len(rest) != 2:
                print("usage: buf_workspace.py build -o OUTPUT.binpb", file=sys.stderr)
                return 2
            run = build_image(workspace, Path(rest[1]).resolve())
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    if run.returncode == 0:
        print(f"buf {command}: ok", file=sys.stderr)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
