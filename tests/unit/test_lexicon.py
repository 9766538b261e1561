import pytest

from bot.contract import CAUSE_IDS, FINDING_VALUES
from bot.lexicon import LexiconError, parse_lexicon


def test_every_contract_value_has_terms(lexicon):
    ids = {e.concept_id for e in lexicon.entries}
    for ftype, values in FINDING_VALUES.items():
        for value in values:
            assert f"{ftype}:{value}" in ids
    for cause in CAUSE_IDS:
        assert f"condition:{cause}" in ids


def test_terms_are_lower_case_and_unique(lexicon):
    for entry in lexicon.entries:
        assert all(t == t.lower() for t in entry.terms)
        assert len(set(entry.terms)) == len(entry.terms)


@pytest.mark.parametrize("broken, message", [
    ({"findings": {"symptom": {"itchy_knees": ["itch"]}}}, "not a contract value"),
    ({"findings": {"mood": {"sad": ["sad"]}}}, "unknown finding type"),
    ({"findings": {}}, "missing from the lexicon"),
])
def test_lexicon_outside_the_contract_is_refused(broken, message):
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(broken)


def test_section_kinds(lexicon):
    assert lexicon.section_kind("Seek Medical Care") == "seek_care"
    assert lexicon.section_kind("About this Author") == "about_author"
    assert lexicon.section_kind("Overview") is None


def test_a_required_sign_must_exist():
    import yaml

    from tests.conftest import ROOT

    data = yaml.safe_load((ROOT / "data" / "lexicon.yml").read_text())
    data["conditions"]["medication_side_effect"]["required"] = ["history:no_such_thing"]
    with pytest.raises(LexiconError, match="no_such_thing"):
        parse_lexicon(data)
