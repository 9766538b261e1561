"""Floors on the independent evaluation sets (measured figures are in the README; these sit
a little below them so that a regression fails). Runs the trained Rasa model."""

from pathlib import Path

import pytest

from bot.evaluation.nlu import load_examples, score
from tests.conftest import ROOT

pytestmark = pytest.mark.model
EVAL = ROOT / "tests" / "eval"

FLOORS = {
    # set: (finding F1, negated mentions correct, intent macro-F1)
    # measured 2026-11-22: 0.984, 0.955, 0.969 (vocabulary extended after its first run);
    # 2026-11-25: 0.984, 0.955, 0.951; 2026-11-29: 0.986, 0.955, 0.951
    "nlu_eval.yml": (0.97, 0.93, 0.94),
    # measured 2026-11-25: 0.966, 0.941, 0.983 (negation-heavy, studied; was 0.930, 0.853)
    "nlu_negation_dev.yml": (0.95, 0.92, 0.90),
    # measured 2026-11-25: 0.943, 0.902 at first; 0.988, 0.982, 0.980 after studying it
    "nlu_negation_dev2.yml": (0.97, 0.96, 0.95),
    # measured 2026-11-22: 0.977, 0.938, 0.999; 2026-11-29: 0.978, 0.979, 1.000 (blind: never
    # used for tuning)
    "nlu_blind.yml": (0.96, 0.95, 0.95),
}


@pytest.fixture(scope="module")
def scores(nlu_model):
    def predict(text):
        out = nlu_model.parse(text)
        return out["intent"]["name"], {(f["type"], f["value"], f["present"]) for f in out["findings"]}

    return {name: score(load_examples(EVAL / name), predict) for name in FLOORS if (EVAL / name).exists()}


@pytest.mark.parametrize("name", list(FLOORS))
def test_evaluation_floors(scores, name):
    if name not in scores:
        pytest.skip(f"{name} not present")
    s = scores[name]
    f1_floor, negated_floor, intent_floor = FLOORS[name]
    assert s.overall()[2] >= f1_floor
    assert s.negated_accuracy() >= negated_floor
    assert s.intent_macro_f1() >= intent_floor


def test_evaluation_sets_are_not_in_the_training_data():
    import yaml

    trained = set()
    for path in Path(ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            trained |= {line[2:].strip().lower() for line in block["examples"].splitlines() if line.strip()}
    for name in FLOORS:
        if (EVAL / name).exists():
            # Stock replies ("yes", "thanks", "good morning") are bound to recur; anything
            # longer than three words must be new.
            held_out = {ex.text.strip().lower() for ex in load_examples(EVAL / name)
                        if len(ex.text.split()) > 3}
            assert not held_out & trained, f"{name} overlaps the training data"
