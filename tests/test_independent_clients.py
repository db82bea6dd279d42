"""The contract from the outside: non-Python clients built from the .proto alone.

`tests/node/client.mjs` (@grpc/grpc-js + @grpc/proto-loader, loading
proto/codeset/v1/codeset.proto at run time) calls every RPC of the real server; `buf curl`
calls it through server reflection (grpc.reflection.v1), with no schema at all; `buf lint`
checks the contract against buf's STANDARD rules, in the temporary workspace
scripts/buf_workspace.py assembles (the google/ imports come from googleapis-common-protos).
`buf breaking` against the released contract is in test_contract.py. The Node tools are
pinned in package.json / package-lock.json and installed by `npm ci`; without them these
tests fail rather than skip.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
BUF = NODE_MODULES / ".bin" / "buf"
NODE_CLIENT = ROOT / "tests" / "node" / "client.mjs"
INSTALL_HINT = "run `npm ci` at the repository root (CI does) to install the pinned Node tools"


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


buf_workspace = _load_script("buf_workspace")


def _missing_tools(*paths: Path) -> str:
    """Why the Node tooling cannot run, or "" when it can."""
    if shutil.which("node") is None:
        return "node is not on PATH: install Node.js 20+, then " + INSTALL_HINT
    for path in (NODE_MODULES, *paths):
        if not path.exists():
            return f"{path.relative_to(ROOT)} is missing: {INSTALL_HINT}"
    return ""


def _require_tools(*paths: Path) -> None:
    if problem := _missing_tools(*paths):
        pytest.fail(problem, pytrace=False)


def _buf(*args: str, tmp_path: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    _require_tools(BUF)
    return subprocess.run(
        [str(BUF), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "BUF_CACHE_DIR": str(tmp_path / "buf-cache")},
    )


@dataclass
class NodeRun:
    """What the Node client printed, or why there is nothing to look at."""

    answers: dict | None
    problem: str = ""

    def get(self) -> dict:
        if self.answers is None:
            pytest.fail(self.problem, pytrace=False)
        return self.answers


@pytest.fixture(scope="module")
def node(server) -> NodeRun:
    """One run of the Node client against the real server; failures surface in each test."""
    if problem := _missing_tools(NODE_MODULES / "@grpc" / "grpc-js"):
        return NodeRun(None, problem)
    command = [
        "node",
        str(NODE_CLIENT),
        server.address,
        str(_load_script("gen_proto").googleapis_root()),
    ]
    try:
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as timeout:
        return NodeRun(None, f"{' '.join(command)} timed out after 60 s: {timeout.stderr}")
    if run.returncode != 0:
        return NodeRun(None, f"node client exited {run.returncode}:\n{run.stderr}{run.stdout}")
    try:
        return NodeRun(json.loads(run.stdout))
    except json.JSONDecodeError as error:
        return NodeRun(None, f"node client printed no JSON object ({error}):\n{run.stdout}")


def test_node_validate_reports_a_terminated_code(node):
    result = node.get()["validate"]["result"]
    assert result["correlation_id"] == "n1"
    assert (result["input"], result["code"], result["system"]) == ("J0135", "J0135", "hcpcs")
    assert result["verdict"] == "VERDICT_INVALID"
    assert result["date_of_service"] == "2025-01-15"
    assert result["edition"] == "hcpcs-2025-10"
    issue = result["issues"][0]
    assert issue["rule"] == "HCPCS.TERMINATED"
    assert issue["severity"] == "SEVERITY_ERROR"
    assert "2024-12-31" in issue["message"]
    assert issue["field"] == "code"
    assert result["classification"]["category"] == "HCPCS Level II"


def test_node_batch_results_come_back_in_order(node):
    results = node.get()["validate_batch"]["results"]
    assert [r["input"] for r in results] == ["E0100-RT", "E0100-ZZ", "99213-25"]
    assert [r["code"] for r in results] == ["E0100", "E0100", "99213"]
    assert [r["verdict"] for r in results] == [
        "VERDICT_VALID",
        "VERDICT_INVALID",
        "VERDICT_UNVERIFIED",
    ]
    assert [r["modifiers"] for r in results] == [["RT"], ["ZZ"], ["25"]]
    bad_modifier = results[1]["issues"][0]
    assert bad_modifier["rule"] == "HCPCS.UNKNOWN_MODIFIER"
    assert bad_modifier["severity"] == "SEVERITY_ERROR"
    assert bad_modifier["field"] == "modifiers[0]"
    assumed = [i["rule"] for i in results[2]["issues"]]
    assert "ENGINE.DATE_OF_SERVICE_ASSUMED" in assumed


def test_node_stream_answers_each_message_and_goes_on_after_a_bad_one(node):
    responses = node.get()["validate_stream"]
    assert len(responses) == 3
    assert [[r["correlation_id"] for r in response["results"]] for response in responses] == [
        ["s0:0", "s0:1"],
        [],
        ["s2:0", "s2:1"],
    ]
    assert responses[0]["status"] is None and responses[2]["status"] is None
    assert responses[1]["status"]["code"] == 3  # INVALID_ARGUMENT: an empty batch
    assert [r["verdict"] for r in responses[2]["results"]] == [
        "VERDICT_UNVERIFIED",
        "VERDICT_INVALID",
    ]


def test_node_claims_need_dates_of_service(node):
    result = node.get()["validate_claim"]["result"]
    assert result["claim_id"] == "node-claim"
    assert result["verdict"] == "VERDICT_INVALID"
    assert [line["line_number"] for line in result["lines"]] == [1, 2]
    missing = [i for i in result["issues"] if i["rule"] == "ENGINE.MISSING_DATE_OF_SERVICE"]
    assert missing and missing[0]["line_numbers"] == [2]
    streamed = node.get()["validate_claim_stream"]
    assert [r["verdict"] for r in streamed[0]["results"]] == ["VERDICT_VALID"]


def test_node_lookup_describes_the_code(node):
    answers = node.get()
    lookup = answers["lookup"]
    assert (lookup["system"], lookup["code"], lookup["edition"]) == (
        "hcpcs",
        "E0100",
        "hcpcs-2025-10",
    )
    assert "Cane" in lookup["display"]
    assert lookup["inactive"] is False
    assert lookup["classification"]["category"] == "HCPCS Level II"
    assert all(p["code"] and p["value"] and "meaning" in p for p in lookup["properties"])
    found, missing = answers["batch_lookup"]["results"]
    assert found["lookup"]["code"] == "E0100" and found["outcome"] == "lookup"
    assert missing["outcome"] == "status" and missing["status"]["code"] == 5  # NOT_FOUND


def test_node_discovery(node):
    answers = node.get()
    first, second = answers["list_code_systems"], answers["list_code_systems_next"]
    assert len(first["code_systems"]) == 1 and first["next_page_token"]
    assert sorted(s["id"] for s in first["code_systems"] + second["code_systems"]) == [
        "cpt",
        "hcpcs",
    ]
    hcpcs = next(s for s in first["code_systems"] + second["code_systems"] if s["id"] == "hcpcs")
    assert hcpcs["editions"][-1] == {
        "id": "hcpcs-2025-10",
        "title": hcpcs["editions"][-1]["title"],
        "effective": "2025-10-01",
    }
    assert hcpcs["property_definitions"]
    assert "HCPCS.TERMINATED" in {rule["id"] for rule in answers["list_rules"]["rules"]}
    info = answers["server_info"]
    assert info["contract_version"] == "1.0.0" and info["version"]
    assert info["limits"]["max_batch_lines"] == 5000
    assert info["timezone"] == "UTC"


def test_node_line_problems_are_results_request_problems_are_statuses(node):
    answers = node.get()
    empty = answers["validate_empty_code"]["result"]
    assert empty["verdict"] == "VERDICT_INVALID"
    assert empty["issues"][0]["rule"] == "ENGINE.EMPTY_CODE"
    outcome = answers["batch_too_large"]
    assert outcome["failed"] is True, outcome
    assert outcome["code_name"] == "INVALID_ARGUMENT"
    assert outcome["status_details_bin_present"] is True


def test_node_health_check_says_serving(node):
    answers = node.get()
    assert answers["health"]["status"] == "SERVING"
    assert answers["health_codeset"]["status"] == "SERVING"


def test_buf_lint_is_clean(tmp_path):
    _require_tools(BUF)
    workspace = buf_workspace.make_workspace(tmp_path / "workspace")
    run = buf_workspace.lint(workspace)
    assert run.returncode == 0, f"buf lint exited {run.returncode}:\n{run.stdout}{run.stderr}"


def test_buf_lint_sees_a_violation(tmp_path):
    """The lint run checks the contract: a field named against STANDARD's rules fails it."""
    _require_tools(BUF)
    proto = tmp_path / "proto"
    shutil.copytree(ROOT / "proto", proto)
    contract = proto / "codeset" / "v1" / "codeset.proto"
    text = contract.read_text()
    assert "message GetServerInfoRequest {}" in text
    contract.write_text(
        text.replace(
            "message GetServerInfoRequest {}", "message GetServerInfoRequest { string Bad = 1; }"
        )
    )
    workspace = buf_workspace.make_workspace(tmp_path / "workspace", proto_root=proto)
    run = buf_workspace.lint(workspace)
    assert run.returncode != 0, run.stdout
    assert 'Field name "Bad" should be lower_snake_case' in run.stdout


@pytest.mark.parametrize("protocol", ["grpc-v1", "grpc-v1alpha"])
def test_buf_curl_lists_methods_through_server_reflection(server, tmp_path, protocol):
    """`buf curl --list-methods` resolves every service's schema through reflection v1 (what
    buf curl and grpcurl ask first) and v1alpha (what older tools ask)."""
    run = _buf(
        "curl",
        "--protocol",
        "grpc",
        "--http2-prior-knowledge",
        "--reflect-protocol",
        protocol,
        "--list-methods",
        f"http://{server.address}",
        tmp_path=tmp_path,
    )
    assert run.returncode == 0, f"buf curl exited {run.returncode}:\n{run.stdout}{run.stderr}"
    methods = set(run.stdout.split())
    rpcs = ("Validate", "ValidateBatch", "ValidateStream", "ValidateClaim", "ValidateClaimStream")
    rpcs += ("Lookup", "BatchLookup", "ListCodeSystems", "ListRules", "GetServerInfo")
    assert {f"codeset.v1.CodesetService/{rpc}" for rpc in rpcs} <= methods
    assert {
        "grpc.health.v1.Health/Check",
        "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
    } <= methods


@pytest.mark.parametrize("view", [None, "RESULT_VIEW_FULL"])
def test_buf_curl_validates_through_server_reflection(server, tmp_path, view):
    request = {"line": {"code": "J1100", "date_of_service": "2025-10-15"}}
    if view:
        request["view"] = view  # an enum by name, resolved through reflection
    run = _buf(
        "curl",
        "--protocol",
        "grpc",
        "--http2-prior-knowledge",
        "--connect-timeout",
        "10",
        "--timeout",
        "30s",
        "-d",
        json.dumps(request),
        f"http://{server.address}/codeset.v1.CodesetService/Validate",
        tmp_path=tmp_path,
    )
    assert run.returncode == 0, f"buf curl exited {run.returncode}:\n{run.stdout}{run.stderr}"
    result = json.loads(run.stdout)["result"]
    assert result["verdict"] == "VERDICT_VALID"  # an enum: always present, by name
    assert result["code"] == "J1100"
    assert result["dateOfService"] == "2025-10-15"  # protojson: lowerCamelCase names
    assert ("display" in result) == (view == "RESULT_VIEW_FULL")  # only the full view has it
