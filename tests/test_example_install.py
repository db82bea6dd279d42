"""The third-party story end to end, as a user lives it: a fresh virtual environment, the
product and the example ICD-10-CM plugin installed with pip, served, then uninstalled."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine import Line
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.client import CodesetClient
from tests.server_process import ServerProcess

ROOT = Path(__file__).parents[1]
ON = "2025-10-15"  # inside the October 2025 HCPCS release and ICD-10-CM FY2026


def run(*command: object) -> str:
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode in (0, 1), f"{command}: {done.stderr[-2000:]}"
    return done.stdout


def source_copies(into: Path) -> tuple[Path, Path]:
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    product = into / "codeset-engine"
    for part in ("engine", "plugins"):
        shutil.copytree(ROOT / part, product / part, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, product / name)
    example = into / "codeset-icd10cm"
    shutil.copytree(ROOT / "examples" / "icd10cm", example, ignore=ignore)
    return product, example


@pytest.mark.slow
def test_pip_install_serve_and_uninstall_the_example_plugin(tmp_path):
    product, example = source_copies(tmp_path)  # pip builds in place: keep the repo clean
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    pip, codeset = venv / "bin" / "pip", venv / "bin" / "codeset"
    run(pip, "install", "--quiet", product)
    before = json.loads(run(codeset, "validate", "J1100", "--date", ON, "--format", "jsonl"))
    run(pip, "install", "--quiet", example)

    listed = json.loads(run(codeset, "systems", "--format", "json"))
    assert "icd10cm" in {system["id"] for system in listed}
    cli = json.loads(run(codeset, "validate", "E11.9", "--date", ON, "--format", "jsonl"))
    assert (cli["system"], cli["code"], cli["verdict"]) == ("icd10cm", "E11.9", "VERDICT_VALID")
    after = json.loads(run(codeset, "validate", "J1100", "--date", ON, "--format", "jsonl"))
    assert (
        (after["system"], after["verdict"])
        == (before["system"], before["verdict"])
        == ("hcpcs", "VERDICT_VALID")
    )

    server = ServerProcess("--port", "0", codeset=str(codeset)).wait_listening().wait_serving()
    try:
        with CodesetClient(server.address) as client:
            result = client.validate(Line("E11.9", date_of_service=ON))
            assert (result.system, result.code) == ("icd10cm", "E11.9")
            assert result.verdict == pb.VERDICT_VALID
            assert "icd10cm" in {s.id for s in client.list_code_systems()}
    finally:
        assert server.stop() == 0

    run(pip, "uninstall", "--yes", "--quiet", "codeset-icd10cm")
    listed = json.loads(run(codeset, "systems", "--format", "json"))
    assert {system["id"] for system in listed} == {"hcpcs", "cpt"}
    gone = json.loads(run(codeset, "validate", "E11.9", "--date", ON, "--format", "jsonl"))
    assert [issue["rule"] for issue in gone["issues"]] == ["ENGINE.UNRECOGNISED_CODE"]
    assert gone["verdict"] == "VERDICT_INVALID"
    assert (
        json.loads(run(codeset, "validate", "J1100", "--date", ON, "--format", "jsonl")) == before
    )
