#!/usr/bin/env python3
"""Marks the gRPC contract (proto/codeset/v1/codeset.proto) released.

    python scripts/release_contract.py                 # release 1.0.0: (re)build the image
    python scripts/release_contract.py --check         # is the image the current proto's?
    python scripts/release_contract.py --version 1.1.0 # a later, compatible release

A release is two things that must agree:
- proto/released/codeset-vVERSION.binpb, a buf image of the contract (imports included,
  source info left out), committed, so that `buf breaking` has the release to compare
  against in any clone, even a shallow one without tags (tests/test_contract.py);
- the git tag contract-vVERSION on the commit that holds that image and the proto it was
  built from (when the tag is there, tests/test_contract.py checks that they agree).

This script lints the contract, checks it against every earlier released image, writes the
image, and prints the git commands to commit and tag it; it never commits or tags itself. It
refuses to rewrite the image of a version that is already tagged.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TAG_PREFIX = "contract-v"


def _buf_workspace():
    path = ROOT / "scripts" / "buf_workspace.py"
    spec = importlib.util.spec_from_file_location("buf_workspace", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tag_of(version: str) -> str:
    return f"{TAG_PREFIX}{version}"


def tag_exists(tag: str) -> bool:
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return found.returncode == 0


def _fail(what: str, run: subprocess.CompletedProcess) -> int:
    print(f"{what} failed:\n{run.stdout}{run.stderr}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=None, help="the release (default: 1.0.0)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="only say whether the committed image is the current proto's (exit 1 if not)",
    )
    options = parser.parse_args(argv)
    buf = _buf_workspace()
    version = options.version or buf.RELEASE
    image = buf.released_image(version)
    tag = tag_of(version)

    with tempfile.TemporaryDirectory() as raw:
        workspace = buf.make_workspace(Path(raw) / "workspace")
        fresh = Path(raw) / "image.binpb"
        run = buf.build_image(workspace, fresh)
        if run.returncode != 0:
            return _fail("buf build", run)
        if options.check:
            same = image.exists() and buf.contract_files(image.read_bytes()) == (
                buf.contract_files(fresh.read_bytes())
            )
            where = image.relative_to(ROOT)
            print(f"{where} {'is' if same else 'is NOT'} the current proto's contract")
            return 0 if same else 1
        if tag_exists(tag):
            print(f"{tag} is already tagged: its image is never rebuilt", file=sys.stderr)
            return 1
        run = buf.lint(workspace)
        if run.returncode != 0:
            return _fail("buf lint", run)
        for earlier in sorted(buf.RELEASED.glob("codeset-v*.binpb")):
            if earlier != image:
                run = buf.breaking(workspace, earlier)
                if run.returncode != 0:
                    return _fail(f"buf breaking against {earlier.name}", run)
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_bytes(fresh.read_bytes())

    proto = ROOT / "proto" / "codeset" / "v1" / "codeset.proto"
    print(f"wrote {image.relative_to(ROOT)} ({image.stat().st_size} bytes). To release:\n")
    print(f"  git add {image.relative_to(ROOT)} {proto.relative_to(ROOT)}")
    print(f'  git commit -m "Contract {version}: proto/released/{image.name}"')
    print(f'  git tag -a {tag} -m "codeset.v1 contract {version}"')
    print(f"  git push origin {tag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
