"""Floors on the vignette suites through `legbot assess`'s path (trained model + triage).
Measured figures are in the README; these sit a little below them."""

import pytest

from bot.evaluation.triage import load_vignettes, score_vignettes
from tests.conftest import ROOT

pytestmark = pytest.mark.model
EVAL = ROOT / "tests" / "eval"

# set: (triage exact accuracy, most under-triaged emergency/urgent cases, top-2 cause accuracy)
FLOORS = {
    "vignettes.yml": (0.97, 0, 0.97),  # measured 1.000, 0, 1.000 (studied, then tuned)
    "vignettes_blind.yml": (0.95, 0, 0.97),  # measured 0.978, 0, 1.000 (studied in session 3)
    "redflags_dev.yml": (0.95, 0, 0.90),  # measured 0.986, 0, 0.929 (warning-sign probes, studied)
    "vignettes_dev2.yml": (0.90, 0, 0.92),  # measured 0.925, 0, 0.950 (studied)
    "vignettes_holdout.yml": (0.85, 2, 0.88),  # measured 0.880, 2, 0.900 (blind: figures only)
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_vignette_floors(nlu_model, name):
    from bot.triage.assess import assess_text

    scores = score_vignettes(load_vignettes(EVAL / name), lambda text: assess_text(text, nlu_model))
    accuracy, under, top2 = FLOORS[name]
    assert scores.triage_accuracy >= accuracy
    assert scores.under_triage <= under
    assert scores.top2_accuracy >= top2
