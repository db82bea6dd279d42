"""The third-party story end to end, as a user lives it: a fresh virtual environment, the
product and the example ICD-10-CM plugin installed with pip, served, then uninstalled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.client import CodesetClient
from tests.server_process import ServerProcess

ROOT = Path(__file__).parents[1]


def run(*command: object) -> str:
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode in (0, 1), f"{command}: {done.stderr[-2000:]}"
    return done.stdout


@pytest.mark.slow
def test_pip_install_serve_and_uninstall_the_example_plugin(tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    pip, codeset = venv / "bin" / "pip", venv / "bin" / "codeset"
    run(pip, "install", "--quiet", ROOT)
    before = json.loads(
        run(codeset, "validate", "J1100", "--date", "2025-10-15", "--format", "jsonl")
    )
    run(pip, "install", "--quiet", ROOT / "examples" / "icd10cm")

    listed = json.loads(run(codeset, "systems", "--format", "json"))
    assert "icd10cm" in {system["id"] for system in listed}
    cli = json.loads(run(codeset, "validate", "E11.9", "--format", "jsonl"))
    assert (cli["system"], cli["code"], cli["valid"]) == ("icd10cm", "E11.9", True)
    after = json.loads(
        run(codeset, "validate", "J1100", "--date", "2025-10-15", "--format", "jsonl")
    )
    assert (
        (after["system"], after["valid"]) == (before["system"], before["valid"]) == ("hcpcs", True)
    )

    server = ServerProcess("--port", "0", codeset=str(codeset)).wait_listening().wait_serving()
    try:
        with CodesetClient(server.address) as client:
            result = client.validate("E11.9")
            assert (result.system, result.code, result.valid) == ("icd10cm", "E11.9", True)
            assert "icd10cm" in {s.id for s in client.list_code_systems().code_systems}
    finally:
        assert server.stop() == 0

    run(pip, "uninstall", "--yes", "--quiet", "codeset-icd10cm")
    listed = json.loads(run(codeset, "systems", "--format", "json"))
    assert {system["id"] for system in listed} == {"hcpcs", "cpt"}
    gone = json.loads(run(codeset, "validate", "E11.9", "--format", "jsonl"))
    assert gone["issues"][0]["rule"] == "ENGINE.UNRECOGNISED_CODE"
    assert (
        json.loads(run(codeset, "validate", "J1100", "--date", "2025-10-15", "--format", "jsonl"))
        == before
    )
