"""Print finding and intent figures on the evaluation sets, with the trained Rasa model.

    python bench/eval_nlu.py [--errors]

tests/eval/nlu_eval.yml was written apart from the training data; the extractor's
vocabulary was extended once after its first measurement, so it is no longer blind.
tests/eval/nlu_negation_dev.yml (90 negation-heavy utterances, written by a separate author
in the third session) and nlu_negation_dev2.yml (100 utterances, 80 with negation, written
by another author in the fourth session) are studied freely. tests/eval/nlu_blind.yml was
written apart from the code and is never used for tuning: its figures are the honest ones,
and `--errors` never lists its utterances. `--set NAME` runs some sets only.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from bot.evaluation.nlu import load_examples, report, score  # noqa: E402
from bot.understanding.model import NluModel  # noqa: E402

SETS = ("nlu_eval.yml", "nlu_negation_dev.yml", "nlu_negation_dev2.yml", "nlu_blind.yml")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true", help="list the utterances with differences")
    parser.add_argument("--set", action="append", default=[], help="a set's file name (repeatable)")
    args = parser.parse_args()
    model = NluModel.load(ROOT / "models" / "legbot.tar.gz")

    def predict(text: str):
        out = model.parse(text)
        return out["intent"]["name"], {(f["type"], f["value"], f["present"]) for f in out["findings"]}

    for name in args.set or SETS:
        path = ROOT / "tests" / "eval" / name
        if not path.exists():
            continue
        examples = load_examples(path)
        s = score(examples, predict)
        print(f"\n=== {name}: {len(examples)} utterances ===")
        print(report(s))
        if args.errors and "blind" not in name:
            for text, missed, extra in s.errors:
                print(f"  {text[:90]!r}\n     missed {missed}\n     extra  {extra}")


if __name__ == "__main__":
    main()
