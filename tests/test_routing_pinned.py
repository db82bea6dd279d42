"""Which code system checks a line, as a caller sees it: a system hint by id or URI, the
message for a hint no system answers to, and lookups with and without a hint.

Real codes come from the embedded CMS October 2025 HCPCS release; made-up hints look made
up (`zz-test`).
"""

from __future__ import annotations

from engine import Line

HCPCS_URI = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
IN_EFFECT = "2025-10-15"


def test_an_unknown_hint_is_echoed_whole_up_to_eighty_characters_then_cut(engine):
    def message(hint: str) -> str:
        (issue,) = engine.validate(Line("J1100", date_of_service=IN_EFFECT, system=hint)).issues
        assert (issue.rule, issue.field) == ("ENGINE.UNKNOWN_SYSTEM", "system")
        return issue.message

    assert message("zz-test") == "no code system 'zz-test' is loaded (loaded: cpt, hcpcs)"
    eighty = "zz-test-" + "z" * 72
    assert message(eighty) == f"no code system {eighty!r} is loaded (loaded: cpt, hcpcs)"
    cut = message(eighty + "z")
    assert cut == f"no code system '{eighty}… (81 characters)' is loaded (loaded: cpt, hcpcs)"


def test_a_hint_names_a_system_by_id_or_uri_in_any_case(engine):
    for hint in ("hcpcs", " HCPCS ", HCPCS_URI, f" {HCPCS_URI.upper()} "):
        result = engine.validate(Line("j1100", date_of_service=IN_EFFECT, system=hint))
        assert (result.system, result.code) == ("hcpcs", "J1100"), hint
        assert result.valid
        found = engine.lookup(" j1100 ", system=hint)
        assert (found.system, found.code) == ("hcpcs", "J1100"), hint


def test_a_lookup_with_a_hint_no_system_answers_to_finds_nothing(engine):
    assert engine.lookup("J1100", system="zz-test") is None
    assert engine.lookup("J1100").system == "hcpcs"
    assert engine.lookup("ZZ001") is None


def test_a_hinted_code_of_another_shape_names_the_system_and_its_format(engine):
    (issue,) = engine.validate(Line("ZZ001", date_of_service=IN_EFFECT, system="hcpcs")).issues
    assert issue.rule == "ENGINE.INVALID_FORMAT"
    assert issue.message == (
        "'ZZ001' is not a HCPCS Level II code: expected a letter from the HCPCS alphabet "
        "(A-E, G, H, J-M, P-V) and four digits"
    )
