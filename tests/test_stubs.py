"""The committed Python stubs are what the .proto generates today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).parents[1]


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_proto", ROOT / "scripts" / "gen_proto.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_stubs_match_the_proto(tmp_path):
    generator = load_generator()
    fresh = generator.generate(tmp_path)
    assert fresh, "nothing generated"
    for path in fresh:
        committed = generator.OUTPUT / path.relative_to(tmp_path)
        assert committed.read_text() == path.read_text(), (
            f"{committed} is stale: run python scripts/gen_proto.py"
        )
