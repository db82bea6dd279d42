"""The `codeset` command as a user runs it: the installed console script, in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import CPT_FIXTURE

CODESET = shutil.which("codeset")


def codeset(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert CODESET, "the codeset console script is not installed (pip install -e .)"
    return subprocess.run(
        [CODESET, *args], capture_output=True, text=True, timeout=60, env=env, check=False
    )


def test_validate_prints_a_table_and_exit_status_says_all_valid():
    run = codeset("validate", "J1100", "99213-25", "--date", "2025-03-01")
    assert run.returncode == 0, run.stderr
    assert "J1100" in run.stdout and "Injection, dexamethasone" in run.stdout
    assert "Evaluation and Management" in run.stdout
    assert "CPT.EXISTENCE_UNVERIFIED" in run.stdout


def test_jsonl_has_one_object_per_input_and_exit_status_one_when_invalid():
    run = codeset("validate", "J0135", "E0100-ZZ", "--date", "2025-01-15", "--format", "jsonl")
    assert run.returncode == 1
    first, second = (json.loads(line) for line in run.stdout.splitlines())
    for result in (first, second):
        assert {"input", "code", "system", "valid", "issues", "classification"} <= set(result)
    assert first["input"] == "J0135" and not first["valid"]
    assert first["issues"][0]["rule"] == "HCPCS.TERMINATED"
    assert {"rule", "severity", "message"} <= set(first["issues"][0])
    assert second["issues"][0]["rule"] == "HCPCS.UNKNOWN_MODIFIER"


def test_file_input_one_line_per_code(tmp_path):
    listing = tmp_path / "codes.txt"
    listing.write_text("J1100\n\n99213 25 59\nE0100-RT-KX\n")
    run = codeset("validate", "--file", str(listing), "--date", "2025-10-15", "--format", "jsonl")
    assert run.returncode == 0, run.stdout
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["code"], r["modifiers"]) for r in results] == [
        ("J1100", []),
        ("99213", ["25", "59"]),
        ("E0100", ["RT", "KX"]),
    ]


def test_lookup_and_systems():
    lookup = codeset("lookup", "E0100")
    assert lookup.returncode == 0
    assert "D1E" in lookup.stdout and "Cane" in lookup.stdout
    assert codeset("lookup", "A0000").returncode == 1
    systems = json.loads(codeset("systems", "--format", "json").stdout)
    by_id = {s["id"]: s for s in systems}
    assert set(by_id) == {"hcpcs", "cpt"}
    assert by_id["hcpcs"]["editions"][0]["effective"] == "2025-10-01"


def test_licensed_cpt_file_from_configuration():
    run = codeset("validate", "99213", "-s", f"cpt.file={CPT_FIXTURE}", "--format", "jsonl")
    result = json.loads(run.stdout)
    assert result["display"].startswith("FIXTURE DESCRIPTOR ALPHA")
    assert result["issues"] == []


@pytest.mark.parametrize("content", ["code\tdescriptor\n1234\tFIXTURE bad code\n"])
def test_malformed_data_file_fails_at_start_up_naming_file_and_line(tmp_path, content):
    bad = tmp_path / "cpt.tsv"
    bad.write_text(content)
    run = codeset("validate", "99213", "-s", f"cpt.file={bad}")
    assert run.returncode == 2
    assert str(bad) in run.stderr and "line 2" in run.stderr
