"""Print finding and intent figures on the evaluation sets, with the trained Rasa model.

    python bench/eval_nlu.py [--errors]

tests/eval/nlu_eval.yml was written apart from the training data; the extractor's
vocabulary was extended once after its first measurement, so it is no longer blind.
tests/eval/nlu_negation_dev.yml (90 negation-heavy utterances, written by a separate author
in the third session) is studied freely. tests/eval/nlu_blind.yml was written apart from the
code and is never used for tuning: its figures are the honest ones.
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

SETS = ("nlu_eval.yml", "nlu_negation_dev.yml", "nlu_blind.yml")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true", help="list the utterances with differences")
    args = parser.parse_args()
    model = NluModel.load(ROOT / "models" / "legbot.tar.gz")

    def predict(text: str):
        out = model.parse(text)
        return out["intent"]["name"], {(f["type"], f["value"], f["present"]) for f in out["findings"]}

    for name in SETS:
        path = ROOT / "tests" / "eval" / name
        if not path.exists():
            continue
        examples = load_examples(path)
        s = score(examples, predict)
        print(f"\n=== {name}: {len(examples)} utterances ===")
        print(report(s))
        if args.errors:
            for text, missed, extra in s.errors:
                print(f"  {text[:90]!r}\n     missed {missed}\n     extra  {extra}")


if __name__ == "__main__":
    main()
