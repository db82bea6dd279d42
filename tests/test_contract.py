"""The released `codeset.v1` contract: what must never change, and what it promises.

- `buf breaking` (FILE rules: the wire and the JSON names) of proto/ against the committed
  image of the release, proto/released/codeset-v1.0.0.binpb, so a break fails in any clone,
  even one without tags; and, where the tag contract-v1.0.0 is in the clone, that the image
  is the tag's (scripts/release_contract.py builds it; see its docstring);
- pins a reader of the .proto relies on: a verdict JSON always shows, field behavior on every
  request field (AIP-203);
- server reflection v1 as well as v1alpha, asked the way grpcurl and buf curl ask.
"""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import grpc
import pytest
from google.api import field_behavior_pb2
from google.protobuf import descriptor_pb2, json_format
from grpc_reflection.v1alpha import reflection_pb2

from engine.transport.api.codeset.v1 import codeset_pb2 as pb

ROOT = Path(__file__).resolve().parent.parent
VERSION = "1.0.0"
TAG = f"contract-v{VERSION}"
CONTRACT = "codeset/v1/codeset.proto"


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


buf_workspace = _load_script("buf_workspace")
IMAGE = buf_workspace.released_image(VERSION)


def _require_buf() -> None:
    if not buf_workspace.BUF.exists():
        pytest.fail(
            "node_modules/.bin/buf is missing: run `npm ci` at the repository root (CI does)",
            pytrace=False,
        )


def _released_contract() -> descriptor_pb2.FileDescriptorProto:
    files = buf_workspace.contract_files(IMAGE.read_bytes())
    assert CONTRACT in files, f"{IMAGE.name} holds no {CONTRACT}: {sorted(files)}"
    return descriptor_pb2.FileDescriptorProto.FromString(files[CONTRACT])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    _require_buf()
    return buf_workspace.make_workspace(tmp_path_factory.mktemp("buf") / "workspace")


def test_contract_release_image_is_committed():
    assert IMAGE.is_file(), f"{IMAGE} is missing: python scripts/release_contract.py"
    released = _released_contract()
    assert released.package == "codeset.v1"
    assert [service.name for service in released.service] == ["CodesetService"]
    files = buf_workspace.contract_files(IMAGE.read_bytes())
    assert set(files) == {CONTRACT}, "only the contract's own files, besides google/ imports"


def test_no_breaking_change_against_the_released_contract(workspace):
    run = buf_workspace.breaking(workspace, IMAGE)
    assert run.returncode == 0, (
        f"the contract breaks {TAG} ({IMAGE.relative_to(ROOT)}): within v1 only additions "
        f"are allowed (AIP-180).\n{run.stdout}{run.stderr}"
    )


@pytest.mark.parametrize(
    ("before", "after", "says"),
    [
        (  # a JSON client sends and reads names: a rename is a break, even on the wire-safe side
            "  Verdict verdict = 5;\n",
            "  Verdict outcome = 5;\n",
            'changed name from "verdict" to "outcome"',
        ),
        (
            "  rpc GetServerInfo(GetServerInfoRequest) returns (GetServerInfoResponse);\n",
            "",
            'Previously present RPC "GetServerInfo"',
        ),
        ("  string units = 5 [", "  int64 units = 5 [", 'changed type from "string" to "int64"'),
    ],
    ids=["renamed-field", "removed-rpc", "retyped-field"],
)
def test_breaking_check_catches_a_break(tmp_path, before, after, says):
    """The check is not vacuous: each of these edits of the contract fails it."""
    _require_buf()
    proto = tmp_path / "proto"
    shutil.copytree(ROOT / "proto", proto, ignore=shutil.ignore_patterns("released"))
    contract = proto / CONTRACT
    text = contract.read_text()
    assert before in text
    contract.write_text(text.replace(before, after, 1))
    edited = buf_workspace.make_workspace(tmp_path / "workspace", proto_root=proto)
    run = buf_workspace.breaking(edited, IMAGE)
    assert run.returncode != 0, run.stdout
    assert says in run.stdout, run.stdout


def _git(*args: str, text: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=text, timeout=60)


def _tag_is_here() -> bool:
    if shutil.which("git") is None:
        return False
    inside = _git("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return False
    return _git("rev-parse", "--verify", "--quiet", f"refs/tags/{TAG}").returncode == 0


def test_contract_release_image_is_the_tagged_one(tmp_path):
    """With the tag in the clone: the committed image is the tag's, byte for byte, and the
    tag's proto builds to it (so neither was changed after the release)."""
    if not _tag_is_here():
        pytest.skip(f"no tag {TAG} in this clone (a shallow CI clone, or not released yet)")
    tagged = _git("show", f"{TAG}:{IMAGE.relative_to(ROOT).as_posix()}", text=False)
    assert tagged.returncode == 0, f"{TAG} holds no {IMAGE.relative_to(ROOT)}: {tagged.stderr}"
    assert tagged.stdout == IMAGE.read_bytes(), f"{IMAGE.relative_to(ROOT)} differs from {TAG}'s"

    archive = _git("archive", "--format=tar", TAG, "proto", text=False)
    assert archive.returncode == 0, archive.stderr
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp_path / "tagged", filter="data")
    _require_buf()
    built = tmp_path / "tagged.binpb"
    workspace = buf_workspace.make_workspace(
        tmp_path / "workspace", proto_root=tmp_path / "tagged" / "proto"
    )
    run = buf_workspace.build_image(workspace, built)
    assert run.returncode == 0, run.stdout + run.stderr
    assert buf_workspace.contract_files(built.read_bytes()) == buf_workspace.contract_files(
        IMAGE.read_bytes()
    ), f"{TAG}'s proto does not build to {IMAGE.relative_to(ROOT)}"


def test_contract_invalid_verdict_is_visible_in_json():
    """proto3 JSON leaves out zero values; no verdict a server sends is zero, so `verdict`
    always shows: an invalid line can no longer look like one without the key."""
    line = json.loads(json_format.MessageToJson(pb.LineResult(verdict=pb.VERDICT_INVALID)))
    assert line == {"verdict": "VERDICT_INVALID"}
    claim = json.loads(json_format.MessageToJson(pb.ClaimResult(verdict=pb.VERDICT_INVALID)))
    assert claim == {"verdict": "VERDICT_INVALID"}
    assert json_format.Parse(json.dumps(line), pb.LineResult()).verdict == pb.VERDICT_INVALID
    sent = [value for value in pb.Verdict.values() if value != pb.VERDICT_UNSPECIFIED]
    assert sent and all(value != 0 for value in sent)


def test_contract_units_and_dates_are_json_strings():
    """Decimal units and YYYY-MM-DD dates are strings in JSON: no Long, no float rounding."""
    line = pb.Line(code="E0100", units="0.5", date_of_service="2025-10-15")
    claim_line = pb.ClaimLine(line_number=1, line=line)
    assert json.loads(json_format.MessageToJson(claim_line)) == {
        "lineNumber": 1,
        "line": {"code": "E0100", "units": "0.5", "dateOfService": "2025-10-15"},
    }


def _request_messages() -> list:
    """Every message a request can carry: the RPCs' inputs and the messages inside them."""
    service = pb.DESCRIPTOR.services_by_name["CodesetService"]
    found, queue = {}, [method.input_type for method in service.methods]
    while queue:
        message = queue.pop()
        if message.full_name in found or not message.full_name.startswith("codeset.v1."):
            continue
        found[message.full_name] = message
        queue.extend(
            field.message_type
            for field in message.fields
            if field.message_type is not None and not field.message_type.GetOptions().map_entry
        )
    return sorted(found.values(), key=lambda message: message.full_name)


def test_contract_every_request_field_has_a_field_behavior():
    """AIP-203: each field of a request message says REQUIRED or OPTIONAL."""
    unannotated = []
    for message in _request_messages():
        for field in message.fields:
            behaviors = field.GetOptions().Extensions[field_behavior_pb2.field_behavior]
            if not {field_behavior_pb2.REQUIRED, field_behavior_pb2.OPTIONAL} & set(behaviors):
                unannotated.append(field.full_name)
    assert len(_request_messages()) >= 10
    assert not unannotated, f"fields without REQUIRED or OPTIONAL: {unannotated}"


@pytest.mark.parametrize("version", ["v1", "v1alpha"])
def test_reflection_lists_and_describes_the_codeset_service(server, version):
    """A raw reflection stream, as grpcurl or buf curl would send it (v1's messages are
    v1alpha's on the wire): the service list, then the contract's file by symbol."""
    path = f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo"
    requests = [
        reflection_pb2.ServerReflectionRequest(list_services=""),
        reflection_pb2.ServerReflectionRequest(file_containing_symbol="codeset.v1.CodesetService"),
        reflection_pb2.ServerReflectionRequest(
            file_containing_symbol="grpc.reflection.v1.ServerReflection"
        ),
    ]
    with grpc.insecure_channel(server.address) as channel:
        call = channel.stream_stream(
            path,
            request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
        )
        listed, described, reflection_v1 = list(call(iter(requests), timeout=10))

    names = {service.name for service in listed.list_services_response.service}
    assert {
        "codeset.v1.CodesetService",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    } <= names

    files = [
        descriptor_pb2.FileDescriptorProto.FromString(raw)
        for raw in described.file_descriptor_response.file_descriptor_proto
    ]
    contract = next(file for file in files if file.name == CONTRACT)
    assert contract.package == "codeset.v1"
    assert "GetServerInfo" in {method.name for method in contract.service[0].method}
    assert {"google/api/field_behavior.proto", "google/rpc/status.proto"} <= {
        file.name for file in files
    }, "the imports come along, so a client can build the schema"

    assert not reflection_v1.HasField("error_response"), reflection_v1.error_response
    (v1,) = [
        descriptor_pb2.FileDescriptorProto.FromString(raw)
        for raw in reflection_v1.file_descriptor_response.file_descriptor_proto
    ]
    assert (v1.name, v1.package) == ("grpc/reflection/v1/reflection.proto", "grpc.reflection.v1")
