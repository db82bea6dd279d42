"""The benchmark scripts still run against the code they measure (tiny inputs, no figures
asserted: timing belongs in docs/BENCHMARKS.md, not in tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.mark.parametrize(
    ("script", "arguments", "expected"),
    [
        ("bench_encoders.py", ["--lines", "2000", "--passes", "1"], "engine / baseline"),
        ("bench_encoders.py", ["--lines", "2000", "--passes", "1", "--view", "full"], "full"),
        ("bench_engine.py", ["--lines", "2000", "--repeat", "1"], "baseline"),
    ],
)
def test_benchmark_script_runs(script: str, arguments: list[str], expected: str) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / script), *arguments],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout
