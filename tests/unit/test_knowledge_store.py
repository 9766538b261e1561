"""The store built from the real documents holds the facts they state, with the passages
that state them; on SQLite and on PostgreSQL."""

import pytest


def _link(store, subject, predicate, obj):
    links = store.relations(subject=subject, predicate=predicate, obj=obj)
    assert links, f"missing: {subject} {predicate} {obj}"
    return links[0]


def _quoted(link, *words):
    """The relation is tied to a passage that contains all the words."""
    assert link.sources, "a relation without a source passage"
    assert any(all(w.lower() in c.quote.lower() for w in words) for c in link.sources), \
        [c.quote for c in link.sources]


@pytest.mark.parametrize("subject, predicate, obj, words", [
    ("condition:restless_legs_syndrome", "has_symptom", "symptom:crawling", ["crawling"]),
    ("condition:restless_legs_syndrome", "has_symptom", "symptom:urge_to_move", ["urge to move"]),
    ("condition:restless_legs_syndrome", "occurs_at", "timing:evening", ["evening"]),
    ("condition:restless_legs_syndrome", "risk_factor", "risk_factor:iron_deficiency", ["iron deficiency"]),
    ("condition:restless_legs_syndrome", "treated_by", "remedy:iron_supplementation", ["iron supplementation"]),
    ("condition:venous_insufficiency", "relieved_by", "remedy:compression_stockings", ["compression stockings"]),
    ("condition:venous_insufficiency", "relieved_by", "remedy:elevation", ["elevating"]),
    ("condition:venous_insufficiency", "has_symptom", "symptom:heaviness", ["heaviness"]),
    ("condition:muscle_cramps", "prevented_by", "remedy:hydration", ["water"]),
    ("condition:muscle_cramps", "prevented_by", "remedy:stretching", ["stretch"]),
    ("condition:muscle_cramps", "relieved_by", "remedy:heat", ["heating pad"]),
    ("condition:muscle_cramps", "triggered_by", "trigger:dehydration", ["dehydration"]),
    ("condition:muscle_cramps", "risk_factor", "medication:statin", ["statins"]),
    ("condition:muscle_cramps", "risk_factor", "medication:diuretic", ["diuretics"]),
    ("condition:medication_side_effect", "risk_factor", "medication:statin", ["side effect"]),
    ("condition:medication_side_effect", "has_symptom", "symptom:cramping", ["side effect"]),
    ("condition:peripheral_neuropathy", "risk_factor", "risk_factor:diabetes", ["diabetes"]),
    ("condition:peripheral_neuropathy", "has_symptom", "symptom:burning", ["burning"]),
    ("condition:lifestyle", "triggered_by", "trigger:prolonged_sitting", ["prolonged sitting"]),
    ("condition:arthritis", "has_symptom", "symptom:aching", ["arthritis"]),
    ("condition:blood_clot", "has_symptom", "symptom:swelling", ["swelling"]),
    ("condition:blood_clot", "triggered_by", "trigger:long_travel", ["long journey"]),
    ("condition:poor_circulation", "occurs_at", "timing:during_exercise", ["walking"]),
])
def test_fact_with_its_passage(built_store, subject, predicate, obj, words):
    _quoted(_link(built_store, subject, predicate, obj), *words)


def test_facts_the_documents_do_not_state_are_absent(built_store):
    assert not built_store.relations("condition:restless_legs_syndrome", "has_symptom", "symptom:swelling")
    assert not built_store.relations("condition:peripheral_neuropathy", "treated_by", "remedy:iron_supplementation")
    assert not built_store.relations("condition:arthritis", "affects", "body_part:calf")


def test_conditions_for_findings(built_store):
    found = built_store.conditions_for_findings(["symptom:crawling", "symptom:urge_to_move"])
    assert set(found) == {"condition:restless_legs_syndrome"}
    assert all(link.sources for link in found["condition:restless_legs_syndrome"])


def test_remedies_carry_citations(built_store):
    remedies = built_store.remedies_for("condition:muscle_cramps", "prevented_by")
    assert {r.object for r in remedies} >= {"remedy:hydration", "remedy:stretching", "remedy:loose_bedcovers"}
    citation = remedies[0].sources[0]
    assert citation.document == "Leg Aches & Cramps" and citation.author == "Cheryl Jones"


def _criteria(store):
    """(level, required findings without the body parts that scope them, qualifiers)."""
    return {(c.level, tuple(r for r in c.requires if not r.startswith("body_part:")), c.qualifiers)
            for c in store.escalation_criteria()}


@pytest.mark.parametrize("level, requires, qualifiers", [
    ("emergency", ("symptom:chest_pain",), ()),
    ("emergency", ("symptom:shortness_of_breath",), ()),
    ("emergency", ("alarm:coughing_blood",), ()),
    ("urgent", ("alarm:cannot_bear_weight",), ()),
    ("urgent", ("symptom:redness", "symptom:swelling"), ()),
    ("urgent", ("symptom:swelling",), ("qualifier:new", "qualifier:one_sided")),
    ("urgent", ("symptom:redness", "symptom:warmth"), ()),
    ("urgent", ("duration:long_episode", "symptom:cramping"), ()),
    ("urgent", ("trigger:toxin_exposure",), ()),
    ("urgent", ("duration:persistent", "severity:severe", "symptom:cramping"), ()),
    ("see_doctor", ("symptom:weakness",), ()),
    ("see_doctor", ("symptom:skin_changes",), ()),
    ("see_doctor", ("relief:rest", "timing:during_exercise"), ()),
    ("see_doctor", ("risk_factor:diabetes", "symptom:burning"), ()),
])
def test_escalation_criteria(built_store, level, requires, qualifiers):
    assert (level, requires, qualifiers) in _criteria(built_store)


def test_toxin_criterion_cites_both_sources(built_store):
    toxin = [c for c in built_store.escalation_criteria()
             if [r for r in c.requires if not r.startswith("body_part:")] == ["trigger:toxin_exposure"]]
    assert {c.level for c in toxin} == {"urgent"}
    assert {s.document for c in toxin for s in c.sources} == {
        "Leg Aches & Cramps", "Legbot Safety Guidance: Leg Symptoms That Need Care Soon"}


BACKGROUND = ("risk_factor:", "medication:", "body_part:", "side:", "history:injury", "history:recent",
              "history:overexertion")


def test_no_same_day_advice_rests_on_background_alone(store):
    """A risk, a medicine or a place, with nothing said of the leg, is never by itself a reason
    for emergency or same-day care: "if you are pregnant or have just had a baby and ..." once
    split at "or" into advice for pregnancy alone, and "if after a fall or a blow it hurts to
    walk" into advice for any fall. ("One calf hurts after an operation" says something of the
    leg: one side.)"""
    for criterion in store.escalation_criteria():
        if criterion.level in ("emergency", "urgent") and not criterion.qualifiers:
            assert not all(r.startswith(BACKGROUND) for r in criterion.requires), criterion.id


def test_a_sign_that_sets_advice_aside_is_never_what_advice_needs(store, lexicon):
    """Words of a settling sign in a guidance sentence ("a single cramp lasts longer than ten
    minutes") would make the advice need the very sign that sets advice aside."""
    settling = set(lexicon.settles) | {rule.sign for rule in lexicon.set_aside}
    for criterion in store.escalation_criteria():
        assert not settling & set(criterion.requires), criterion.id
