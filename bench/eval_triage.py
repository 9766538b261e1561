"""Print triage and cause figures on the vignette suite (tests/eval/vignettes.yml).

    python bench/eval_triage.py [--errors] [--extractor-only]

vignettes.yml was written apart from the code, then its errors were studied once and the
engine's general rules improved; vignettes_blind.yml was written afterwards, and its errors were
studied in the third session. redflags_dev.yml (70 warning-sign probes in lay words, written
by a separate author in the third session) and vignettes_dev2.yml (80 cases of every level
and cause, likewise) are studied freely. vignettes_holdout.yml was
written blind by a separate author in the third session: `--errors` never lists its cases,
only its figures are printed. In the fourth session vignettes_dev3.yml (80 cases, half of them
traps in both directions: benign look-alikes and danger in lay words) was written by a separate
author to be studied, and vignettes_holdout2.yml (60 cases) blind, to be measured once at the
end, since the first holdout's totals had been looked at often. In the fifth session
vignettes_dev4.yml (80 cases, warning signs in lay words and look-alikes) was written by a
separate author to be studied, and vignettes_holdout3.yml (60 cases) blind, its cases never
shown to the developer; after a first study of dev4, vignettes_dev5.yml (80 cases, warning
signs said in unusual ways) was written to study and vignettes_holdout4.yml (60) blind, to be
measured once at the end; vignettes_dev6.yml (80 cases: other voices, very short and very
long messages, questions) followed, to be studied, then vignettes_dev7.yml (60: warning signs
described by what people notice, studied) and vignettes_holdout5.yml (60, blind, measured once
at the end), and last vignettes_dev8.yml (50: medicines and risks by their everyday names,
studied) with vignettes_holdout6.yml (50, blind). In the sixth session vignettes_dev9.yml (60:
how people type at 2 a.m., with typos, carers' voices, learner's English and the warning sign
buried mid-message, studied) came with vignettes_holdout7.yml (60, blind), then
vignettes_dev10.yml (60: life stages and settings, time courses said many ways, studied) with
vignettes_holdout8.yml (60, blind), vignettes_dev11.yml (60: long-standing problems with
something new, feet and toes, nights told in detail, studied) with vignettes_holdout9.yml (60,
blind), and vignettes_dev12.yml (60: hedges, questions, past and present, negations beside
warning signs, dictation slips, studied) with vignettes_holdout10.yml (60, blind), and last
vignettes_dev13.yml (50, mostly emergency and urgent across life stages and settings, studied),
vignettes_dev14.yml (40: long-standing problems with a new warning sign) and vignettes_dev15.yml
(40: ways of saying a warning sign), both studied.
In the seventh session the development sets (never the held-out ones) became the training data
of the concern model (bot/understanding/concern.py), so their figures now include cases it
learnt from. vignettes_dev16.yml (60: look-alikes that a word list over-triages beside danger
said quietly, studied) was written with vignettes_holdout11.yml (60, blind, a broad mix) and
vignettes_holdout12.yml (60, blind, many voices describing what worries them), both measured
once at the end; then, studied in turn: vignettes_dev17.yml (60: anxious people, benign
problems told in alarm and danger told calmly), vignettes_dev18.yml (60: warning signs in
everyday, regional and figurative words), vignettes_dev19.yml (60: very short phone messages),
vignettes_dev20.yml (60: what carers and friends see), vignettes_dev21.yml (60: a realistic
mix), vignettes_dev22.yml (60: long-standing problems, feet and toes, nights) and
vignettes_dev23.yml (60: each warning sign said several ways), vignettes_dev24.yml (60:
life stages, settings and time said many ways) and vignettes_dev25.yml (60: simple, hurried or
translated English).
In the eighth session vignettes_dev26.yml (60: older people and their carers, many medicines,
long messages) and vignettes_dev27.yml (60: young people, pregnancy, parents, second-language
English, text-speak) were written to be studied, with vignettes_holdout13.yml (32, blind, a
broad mix) and vignettes_holdout14.yml (32, blind, callers to an advice line), measured at the
start and once at the end; then vignettes_dev28.yml (60: danger said quietly, studied),
vignettes_dev29.yml (60: look-alikes beside real cases, studied) and vignettes_holdout15.yml (40,
blind, measured once at the end); last vignettes_dev30.yml (60: the realistic night-time mix,
mostly not emergencies) and vignettes_dev31.yml (60: emergencies in settings and groups easy to
overlook), both studied, then vignettes_dev32.yml (60: pairs where one detail moves the level)
and vignettes_dev33.yml (60: English as written around the world), both studied, and
vignettes_dev34.yml (60: a broad mix in varied words, studied).
`--set NAME` runs some sets only.

Triage exact accuracy, under-triage on emergency/urgent cases (the bot's level less urgent
than the expected one), and top-2 cause accuracy (an accepted cause among the first two).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from bot.evaluation.triage import load_vignettes, report, score_vignettes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--extractor-only", action="store_true",
                        help="read findings with the extractor alone, without the Rasa model")
    parser.add_argument("--set", action="append", default=[],
                        help="a set's file name (repeatable); by default every set")
    args = parser.parse_args()
    folder = ROOT / "tests" / "eval"
    names = args.set or ("vignettes.yml", "vignettes_blind.yml", "redflags_dev.yml",
                         "vignettes_dev2.yml", "vignettes_dev3.yml", "vignettes_dev4.yml",
                         "vignettes_dev5.yml", "vignettes_dev6.yml", "vignettes_dev7.yml",
                         "vignettes_dev8.yml", "vignettes_dev9.yml", "vignettes_dev10.yml",
                         "vignettes_dev11.yml", "vignettes_dev12.yml", "vignettes_dev13.yml",
                         "vignettes_dev14.yml", "vignettes_dev15.yml", "vignettes_dev16.yml",
                         "vignettes_dev17.yml", "vignettes_dev18.yml", "vignettes_dev19.yml",
                         "vignettes_dev20.yml", "vignettes_dev21.yml", "vignettes_dev22.yml",
                         "vignettes_dev23.yml", "vignettes_dev24.yml", "vignettes_dev25.yml",
                         "vignettes_dev26.yml", "vignettes_dev27.yml", "vignettes_dev28.yml",
                         "vignettes_dev29.yml", "vignettes_dev30.yml", "vignettes_dev31.yml",
                         "vignettes_dev32.yml", "vignettes_dev33.yml", "vignettes_dev34.yml",
                         "vignettes_holdout.yml", "vignettes_holdout2.yml",
                         "vignettes_holdout3.yml", "vignettes_holdout4.yml", "vignettes_holdout5.yml",
                         "vignettes_holdout6.yml", "vignettes_holdout7.yml", "vignettes_holdout8.yml",
                         "vignettes_holdout9.yml", "vignettes_holdout10.yml",
                         "vignettes_holdout11.yml", "vignettes_holdout12.yml",
                         "vignettes_holdout13.yml", "vignettes_holdout14.yml",
                         "vignettes_holdout15.yml")
    sets = [folder / name for name in names if (folder / name).exists()]
    if args.extractor_only:
        from bot.evaluation.triage import extractor_assess as run
    else:
        from bot.triage.assess import assess_text
        from bot.understanding.model import NluModel

        model = NluModel.load(ROOT / "models" / "legbot.tar.gz")

        def run(text):
            return assess_text(text, model)

    for path in sets:
        print(f"\n=== {path.name} ===")
        held_out = "holdout" in path.name
        print(report(score_vignettes(load_vignettes(path), run), errors=args.errors and not held_out))


if __name__ == "__main__":
    main()
