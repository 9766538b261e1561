"""Score the triage engine against the vignette suite."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.contract import TRIAGE_LEVELS


@dataclass(frozen=True)
class Vignette:
    id: str
    text: str
    triage: str
    causes: tuple[str, ...]


def load_vignettes(path: Path) -> list[Vignette]:
    return [Vignette(v["id"], v["text"], v["triage"], tuple(v["causes"]))
            for v in yaml.safe_load(path.read_text(encoding="utf-8"))]


@dataclass
class TriageScores:
    total: int = 0
    exact: int = 0
    top2: int = 0
    cause_cases: int = 0  # cases for which the author accepts at least one contract cause
    urgent_cases: int = 0
    under_triage: int = 0
    over_triage: int = 0
    rows: list[tuple[Vignette, str, list[str]]] = field(default_factory=list)

    @property
    def triage_accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0

    @property
    def top2_accuracy(self) -> float:
        return self.top2 / self.total if self.total else 0.0

    @property
    def top2_where_a_cause_fits(self) -> float:
        """Top-2 over the cases with an accepted cause: a case whose author accepts none (a
        stroke, a spinal emergency: outside the contract's ten) can never count as right."""
        return self.top2 / self.cause_cases if self.cause_cases else 0.0


def score_vignettes(vignettes: list[Vignette], run: Callable[[str], dict[str, Any]]) -> TriageScores:
    s = TriageScores()
    for v in vignettes:
        out = run(v.text)
        level = out["triage"]["level"]
        causes = [c["id"] for c in out["causes"]]
        s.total += 1
        s.exact += level == v.triage
        s.top2 += any(c in v.causes for c in causes[:2])
        s.cause_cases += bool(v.causes)
        if v.triage in ("emergency", "urgent"):
            s.urgent_cases += 1
        if TRIAGE_LEVELS.index(level) > TRIAGE_LEVELS.index(v.triage):
            s.under_triage += v.triage in ("emergency", "urgent")
        elif TRIAGE_LEVELS.index(level) < TRIAGE_LEVELS.index(v.triage):
            s.over_triage += 1
        s.rows.append((v, level, causes))
    return s


def report(s: TriageScores, errors: bool = False) -> str:
    lines = [
        f"vignettes: {s.total}",
        f"triage exact accuracy: {s.triage_accuracy:.3f} ({s.exact}/{s.total})",
        f"under-triage on emergency/urgent cases: {s.under_triage} of {s.urgent_cases}",
        f"over-triage (more urgent than expected): {s.over_triage}",
        f"top-2 cause accuracy: {s.top2_accuracy:.3f} ({s.top2}/{s.total})",
    ]
    if s.cause_cases < s.total:
        lines.append(f"top-2 where a contract cause fits: {s.top2_where_a_cause_fits:.3f} "
                     f"({s.top2}/{s.cause_cases})")
    if errors:
        for v, level, causes in s.rows:
            if level != v.triage or not any(c in v.causes for c in causes[:2]):
                lines.append(f"  {v.id}: expected {v.triage} {list(v.causes)}, got {level} {causes[:3]}")
    return "\n".join(lines)


def extractor_assess(text: str) -> dict[str, Any]:
    """Assess with the rule extractor alone (no Rasa model): for quick runs and unit tests."""
    from bot.triage.assess import get_assessor
    from bot.triage.facts import Facts
    from bot.understanding.extractor import extract

    extraction = extract(text)
    facts = Facts.from_findings(extraction.findings, [a.key for a in extraction.alarms])
    return get_assessor().assess(facts).as_dict()
