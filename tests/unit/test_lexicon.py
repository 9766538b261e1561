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


def test_a_key_given_twice_is_refused(tmp_path):
    from bot.lexicon import load_lexicon
    from tests.conftest import ROOT

    text = (ROOT / "data" / "lexicon.yml").read_text()
    path = tmp_path / "lexicon.yml"
    path.write_text(text.replace("  fainting:\n", "  fainting:\n    name: Fainting\n", 1))  # a second name
    with pytest.raises(LexiconError, match="twice"):
        load_lexicon(path)
    path.write_text(text)
    assert load_lexicon(path).by_id("alarm:fainting")


def test_explained_and_generic_ids_must_exist():
    import yaml

    from tests.conftest import ROOT

    data = yaml.safe_load((ROOT / "data" / "lexicon.yml").read_text())
    data["history"]["cold_colour_change"]["explains"] = ["alarm:no_such_sign"]
    with pytest.raises(LexiconError, match="no_such_sign"):
        parse_lexicon(data)
    data = yaml.safe_load((ROOT / "data" / "lexicon.yml").read_text())
    data["complication_findings"] = ["symptom:itchy_knees"]
    with pytest.raises(LexiconError, match="itchy_knees"):
        parse_lexicon(data)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["history"]["cold_colour_change"].update(together_within="paragraph"), "together_within"),
    (lambda d: d["conditions"]["arthritis"].update(explains=["alarm:fever"]), "only a sign"),
    (lambda d: d["alarms"]["fever"].update(from_duration=True), "only history"),
    (lambda d: d["set_aside"][0].update(sign="history:no_such_sign"), "not a sign"),
    (lambda d: d["set_aside"][0].update(sign="symptom:swelling"), "not a sign"),
    (lambda d: d["set_aside"][0].update(advice_needing=["symptom:itchy_knees"]), "advice_needing"),
    (lambda d: d["set_aside"][0].update(advice_needing=[]), "advice_needing"),
    (lambda d: d["set_aside"][0].update(unless=["risk_factor:no_such_risk"]), "unless"),
    (lambda d: d["set_aside"][0].update(levels=["soon"]), "levels"),
    (lambda d: d["set_aside"][0].update(levels=[]), "at least one level"),
    (lambda d: d["set_aside"][0].update(at=["elbow"]), "body parts"),
    (lambda d: d["set_aside"].append("injury"), "a mapping"),
])
def test_sign_options_are_checked(change, message):
    import yaml

    from tests.conftest import ROOT

    data = yaml.safe_load((ROOT / "data" / "lexicon.yml").read_text())
    change(data)
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(data)


def test_an_unhashable_key_is_a_lexicon_error(tmp_path):
    from bot.lexicon import load_lexicon

    path = tmp_path / "lexicon.yml"
    path.write_text("? [a, b]\n: 1\n")
    with pytest.raises(LexiconError, match="unhashable"):
        load_lexicon(path)
