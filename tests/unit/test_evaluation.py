"""The vignette scorer: exact level, under- and over-triage, top-2 and top-2 where a cause fits."""

from bot.evaluation.triage import Vignette, report, score_vignettes

CASES = [
    Vignette("a", "one", "emergency", ("blood_clot",)),
    Vignette("b", "two", "urgent", ()),  # outside the contract's causes
    Vignette("c", "three", "self_care", ("muscle_cramps",)),
]
ANSWERS = {  # what an assessor answered for each text
    "one": ("urgent", ["muscle_strain", "blood_clot"]),
    "two": ("urgent", ["arthritis"]),
    "three": ("see_doctor", ["lifestyle", "arthritis"]),
}


def run(text):
    level, causes = ANSWERS[text]
    return {"triage": {"level": level}, "causes": [{"id": c} for c in causes]}


def test_scores():
    s = score_vignettes(CASES, run)
    assert (s.total, s.exact, s.urgent_cases, s.under_triage, s.over_triage) == (3, 1, 2, 1, 1)
    assert s.top2 == 1 and s.cause_cases == 2
    assert round(s.top2_accuracy, 3) == 0.333 and s.top2_where_a_cause_fits == 0.5
    text = report(s, errors=True)
    assert "top-2 where a contract cause fits: 0.500 (1/2)" in text
    assert "c: expected self_care" in text
