"""One assessment: triage level and reasons, possible causes with evidence and sources, tips.

This is information, not a diagnosis: causes are "possible causes", ranked by how well the
findings fit what the source documents say, and red flags decide the level regardless.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.entities import sign_ids
from bot.knowledge.store import Citation, KnowledgeStore, get_store
from bot.lexicon import get_lexicon
from bot.triage.facts import Facts
from bot.triage.ranking import CauseRanker, RankedCause
from bot.triage.redflags import Triage, care_criteria, check_red_flags
from bot.triage.tips import Tip, tips_for

MAX_CAUSES = 3
TIP_CAUSES = 2  # tips for the two best-fitting causes


@dataclass(frozen=True)
class Assessment:
    facts: Facts
    triage: Triage
    causes: tuple[RankedCause, ...]
    tips: tuple[Tip, ...]
    seek_care: tuple[Citation, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "triage": self.triage.as_dict(),
            "causes": [c.as_dict() for c in self.causes],
            "tips": [t.as_dict() for t in self.tips],
            "seek_care": [c.as_dict() for c in self.seek_care],
        }


class Assessor:
    """The triage engine over one knowledge store (shared, stateless between users)."""

    def __init__(self, store: KnowledgeStore):
        self.store = store
        lexicon = get_lexicon()
        self.ranker = CauseRanker(store, lexicon)
        self.settles = lexicon.settles
        self.set_aside = lexicon.set_aside

    def triage(self, facts: Facts) -> Triage:
        return check_red_flags(facts, self.store, self.settles, self.set_aside)

    def assess(self, facts: Facts) -> Assessment:
        triage = self.triage(facts)
        causes = tuple(self.ranker.rank(facts)[:MAX_CAUSES])
        tips = tuple(tips_for([c.id for c in causes[:TIP_CAUSES]], self.store))
        seek = tuple(care_criteria(self.store))
        return Assessment(facts, triage, causes, tips, seek)


@lru_cache(maxsize=1)
def get_assessor() -> Assessor:
    return Assessor(get_store())


def assess_text(text: str, model: Any) -> dict[str, Any]:
    """`legbot assess`: parse one whole case with the trained model, then assess it."""
    parsed = model.parse(text)
    facts = Facts.from_findings(parsed["findings"], sign_ids(parsed["entities"]))
    result = get_assessor().assess(facts)
    out = {"text": text, "findings": parsed["findings"], **result.as_dict()}
    if parsed.get("notice"):
        out["notice"] = parsed["notice"]
    return out
