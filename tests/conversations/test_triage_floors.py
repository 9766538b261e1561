"""Floors on the vignette suites through `legbot assess`'s path (trained model + triage).
Measured figures are in the README; these sit a little below them."""

import pytest

from bot.evaluation.triage import load_vignettes, score_vignettes
from tests.conftest import ROOT

pytestmark = pytest.mark.model
EVAL = ROOT / "tests" / "eval"

# set: (triage exact accuracy, most under-triaged emergency/urgent cases, top-2 cause accuracy)
FLOORS = {
    # measured 2026-11-29 at the end of session 8 through legbot assess's path (with the
    # concern model, which learns from the development sets, never the held-out ones); "at
    # first" is a set's first measurement, before it was studied (the extractor alone)
    "vignettes.yml": (0.97, 0, 0.97),  # 1.000, 0, 1.000 (studied, then tuned)
    "vignettes_blind.yml": (0.97, 0, 0.97),  # 1.000, 0, 1.000 (studied in session 3)
    "redflags_dev.yml": (0.95, 0, 0.89),  # 0.986, 0, 0.929 (warning-sign probes, studied)
    "vignettes_dev2.yml": (0.94, 0, 0.93),  # 0.975, 0, 0.963 (studied)
    "vignettes_dev3.yml": (0.92, 0, 0.92),  # 0.950, 0, 0.950 (at first 0.825, 5, 0.825)
    "vignettes_dev4.yml": (0.92, 0, 0.93),  # 0.950, 0, 0.963 (at first 0.787, 6, 0.900)
    "vignettes_dev5.yml": (0.93, 0, 0.88),  # 0.963, 0, 0.912 (at first 0.787, 11, 0.912)
    "vignettes_dev6.yml": (0.95, 0, 0.92),  # 0.988, 0, 0.950 (at first 0.887, 4, 0.875)
    "vignettes_dev7.yml": (0.93, 1, 0.92),  # 0.967, 1, 0.950 (at first 0.683, 16, 0.933)
    "vignettes_dev8.yml": (0.97, 0, 0.97),  # 1.000, 0, 1.000 (at first 0.900, 4, 0.980)
    "vignettes_dev9.yml": (0.95, 0, 0.95),  # 0.983, 0, 0.983 (at first 0.900, 3, 0.950)
    "vignettes_dev10.yml": (0.93, 0, 0.90),  # 0.967, 0, 0.933 (at first 0.883, 4, 0.933)
    "vignettes_dev11.yml": (0.90, 0, 0.88),  # 0.933, 0, 0.917 (at first 0.817, 5, 0.883)
    "vignettes_dev12.yml": (0.93, 0, 0.90),  # 0.967, 0, 0.933 (at first 0.917, 0, 0.950)
    "vignettes_dev13.yml": (0.93, 0, 0.83),  # 0.960, 0, 0.860 (at first 0.840, 6, 0.840)
    "vignettes_dev14.yml": (0.89, 0, 0.89),  # 0.925, 0, 0.925 (at first 0.775, 5, 0.925)
    "vignettes_dev15.yml": (0.92, 0, 0.92),  # 0.950, 0, 0.950 (at first 0.900, 2, 0.950)
    "vignettes_dev16.yml": (0.85, 0, 0.80),  # 0.883, 0, 0.833 (at first 0.717, 4, 0.817; the concern model, not trained on it, rescued all 4)
    "vignettes_dev17.yml": (0.85, 0, 0.82),  # 0.883, 0, 0.850 (at first 0.717, 6, 0.850; 0.750, 2 with the concern model)
    "vignettes_dev18.yml": (0.90, 0, 0.65),  # 0.933, 0, 0.683 (at first 0.717, 13, 0.667; 0.750, 10 with the concern model)
    "vignettes_dev19.yml": (0.92, 0, 0.93),  # 0.950, 0, 0.967 (at first 0.800, 5, 0.900; short messages, not read by the concern model)
    "vignettes_dev20.yml": (0.95, 0, 0.73),  # 0.983, 0, 0.767 (at first 0.883, 6, 0.767; 0.933, 3 with the concern model)
    "vignettes_dev21.yml": (0.93, 0, 0.92),  # 0.967, 0, 0.950 (at first 0.950, 1, 0.950; 0.967, 0 with the concern model)
    "vignettes_dev22.yml": (0.82, 0, 0.80),  # 0.850, 0, 0.833 (at first 0.800, 3, 0.817; 0.833, 1 with the concern model)
    "vignettes_dev23.yml": (0.95, 0, 0.70),  # 0.983, 0, 0.733 (at first 0.833, 8, 0.717; 0.867, 6 with the concern model)
    "vignettes_dev24.yml": (0.88, 0, 0.88),  # 0.917, 0, 0.917 (at first 0.933, 0, 0.917; 0.917, 0 with the concern model)
    "vignettes_dev25.yml": (0.95, 0, 0.83),  # 0.983, 0, 0.867 (at first 0.867, 7, 0.850; 0.917, 4 with the concern model)
    "vignettes_dev26.yml": (0.95, 0, 0.75),  # 0.983, 0, 0.783 (at first 0.867, 2, 0.783; 0 with the concern model)
    "vignettes_dev27.yml": (0.90, 0, 0.72),  # 0.933, 0, 0.750 (at first 0.850, 2, 0.750; 1 with the concern model)
    "vignettes_dev28.yml": (0.92, 0, 0.65),  # 0.950, 0, 0.683 (at first 0.750, 13, 0.683; 7 with the concern model)
    "vignettes_dev29.yml": (0.87, 0, 0.82),  # 0.900, 0, 0.850 (at first 0.817, 1, 0.833; 0 with the concern model)
    "vignettes_dev30.yml": (0.85, 0, 0.80),  # 0.883, 0, 0.833 (at first 0.867, 0, 0.833)
    "vignettes_dev31.yml": (0.88, 0, 0.65),  # 0.917, 0, 0.683 (at first 0.817, 6, 0.683; 3 with the concern model)
    "vignettes_dev32.yml": (0.77, 0, 0.68),  # 0.800, 0, 0.717 (at first 0.700, 5, 0.717; 4 with the concern model)
    "vignettes_dev33.yml": (0.90, 0, 0.80),  # 0.933, 0, 0.833 (at first 0.900, 2, 0.833; 0 with the concern model)
    "vignettes_dev34.yml": (0.85, 0, 0.80),  # 0.883, 0, 0.833 (at first 0.850, 0, 0.833)
    # blind: figures only, never their cases
    "vignettes_holdout.yml": (0.90, 0, 0.93),  # 0.940, 0, 0.960
    "vignettes_holdout2.yml": (0.88, 0, 0.88),  # 0.917, 0, 0.917
    "vignettes_holdout3.yml": (0.85, 1, 0.95),  # 0.883, 1, 0.983
    "vignettes_holdout4.yml": (0.90, 1, 0.90),  # 0.933, 1, 0.933
    "vignettes_holdout5.yml": (0.92, 0, 0.95),  # 0.950, 0, 0.983
    "vignettes_holdout6.yml": (0.93, 1, 0.95),  # 0.960, 1, 0.980
    "vignettes_holdout7.yml": (0.88, 2, 0.90),  # 0.917, 2, 0.933 (0.883, 3 at first)
    "vignettes_holdout8.yml": (0.88, 2, 0.82),  # 0.917, 2, 0.850 (0.850, 5, 0.867 at first)
    "vignettes_holdout9.yml": (0.83, 1, 0.87),  # 0.867, 1, 0.900
    "vignettes_holdout10.yml": (0.87, 2, 0.87),  # 0.900, 2, 0.900 (0.817, 6 at first)
    "vignettes_holdout11.yml": (0.87, 0, 0.87),  # 0.900, 0, 0.900 (measured once, at the end of session 7)
    "vignettes_holdout12.yml": (0.92, 0, 0.82),  # 0.950, 0, 0.850 (measured once, at the end of session 7)
    "vignettes_holdout13.yml": (0.93, 0, 0.87),  # 0.969, 0, 0.906 (0.938, 0, 0.906 at the start of session 8)
    "vignettes_holdout14.yml": (0.81, 0, 0.84),  # 0.844, 0, 0.875 (0.844, 0, 0.875 at the start of session 8)
    "vignettes_holdout15.yml": (0.92, 0, 0.77),  # 0.950, 0, 0.800 (measured once, at the end of session 8)
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_vignette_floors(nlu_model, name):
    from bot.triage.assess import assess_text

    scores = score_vignettes(load_vignettes(EVAL / name), lambda text: assess_text(text, nlu_model))
    accuracy, under, top2 = FLOORS[name]
    assert scores.triage_accuracy >= accuracy
    assert scores.under_triage <= under
    assert scores.top2_accuracy >= top2
