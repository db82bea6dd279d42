"""Several CMS releases at once: a user's folder beside the embedded release, or instead of it."""

from __future__ import annotations

from datetime import date

import pytest

from engine import Config, DataFileError, Edition, Engine, Line
from engine.host.loader import PluginLoadError
from tests.conftest import DATA

CMS_2019 = DATA / "cms2019"


@pytest.fixture(scope="module")
def both() -> Engine:
    return Engine.from_config(Config({"hcpcs": {"releases": [str(CMS_2019)]}}))


@pytest.fixture(scope="module")
def only_2019() -> Engine:
    return Engine.from_config(Config({"hcpcs": {"releases": str(CMS_2019), "embedded": "false"}}))


def hcpcs(engine: Engine):
    return next(system for system in engine.systems if system.id == "hcpcs")


def test_every_release_is_an_edition_oldest_first(both):
    assert list(hcpcs(both).editions) == [
        Edition("hcpcs-2019", "CMS HCPCS Level II, 2019 annual release", date(2019, 1, 1)),
        Edition(
            "hcpcs-2025-10",
            "CMS HCPCS Level II, October 2025 quarterly release",
            date(2025, 10, 1),
        ),
    ]


def test_edition_ids_come_from_the_data_not_the_file(tmp_path):
    # The 2019 release under another name, twice: one id per release, unique in load order.
    for name in ("A_ANWEB.txt", "B_ANWEB.txt"):
        (tmp_path / name).write_bytes((CMS_2019 / "HCPC2019_CONTR_ANWEB.txt").read_bytes())
    engine = Engine.from_config(Config({"hcpcs": {"releases": str(tmp_path), "embedded": "false"}}))
    assert [(e.id, e.title) for e in hcpcs(engine).editions] == [
        ("hcpcs-2019", "CMS HCPCS Level II, 2019 annual release"),
        ("hcpcs-2019-2", "CMS HCPCS Level II, 2019 annual release (file 2)"),
    ]
    assert not any(str(tmp_path) in repr(edition) for edition in hcpcs(engine).editions)


def test_a_pinned_edition_loads_the_releases_up_to_it(both):
    pinned = Engine.from_config(
        Config({"hcpcs": {"releases": [str(CMS_2019)], "edition": "hcpcs-2019"}})
    )
    assert [e.id for e in hcpcs(pinned).editions] == ["hcpcs-2019"]
    late = Line("J0135", date_of_service="2025-01-15")  # terminated after 2019
    assert pinned.validate(late).valid and not both.validate(late).valid
    unknown = Config({"hcpcs": {"releases": [str(CMS_2019)], "edition": "hcpcs-2031"}})
    with pytest.raises(PluginLoadError, match="no loaded HCPCS release is edition 'hcpcs-2031'"):
        Engine.from_config(unknown)


def test_newest_release_supplies_attributes(both, only_2019):
    # J0135 had no termination date in 2019; CMS terminated it on 2024-12-31.
    late = Line("J0135", date_of_service="2025-01-15")
    assert only_2019.validate(late).valid
    assert not both.validate(late).valid
    # A description CMS reworded after 2019 comes from the 2025 release.
    assert both.lookup("A4344").display == Engine.from_config(Config()).lookup("A4344").display
    assert both.lookup("A4344").display != only_2019.lookup("A4344").display


def test_codes_added_after_the_loaded_release_are_unknown(only_2019):
    result = only_2019.validate(Line("L6034", date_of_service="2025-10-01"))
    assert [issue.rule for issue in result.issues] == ["HCPCS.UNKNOWN_CODE"]


def test_a_folder_without_cms_files_fails_naming_it(tmp_path):
    (tmp_path / "notes.txt").write_text("not a CMS file\n")
    with pytest.raises(DataFileError) as raised:
        Engine.from_config(Config({"hcpcs": {"releases": str(tmp_path)}}))
    assert raised.value.path == tmp_path
