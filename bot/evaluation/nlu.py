"""Score findings and intents against tests/eval/nlu_eval.yml.

A finding counts as correct when type, value and present/absent all match the annotation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    findings: frozenset[tuple[str, str, bool]]


def load_examples(path: Path) -> list[Example]:
    out = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        gold = {(*k.split(":", 1), True) for k in item.get("present") or []}
        gold |= {(*k.split(":", 1), False) for k in item.get("absent") or []}
        out.append(Example(item["text"], item["intent"], frozenset(gold)))
    return out


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    negated_total: int = 0
    negated_correct: int = 0
    intents: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, list, list]] = field(default_factory=list)

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def by_type(self) -> dict[str, tuple[float, float, float]]:
        types = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        return {t: self._prf(self.tp[t], self.fp[t], self.fn[t]) for t in types}

    def overall(self) -> tuple[float, float, float]:
        return self._prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def negated_accuracy(self) -> float:
        return self.negated_correct / self.negated_total if self.negated_total else 1.0

    def intent_macro_f1(self) -> float:
        if not self.intents:
            return 1.0
        labels = {g for g, _ in self.intents}
        f1s = []
        for label in labels:
            tp = sum(1 for g, p in self.intents if g == label and p == label)
            fp = sum(1 for g, p in self.intents if g != label and p == label)
            fn = sum(1 for g, p in self.intents if g == label and p != label)
            f1s.append(self._prf(tp, fp, fn)[2])
        return sum(f1s) / len(f1s)

    def intent_accuracy(self) -> float:
        return sum(1 for g, p in self.intents if g == p) / len(self.intents) if self.intents else 1.0


def score(examples: Iterable[Example],
          predict: Callable[[str], tuple[str | None, set[tuple[str, str, bool]]]]) -> Scores:
    """``predict(text)`` returns (intent or None, {(type, value, present)})."""
    s = Scores()
    for ex in examples:
        intent, found = predict(ex.text)
        gold = set(ex.findings)
        for item in found & gold:
            s.tp[item[0]] += 1
        for item in found - gold:
            s.fp[item[0]] += 1
        for item in gold - found:
            s.fn[item[0]] += 1
        for ftype, value, present in gold:
            if not present:
                s.negated_total += 1
                s.negated_correct += (ftype, value, False) in found
        if intent is not None:
            s.intents.append((ex.intent, intent))
        if found != gold:
            s.errors.append((ex.text, sorted(gold - found), sorted(found - gold)))
    return s


def report(s: Scores) -> str:
    lines = ["finding type      precision  recall     F1"]
    per_type: dict[str, tuple[float, float, float]] = defaultdict(tuple, s.by_type())
    for ftype, (p, r, f) in per_type.items():
        lines.append(f"  {ftype:<15} {p:9.3f} {r:7.3f} {f:6.3f}")
    p, r, f = s.overall()
    lines.append(f"  {'overall':<15} {p:9.3f} {r:7.3f} {f:6.3f}")
    lines.append(f"negated mentions correct: {s.negated_accuracy():.3f} "
                 f"({s.negated_correct}/{s.negated_total})")
    if s.intents:
        lines.append(f"intent macro-F1: {s.intent_macro_f1():.3f}   accuracy: {s.intent_accuracy():.3f}")
    return "\n".join(lines)
