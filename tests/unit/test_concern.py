"""The concern model: what it learns from, what it reads, and how its sign reaches the triage."""

import pytest

from bot.settings import get_settings
from bot.triage.assess import Assessor
from bot.triage.facts import Facts
from bot.understanding.concern import (
    CONCERN_SIGNS,
    MIN_WORDS,
    ConcernModel,
    development_sets,
    get_concern_model,
    questions_and_small_talk,
)
from bot.understanding.extractor import extract, get_extractor


@pytest.fixture(scope="module")
def assessor(store):
    return Assessor(store)


@pytest.fixture(scope="module")
def model():
    found = get_concern_model()
    assert found is not None, f"no concern model at {get_settings().concern_model_path}: run make kb"
    return found


def test_it_learns_from_development_sets_only(tmp_path, model):
    for name in ("vignettes.yml", "vignettes_dev3.yml", "vignettes_holdout.yml", "vignettes_Holdout7.yml"):
        (tmp_path / name).write_text("[]\n")
    assert [p.name for p in development_sets(tmp_path)] == ["vignettes.yml", "vignettes_dev3.yml"]
    assert model.trained_on and not any("holdout" in name for name in model.trained_on)


def test_questions_and_small_talk_are_learnt_as_needing_no_care(tmp_path):
    (tmp_path / "intents.yml").write_text(
        'version: "3.1"\nnlu:\n'
        "- intent: ask_relief_now\n  examples: |\n    - how do I stop a [cramp](symptom) now?\n"
        "- intent: describe_symptoms\n  examples: |\n    - my [calf](body_part) aches\n")
    assert questions_and_small_talk(tmp_path) == [("how do I stop a cramp now?", "self_care")]


def test_the_most_urgent_sign_over_the_threshold_is_given():
    texts = ["chest tight cannot breathe leg swollen"] * 4 + ["red hot calf swollen today"] * 4 + \
        ["calves ache after a long walk"] * 8
    levels = ["emergency"] * 4 + ["urgent"] * 4 + ["self_care"] * 8
    trained = ConcernModel.train(texts, levels, ["made up"], threshold=0.6)
    assert trained.signs("chest tight cannot breathe leg swollen") == ["resembles_emergency"]
    assert trained.signs("red hot calf swollen today") == ["resembles_urgent"]
    assert trained.signs("calves ache after a long walk") == []
    with pytest.raises(ValueError):
        ConcernModel.train(["a", "b"], ["self_care", "see_doctor"], [])


@pytest.mark.parametrize("text", [
    "", "my left calf is swollen and hot since the flight", "cramp cramp cramp cramp",
    "chest feels tight and i can't get my breath, calf swollen", "ça fait mal 😫 <b>calf</b>",
])
def test_its_own_arithmetic_gives_scikit_learns_scores(model, text):
    """The scores are computed from the fitted weights directly, for speed; they must be the
    ones scikit-learn's transform and predict_proba give."""
    fast, reference = model.scores(text), model.sklearn_scores(text)
    assert fast.keys() == reference.keys()
    assert all(abs(fast[k] - reference[k]) < 1e-9 for k in fast), (fast, reference)


def test_denied_words_are_blanked_before_it_reads():
    text = get_extractor().concern_text("no chest pain and I'm not short of breath, my calves ache after work")
    assert text is not None and "chest" not in text and "breath" not in text and "calves ache" in text


@pytest.mark.parametrize("text", [
    "what are the signs of a blood clot in the leg and when should I worry?",  # no symptom told
    "hello there, I would like to ask you something about my legs please",
])
def test_a_message_without_a_symptom_or_warning_sign_is_not_read(text):
    assert get_extractor().concern_text(text) is None
    assert not {a.key for a in extract(text).alarms} & CONCERN_SIGNS


@pytest.mark.parametrize("text", ["right leg", "left leg only", "the left calf, swollen"])
def test_short_answers_are_not_read(text):
    assert len(text.split()) < MIN_WORDS
    assert not {a.key for a in extract(text).alarms} & CONCERN_SIGNS


@pytest.mark.parametrize("text", [
    "no chest pain, no breathlessness, not swollen, not red or hot, my calves just ache after standing all day",
    "no fever, no redness, no swelling, no numbness, just tired heavy legs at the end of a long shift",
    "I get a cramp in my calf now and then at night, it goes when I stretch, otherwise I feel fine",
])
def test_benign_messages_with_denied_warning_signs_are_not_raised(assessor, text):
    e = extract(text)
    facts = Facts.from_findings(e.findings, [a.key for a in e.alarms])
    assert not {a.key for a in e.alarms} & CONCERN_SIGNS
    assert assessor.triage(facts).level in ("see_doctor", "self_care")


def test_its_sign_alone_gives_same_day_care_with_the_guidance_passage(assessor):
    triage = assessor.triage(Facts(frozenset({"symptom:aching"}), frozenset(),
                                   frozenset({"alarm:resembles_urgent"})))
    assert triage.level == "urgent"
    reason = triage.reasons[0]
    assert "alarm:resembles_urgent" in reason.findings
    assert any("reads much like the example cases" in c.quote for c in reason.sources)


def test_its_emergency_sign_calls_for_emergency_services(assessor):
    triage = assessor.triage(Facts(frozenset({"symptom:aching"}), frozenset(),
                                   frozenset({"alarm:resembles_emergency"})))
    assert triage.level == "emergency"


def test_a_named_warning_sign_is_the_reason_shown_not_the_resemblance(assessor):
    facts = Facts(frozenset({"symptom:swelling", "body_part:calf", "side:left"}), frozenset(),
                  frozenset({"alarm:resembles_urgent"}))
    triage = assessor.triage(facts)
    assert triage.level == "urgent"
    assert not any(set(r.findings) & CONCERN_SIGNS for r in triage.reasons)


def test_its_same_day_sign_does_not_hold_for_a_problem_that_keeps_coming_back(assessor):
    facts = Facts(frozenset({"symptom:aching", "body_part:toes", "symptom:redness"}), frozenset(),
                  frozenset({"alarm:resembles_urgent", "history:recurring"}))
    assert assessor.triage(facts).level != "urgent"
