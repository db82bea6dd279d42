"""The real server on a real socket: every RPC, large batches and streams, edition pins,
lookups, pages, the server's description, health and reflection."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from engine import Line
from engine.tools.workload import mixed_lines
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.api.codeset.v1 import codeset_pb2_grpc
from engine.transport.conversions import line_message, result_message
from plugins.hcpcs.dataset import load_data
from tests.conftest import DATA
from tests.grpc_checks import error_info, failure, invalid, reason, rpc_status_of
from tests.server_process import ServerProcess

HCPCS_URI = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
ISSUE_TWO_LINES = [
    Line("A0021", date_of_service="2025-10-15"),
    Line("J0135", date_of_service="2024-06-01"),
    Line("J0135", date_of_service="2025-01-15"),
    Line("L6034", date_of_service="2025-09-01"),
    Line("L6034", date_of_service="2025-10-01"),
    Line("E0100-RT", date_of_service="2025-10-15"),
    Line("E0100-ZZ", date_of_service="2025-10-15"),
    Line("99213-25", date_of_service="2025-10-15"),
    Line("0001U", date_of_service="2025-10-15"),
    Line("1234F", date_of_service="2025-10-15"),
    Line("0042T", date_of_service="2025-10-15"),
    Line("C9014", date_of_service="2019-03-01"),
    Line("W1234", date_of_service="2025-10-15"),
]


@pytest.fixture(scope="module")
def channel(server):
    with grpc.insecure_channel(server.address) as connected:
        yield connected


@pytest.fixture(scope="module")
def stub(channel) -> codeset_pb2_grpc.CodesetServiceStub:
    return codeset_pb2_grpc.CodesetServiceStub(channel)


def validate(stub, line: pb.Line, **fields) -> pb.LineResult:
    return stub.Validate(pb.ValidateRequest(line=line, **fields), timeout=10).result


# --- Validate, ValidateBatch, ValidateStream ------------------------------------------------


def test_wire_answers_match_the_engine(engine, stub):
    for line in ISSUE_TWO_LINES:
        assert validate(stub, line_message(line, "id-1")) == result_message(
            engine.validate(line), "id-1", full=False
        )


def test_wire_answer_carries_structured_issues(stub):
    result = validate(stub, pb.Line(code="J0135", date_of_service="2025-01-15"))
    assert result.verdict == pb.VERDICT_INVALID and result.edition == "hcpcs-2025-10"
    issue = result.issues[0]
    assert issue.rule == "HCPCS.TERMINATED" and issue.severity == pb.SEVERITY_ERROR
    assert "2024-12-31" in issue.message and issue.field == "code"
    assert result.classification.category == "HCPCS Level II"


def test_an_undated_line_is_checked_for_today_and_says_so(stub):
    result = validate(stub, pb.Line(code="J1100"))
    assert result.date_of_service
    assert "ENGINE.DATE_OF_SERVICE_ASSUMED" in {issue.rule for issue in result.issues}


def test_a_full_batch_is_complete_and_in_order(engine, stub):
    lines = mixed_lines(5_000, sorted(load_data(()).codes), seed=7)
    request = pb.ValidateBatchRequest(
        lines=[line_message(line, str(n)) for n, line in enumerate(lines)]
    )
    results = stub.ValidateBatch(request, timeout=60).results
    assert [r.correlation_id for r in results] == [str(n) for n in range(5_000)]
    expected = engine.validate_batch(lines)
    assert [r.code for r in results] == [r.code for r in expected]
    assert [r.verdict for r in results] == [result_message(r, full=False).verdict for r in expected]


def test_stream_of_100_batches_of_1000_complete_and_in_order(stub):
    lines = mixed_lines(1000, sorted(load_data(()).codes), seed=3)

    def requests():
        for batch in range(100):
            yield pb.ValidateStreamRequest(
                lines=[
                    pb.Line(code=line.code, correlation_id=f"{batch}:{n}")
                    for n, line in enumerate(lines)
                ]
            )

    responses = list(stub.ValidateStream(requests(), timeout=120))
    assert len(responses) == 100
    for batch, response in enumerate(responses):
        assert not response.HasField("status")
        ids = [result.correlation_id for result in response.results]
        assert ids == [f"{batch}:{n}" for n in range(1000)]


def test_full_view_adds_descriptor_and_meanings_to_every_validate_rpc(stub):
    line = pb.Line(code="E0100", date_of_service="2025-10-15")

    def answers(view: int) -> list[pb.LineResult]:
        unary = stub.Validate(pb.ValidateRequest(line=line, view=view), timeout=5)
        batch = stub.ValidateBatch(pb.ValidateBatchRequest(lines=[line], view=view), timeout=5)
        (streamed,) = stub.ValidateStream(
            iter([pb.ValidateStreamRequest(lines=[line], view=view)]), timeout=5
        )
        return [unary.result, batch.results[0], streamed.results[0]]

    full, basic, default = (
        answers(view) for view in (pb.RESULT_VIEW_FULL, pb.RESULT_VIEW_BASIC, 0)
    )
    for result in full:
        assert result.display.startswith("Cane")
        assert {p.code: p.meaning for p in result.classification.properties}["betos"]
    for result in basic + default:
        assert result.display == "" and result.classification.section
        assert all(
            p.WhichOneof("value") and not p.meaning for p in result.classification.properties
        )
    assert basic == default


def test_claim_lines_follow_the_requested_view(stub):
    line = pb.Line(code="E0100", date_of_service="2025-10-15")
    claim = pb.Claim(lines=[pb.ClaimLine(line_number=1, line=line)])
    full = stub.ValidateClaim(pb.ValidateClaimRequest(claim=claim, view=pb.RESULT_VIEW_FULL))
    basic = stub.ValidateClaim(pb.ValidateClaimRequest(claim=claim))
    assert full.result.lines[0].result.display.startswith("Cane")
    assert basic.result.lines[0].result.display == ""


def test_a_line_sent_in_pieces_is_answered_as_the_merged_line(engine, channel):
    """Protobuf lets a sender write a message field in several pieces that decoders merge
    (the code in one, the date in the other): one line, one answer."""
    pieces = [pb.Line(code="J0135"), pb.Line(date_of_service="2025-01-15", correlation_id="p")]
    raw = b"".join(pb.ValidateRequest(line=piece).SerializeToString() for piece in pieces)
    validate_raw = channel.unary_unary(
        "/codeset.v1.CodesetService/Validate",
        request_serializer=None,
        response_deserializer=pb.ValidateResponse.FromString,
    )
    merged = Line("J0135", date_of_service="2025-01-15")
    assert validate_raw(raw, timeout=5).result == result_message(
        engine.validate(merged), "p", full=False
    )


# --- Lookup, BatchLookup --------------------------------------------------------------------


def lookup(stub, code: str, **fields) -> pb.LookupResponse:
    return stub.Lookup(pb.LookupRequest(code=code, **fields), timeout=5)


def test_lookup_returns_typed_properties_and_the_answering_edition(stub):
    found = lookup(stub, "E0100")
    assert (found.system, found.code, found.edition) == ("hcpcs", "E0100", "hcpcs-2025-10")
    assert "Cane" in found.display and not found.inactive
    properties = {p.code: p for p in found.properties}
    assert properties["betos"].value_code == "D1E" and properties["betos"].meaning
    assert properties["add_date"].value_date == "1986-01-01"
    assert properties["anesthesia_base_units"].WhichOneof("value") == "value_integer"
    assert lookup(stub, "e0100", system=HCPCS_URI) == found


def test_lookup_is_for_a_date(stub):
    # J0135: terminated 2024-12-31 (its last valid day).
    assert not lookup(stub, "J0135", date="2024-12-31").inactive
    assert lookup(stub, "J0135", date="2025-01-01").inactive


@pytest.mark.parametrize(
    ("request_fields", "code", "expected_reason", "field"),
    [
        ({"code": "A0000"}, grpc.StatusCode.NOT_FOUND, "CODE_NOT_FOUND", None),
        ({"code": "ZZZ"}, grpc.StatusCode.NOT_FOUND, "CODE_NOT_RECOGNISED", None),
        (
            {"code": "99213", "system": "hcpcs"},
            grpc.StatusCode.NOT_FOUND,
            "CODE_NOT_RECOGNISED",
            None,
        ),
        ({"code": ""}, grpc.StatusCode.INVALID_ARGUMENT, "EMPTY_CODE", "code"),
        (
            {"code": "E0100", "system": "icd"},
            grpc.StatusCode.INVALID_ARGUMENT,
            "UNKNOWN_SYSTEM",
            "system",
        ),
        (
            {"code": "E0100", "date": "20250101"},
            grpc.StatusCode.INVALID_ARGUMENT,
            "INVALID_DATE",
            "date",
        ),
        (
            {"code": "E0100", "date": "2025-02-30"},
            grpc.StatusCode.INVALID_ARGUMENT,
            "INVALID_DATE",
            "date",
        ),
        (
            {"code": "E0100", "editions": {"hcpcs": "hcpcs-1999"}},
            grpc.StatusCode.INVALID_ARGUMENT,
            "UNKNOWN_EDITION",
            "editions[hcpcs]",
        ),
    ],
)
def test_lookup_failures_carry_their_reason(stub, request_fields, code, expected_reason, field):
    error = failure(stub.Lookup, pb.LookupRequest(**request_fields), timeout=5)
    assert error.code() is code
    if field is None:
        assert reason(error) == expected_reason
    else:
        assert field in invalid(error, expected_reason)


def test_batch_lookup_answers_each_code_with_its_lookup_or_its_status(stub):
    codes = ["E0100", "A0000", "J1100", "ZZZ", ""]
    requests = [pb.LookupRequest(code=code) for code in codes]
    results = stub.BatchLookup(pb.BatchLookupRequest(requests=requests), timeout=10).results
    assert [r.WhichOneof("outcome") for r in results] == [
        "lookup",
        "status",
        "lookup",
        "status",
        "status",
    ]
    assert results[0].lookup == lookup(stub, "E0100")
    assert results[2].lookup.code == "J1100"
    assert results[1].status.code == grpc.StatusCode.NOT_FOUND.value[0]
    assert [reason(results[n].status) for n in (1, 3, 4)] == [
        "CODE_NOT_FOUND",
        "CODE_NOT_RECOGNISED",
        "EMPTY_CODE",
    ]
    assert error_info(results[1].status).metadata["code"] == "A0000"


def test_a_bad_lookup_batch_fails_the_call(stub):
    error = failure(stub.BatchLookup, pb.BatchLookupRequest(), timeout=5)
    assert "requests" in invalid(error, "EMPTY_BATCH")
    too_many = pb.BatchLookupRequest(requests=[pb.LookupRequest(code="E0100")] * 1_001)
    error = failure(stub.BatchLookup, too_many, timeout=10)
    assert "requests" in invalid(error, "BATCH_TOO_LARGE")
    full = pb.BatchLookupRequest(requests=[pb.LookupRequest(code="E0100")] * 1_000)
    assert len(stub.BatchLookup(full, timeout=30).results) == 1_000


# --- ListCodeSystems, ListRules, GetServerInfo -------------------------------------------------


def every_page(method, request_type, field: str, page_size: int) -> tuple[list, int]:
    found, pages, token = [], 0, ""
    while True:
        response = method(request_type(page_size=page_size, page_token=token), timeout=5)
        found.extend(getattr(response, field))
        pages += 1
        token = response.next_page_token
        if not token:
            return found, pages


def test_list_code_systems_pages_through_every_system(stub):
    systems, pages = every_page(stub.ListCodeSystems, pb.ListCodeSystemsRequest, "code_systems", 1)
    assert pages == 2
    one_page = stub.ListCodeSystems(pb.ListCodeSystemsRequest(), timeout=5)
    assert list(one_page.code_systems) == systems and not one_page.next_page_token
    by_id = {s.id: s for s in systems}
    assert set(by_id) == {"hcpcs", "cpt"}
    hcpcs = by_id["hcpcs"]
    assert hcpcs.uri == HCPCS_URI
    assert [(e.id, e.effective) for e in hcpcs.editions] == [("hcpcs-2025-10", "2025-10-01")]
    definitions = {d.code: d.type for d in hcpcs.property_definitions}
    assert definitions["betos"] == pb.PROPERTY_TYPE_CODE
    assert definitions["add_date"] == pb.PROPERTY_TYPE_DATE


def test_page_tokens_and_sizes_are_checked(stub):
    first = stub.ListCodeSystems(pb.ListCodeSystemsRequest(page_size=1), timeout=5)
    rules_token = stub.ListRules(pb.ListRulesRequest(page_size=1), timeout=5).next_page_token
    for token in ("not-a-token", rules_token, first.next_page_token[:-2] + "xx"):
        error = failure(stub.ListCodeSystems, pb.ListCodeSystemsRequest(page_token=token))
        assert "page_token" in invalid(error, "INVALID_PAGE_TOKEN")
    error = failure(stub.ListCodeSystems, pb.ListCodeSystemsRequest(page_size=-1))
    assert "page_size" in invalid(error, "INVALID_PAGE_SIZE")
    error = failure(stub.ListRules, pb.ListRulesRequest(page_size=-5))
    assert "page_size" in invalid(error, "INVALID_PAGE_SIZE")
    huge = stub.ListCodeSystems(pb.ListCodeSystemsRequest(page_size=10**9), timeout=5)
    assert len(huge.code_systems) == 2 and not huge.next_page_token


def test_list_rules_lists_every_rule_by_id(stub):
    rules, pages = every_page(stub.ListRules, pb.ListRulesRequest, "rules", 10)
    assert pages > 1
    ids = [rule.id for rule in rules]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    default = stub.ListRules(pb.ListRulesRequest(), timeout=5)
    assert list(default.rules) == rules and not default.next_page_token  # under 200 rules
    by_id = {rule.id: rule for rule in rules}
    terminated = by_id["HCPCS.TERMINATED"]
    assert (terminated.family, terminated.plugin, terminated.claim_rule) == (
        "hcpcs",
        "hcpcs",
        False,
    )
    assert terminated.description
    assert terminated.default_severity == pb.SEVERITY_UNSPECIFIED
    assert by_id["NCCI.PTP_COLUMN_TWO_DENIED"].claim_rule
    assert by_id["ENGINE.EMPTY_CODE"].plugin == "engine"


def test_server_info_describes_limits_views_settings_and_families(stub):
    info = stub.GetServerInfo(pb.GetServerInfoRequest(), timeout=5)
    assert info.version and info.contract_version == "1.0.0"
    limits = info.limits
    assert (limits.max_batch_lines, limits.max_lookup_batch) == (5_000, 1_000)
    assert (limits.max_modifiers_per_line, limits.max_code_length) == (4, 64)
    assert limits.max_request_bytes == limits.max_response_bytes == 64 * 1024 * 1024
    assert list(info.views) == [pb.RESULT_VIEW_BASIC, pb.RESULT_VIEW_FULL]
    assert list(info.settings) == [
        pb.SETTING_PRACTITIONER,
        pb.SETTING_OUTPATIENT_HOSPITAL,
        pb.SETTING_DME,
    ]
    assert info.timezone == "UTC"
    assert {"ncci.ptp", "claim.duplicates"} <= set(info.rule_families)
    assert list(info.profiles) == []  # none configured


def test_health_says_serving(channel):
    health = health_pb2_grpc.HealthStub(channel)
    for service in ("", "codeset.v1.CodesetService"):
        response = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        assert response.status == health_pb2.HealthCheckResponse.SERVING


def test_reflection_lists_the_service(channel):
    database = ProtoReflectionDescriptorDatabase(channel)
    services = database.get_services()
    assert "codeset.v1.CodesetService" in services
    assert "grpc.health.v1.Health" in services
    described = database.FindFileContainingSymbol("codeset.v1.CodesetService")
    assert described.package == "codeset.v1"
    methods = {method.name for method in described.service[0].method}
    assert {"BatchLookup", "ListRules", "GetServerInfo"} <= methods


# --- Edition pins, on a server holding two HCPCS editions ------------------------------------


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """A server with CMS's 2019 release beside the embedded October 2025 one, and two
    configured rule profiles."""
    config = tmp_path_factory.mktemp("config") / "codeset.toml"
    config.write_text(
        f"""
[hcpcs]
releases = [{str(DATA / "cms2019")!r}]

[profiles.default]
disabled = ["CLAIM.DUPLICATE_LINE"]

[profiles.payer]
families = ["ncci", "claim.dates"]
severity = {{ "HCPCS.TERMINATED" = "warning" }}
""",
        encoding="utf-8",
    )
    running = ServerProcess("--port", "0", "--config", str(config)).wait_listening()
    running.wait_serving()
    with grpc.insecure_channel(running.address) as connected:
        yield codeset_pb2_grpc.CodesetServiceStub(connected)
    assert running.stop() == 0, running.stderr


def test_server_info_lists_the_configured_profiles(two_editions):
    info = two_editions.GetServerInfo(pb.GetServerInfoRequest(), timeout=5)
    default, payer = info.profiles
    assert (default.name, list(default.families), list(default.disabled_rules)) == (
        "default",
        [],
        ["CLAIM.DUPLICATE_LINE"],
    )
    assert payer.name == "payer" and list(payer.families) == ["claim.dates", "ncci"]
    assert dict(payer.severity_overrides) == {"HCPCS.TERMINATED": pb.SEVERITY_WARNING}


def test_a_named_profile_is_the_base_of_the_requests_entries(two_editions):
    stub = two_editions
    claim = pb.Claim(
        lines=[
            pb.ClaimLine(line_number=n, line=pb.Line(code="J0135", date_of_service="2025-10-15"))
            for n in (1, 2)
        ]
    )

    def rules(profile: pb.RuleProfile) -> dict[str, int]:
        result = stub.ValidateClaim(pb.ValidateClaimRequest(claim=claim, profile=profile)).result
        found = {issue.rule: issue.severity for issue in result.issues}
        found.update((i.rule, i.severity) for line in result.lines for i in line.result.issues)
        return found

    assert "CLAIM.DUPLICATE_LINE" not in rules(pb.RuleProfile())  # the default disables it
    payer = rules(pb.RuleProfile(name="payer"))
    assert payer["HCPCS.TERMINATED"] == pb.SEVERITY_WARNING
    assert "CLAIM.DUPLICATE_LINE" not in payer  # not one of its families
    stricter = rules(
        pb.RuleProfile(name="payer", severity_overrides={"HCPCS.TERMINATED": pb.SEVERITY_ERROR})
    )
    assert stricter["HCPCS.TERMINATED"] == pb.SEVERITY_ERROR


LATE = pb.Line(code="J0135", date_of_service="2025-10-15")  # terminated 2024-12-31


def test_a_pinned_edition_answers_every_line_and_is_named(two_editions):
    stub = two_editions
    unpinned = validate(stub, LATE)
    assert unpinned.verdict == pb.VERDICT_INVALID and unpinned.edition == "hcpcs-2025-10"
    for pins in ({"hcpcs": "hcpcs-2019"}, {HCPCS_URI: "hcpcs-2019"}):
        pinned = validate(stub, LATE, editions=pins)
        assert pinned.verdict == pb.VERDICT_VALID and pinned.edition == "hcpcs-2019"
        (batched,) = stub.ValidateBatch(
            pb.ValidateBatchRequest(lines=[LATE], editions=pins), timeout=30
        ).results
        assert batched == pinned
    # An old date of service answers from the 2019 edition without a pin.
    assert validate(stub, pb.Line(code="J0135", date_of_service="2019-06-01")).edition == (
        "hcpcs-2019"
    )
    # Pinning the newest edition is the same as no pin.
    assert validate(stub, LATE, editions={"hcpcs": "hcpcs-2025-10"}) == unpinned


def test_pins_reach_streams_claims_and_lookups(two_editions):
    stub = two_editions
    pins = {"hcpcs": "hcpcs-2019"}
    responses = list(
        stub.ValidateStream(
            iter(
                [
                    pb.ValidateStreamRequest(lines=[LATE], editions=pins),
                    pb.ValidateStreamRequest(lines=[LATE]),
                ]
            ),
            timeout=30,
        )
    )
    assert [r.results[0].edition for r in responses] == ["hcpcs-2019", "hcpcs-2025-10"]
    claim = pb.Claim(lines=[pb.ClaimLine(line_number=1, line=LATE)])
    result = stub.ValidateClaim(pb.ValidateClaimRequest(claim=claim, editions=pins)).result
    assert result.verdict == pb.VERDICT_VALID
    assert result.lines[0].result.edition == "hcpcs-2019"
    found = stub.Lookup(pb.LookupRequest(code="J0135", date="2025-10-15", editions=pins))
    assert found.edition == "hcpcs-2019" and not found.inactive
    unpinned = stub.Lookup(pb.LookupRequest(code="J0135", date="2025-10-15"))
    assert unpinned.edition == "hcpcs-2025-10" and unpinned.inactive


@pytest.mark.parametrize(
    ("pins", "expected_reason", "field"),
    [
        ({"hcpcs": "hcpcs-1999"}, "UNKNOWN_EDITION", "editions[hcpcs]"),
        ({"hcpcs": ""}, "UNKNOWN_EDITION", "editions[hcpcs]"),
        ({"icd10cm": "icd-2025"}, "UNKNOWN_SYSTEM", "editions[icd10cm]"),
        ({"cpt": "cpt-2025"}, "UNKNOWN_EDITION", "editions[cpt]"),  # CPT: no data loaded
    ],
)
def test_an_unknown_pin_fails_the_request_naming_the_field(
    two_editions, pins, expected_reason, field
):
    stub = two_editions
    for call, request in (
        (stub.Validate, pb.ValidateRequest(line=LATE, editions=pins)),
        (stub.ValidateBatch, pb.ValidateBatchRequest(lines=[LATE], editions=pins)),
    ):
        error = failure(call, request, timeout=10)
        violations = invalid(error, expected_reason)
        assert list(violations) == [field]
        assert rpc_status_of(error).message
