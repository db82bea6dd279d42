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
    for result in (first, second):  # the proto3 JSON mapping of codeset.v1 LineResult
        assert {
            "input",
            "code",
            "system",
            "verdict",
            "issues",
            "classification",
            "dateOfService",
            "edition",
        } <= set(result)
        assert "valid" not in result and "date_of_service" not in result
        assert (result["dateOfService"], result["edition"]) == ("2025-01-15", "hcpcs-2025-10")
    assert first["input"] == "J0135" and first["verdict"] == "VERDICT_INVALID"
    assert first["issues"][0]["rule"] == "HCPCS.TERMINATED"
    assert first["issues"][0]["severity"] == "SEVERITY_ERROR"
    assert {"rule", "severity", "message"} <= set(first["issues"][0])
    assert second["verdict"] == "VERDICT_INVALID"
    assert second["issues"][0]["rule"] == "HCPCS.UNKNOWN_MODIFIER"


def test_jsonl_verdicts_and_an_assumed_date_when_none_is_given():
    run = codeset("validate", "J1100", "99213", "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    hcpcs, cpt = (json.loads(line) for line in run.stdout.splitlines())
    assert hcpcs["verdict"] == "VERDICT_VALID"
    assert cpt["verdict"] == "VERDICT_UNVERIFIED"  # no licensed CPT file
    for result in (hcpcs, cpt):
        assumed = result["issues"][0]
        assert assumed["rule"] == "ENGINE.DATE_OF_SERVICE_ASSUMED"
        assert assumed["severity"] == "SEVERITY_INFO"
        assert result["dateOfService"] in assumed["message"]


def test_a_compact_date_is_converted_at_the_command_line():
    compact = codeset("validate", "J0135", "--date", "20250115", "--format", "jsonl")
    iso = codeset("validate", "J0135", "--date", "2025-01-15", "--format", "jsonl")
    assert compact.returncode == iso.returncode == 1
    assert json.loads(compact.stdout) == json.loads(iso.stdout)
    assert json.loads(compact.stdout)["dateOfService"] == "2025-01-15"
    bad = codeset("validate", "J1100", "--date", "2025-02-30", "--format", "jsonl")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["issues"][0]["rule"] == "ENGINE.INVALID_DATE"


def test_units_may_be_decimal():
    good = codeset("validate", "J1100", "--units", "2.5", "--date", "2025-10-15")
    assert good.returncode == 0, good.stdout
    bad = codeset("validate", "J1100", "--units", "0", "--date", "2025-10-15")
    assert bad.returncode == 1 and "ENGINE.INVALID_UNITS" in bad.stdout


def test_file_input_one_line_per_code(tmp_path):
    listing = tmp_path / "codes.txt"
    listing.write_text("J1100\n\n99213 25 59\nE0100-RT-KX\n")
    run = codeset("validate", "--file", str(listing), "--date", "2025-10-15", "--format", "jsonl")
    assert run.returncode == 0, run.stdout
    results = [json.loads(line) for line in run.stdout.splitlines()]
    # proto3 JSON leaves empty lists out: J1100 has no "modifiers" key
    assert [(r["code"], r.get("modifiers", [])) for r in results] == [
        ("J1100", []),
        ("99213", ["25", "59"]),
        ("E0100", ["RT", "KX"]),
    ]
    assert "modifiers" not in results[0]


def test_lookup_and_systems():
    lookup = codeset("lookup", "E0100")
    assert lookup.returncode == 0
    assert "D1E" in lookup.stdout and "Cane" in lookup.stdout
    assert "hcpcs-2025-10" in lookup.stdout and "betos" in lookup.stdout
    assert codeset("lookup", "A0000").returncode == 1
    systems = json.loads(codeset("systems", "--format", "json").stdout)
    by_id = {s["id"]: s for s in systems}
    assert set(by_id) == {"hcpcs", "cpt"}
    edition = by_id["hcpcs"]["editions"][0]
    assert (edition["id"], edition["effective"]) == ("hcpcs-2025-10", "2025-10-01")
    assert "October 2025" in edition["title"]
    defined = {d["code"]: d["type"] for d in by_id["hcpcs"]["propertyDefinitions"]}
    assert defined["betos"] == "PROPERTY_TYPE_CODE"
    assert defined["add_date"] == "PROPERTY_TYPE_DATE"
    table = codeset("systems")
    assert table.returncode == 0
    assert "hcpcs-2025-10" in table.stdout and edition["title"] in table.stdout


def test_lookup_json_is_the_proto3_mapping_with_typed_properties():
    run = codeset("lookup", "E0100", "--format", "json")
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert (found["system"], found["code"], found["edition"]) == ("hcpcs", "E0100", "hcpcs-2025-10")
    properties = {p["code"]: p for p in found["properties"]}
    assert properties["betos"]["valueCode"] == "D1E" and properties["betos"]["meaning"]
    assert properties["add_date"]["valueDate"] == "1986-01-01"
    assert properties["long_description"]["valueString"].startswith("Cane")
    assert properties["coverage"]["valueCode"] == "D"
    assert all(code == code.lower() for code in properties)  # snake_case codes


def test_rules_lists_id_family_and_description():
    run = codeset("rules")
    assert run.returncode == 0, run.stderr
    rows = {line.split()[0]: line.split(maxsplit=2)[1:] for line in run.stdout.splitlines()}
    assert rows["HCPCS.TERMINATED"][0] == "hcpcs"
    assert "TERM DT" in rows["HCPCS.TERMINATED"][1]
    assert rows["ENGINE.DATE_OF_SERVICE_ASSUMED"][0] == "engine"
    assert rows["ENGINE.MISSING_DATE_OF_SERVICE"][0] == "engine"
    assert rows["CLAIM.DUPLICATE_LINE"][0].startswith("claim.")


def test_licensed_cpt_file_from_configuration():
    run = codeset(
        "validate", "99213", "-s", f"cpt.file={CPT_FIXTURE}", "--date", "2025-10-15",
        "--format", "jsonl",
    )  # fmt: skip
    result = json.loads(run.stdout)
    assert result["display"].startswith("FIXTURE DESCRIPTOR ALPHA")
    assert result.get("issues", []) == []  # proto3 JSON leaves an empty list out
    assert result["verdict"] == "VERDICT_VALID"
    unlicensed = codeset("validate", "99213", "--date", "2025-10-15", "--format", "jsonl")
    assert json.loads(unlicensed.stdout)["verdict"] == "VERDICT_UNVERIFIED"


@pytest.mark.parametrize("content", ["code\tdescriptor\n1234\tFIXTURE bad code\n"])
def test_malformed_data_file_fails_at_start_up_naming_file_and_line(tmp_path, content):
    bad = tmp_path / "cpt.tsv"
    bad.write_text(content)
    run = codeset("validate", "99213", "-s", f"cpt.file={bad}")
    assert run.returncode == 2
    assert str(bad) in run.stderr and "line 2" in run.stderr


def test_lookup_answers_for_a_date_and_says_when_a_code_was_inactive():
    """J0135 was terminated 2024-12-31 in CMS's October 2025 release."""

    def lookup(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["codeset", "lookup", "J0135", *args], capture_output=True, text=True, timeout=60
        )

    assert "inactive" not in lookup("--date", "2024-06-01").stdout.splitlines()[0]
    assert "inactive" in lookup("--date", "2025-06-01").stdout.splitlines()[0]
    assert lookup("--date", "20240601").stdout == lookup("--date", "2024-06-01").stdout
    refused = lookup("--date", "June")
    assert refused.returncode == 2 and "--date" in refused.stderr
