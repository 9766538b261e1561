"""Rank the contract's conditions against the facts, with evidence for and against.

Each condition's profile is the set of findings the knowledge store links to it (symptoms,
timings, places, reliefs, triggers, risk factors). A finding linked to few conditions says
more than one linked to many (inverse condition frequency), and finding types differ in how
much they say (a sensation more than a place). The score is mostly coverage, the share of
the user's (weighted) findings that the profile explains, with a little of the cosine
between the two so that, of two conditions explaining the same, the more specific one
ranks first; the denied findings of the profile take away.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from bot.contract import CAUSE_IDS, FINDING_VALUES
from bot.knowledge.store import Citation, KnowledgeStore, Link
from bot.lexicon import Lexicon
from bot.triage.facts import ONE_SIDED, Facts

TYPE_WEIGHT = {
    "symptom": 1.0, "timing": 0.8, "relief": 1.0, "trigger": 1.0, "risk_factor": 1.0,
    "medication": 1.3, "body_part": 0.5, "severity": 0.2, "duration": 0.3, "alarm": 1.0,
    "history": 1.0, "qualifier": 0.8,
}
PROFILE_PREDICATES = ("has_symptom", "occurs_at", "affects", "relieved_by", "triggered_by",
                      "risk_factor", "has_feature")
AGAINST = 0.7
WITHOUT_DEFINING = 0.3  # a condition missing its defining feature keeps this share of its score
COVERAGE_SHARE = 0.8
MIN_SCORE = 0.05


@dataclass(frozen=True)
class Evidence:
    finding: str
    supports: bool
    relation: str
    sources: tuple[Citation, ...]

    def as_dict(self) -> dict:
        return {"finding": self.finding, "supports": self.supports, "relation": self.relation}


@dataclass(frozen=True)
class RankedCause:
    id: str
    name: str
    score: float
    evidence: tuple[Evidence, ...]

    @property
    def supporting(self) -> tuple[Evidence, ...]:
        return tuple(e for e in self.evidence if e.supports)

    def sources(self, limit: int = 3) -> list[Citation]:
        out: list[Citation] = []
        for ev in sorted(self.supporting, key=lambda e: -TYPE_WEIGHT.get(e.finding.split(":")[0], 0)):
            for c in ev.sources:
                if c not in out:
                    out.append(c)
        return out[:limit]

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "score": round(self.score, 3),
                "evidence": [e.as_dict() for e in self.evidence],
                "sources": [c.as_dict() for c in self.sources()]}


class CauseRanker:
    """Built once per store: the profiles and weights do not change between users."""

    def __init__(self, store: KnowledgeStore, lexicon: Lexicon):
        self.store = store
        relief_of = {f"remedy:{e.key}": f"relief:{e.relief}" for e in lexicon.of_kind("remedy") if e.relief}
        self.defining = {e.key: set(e.defining) for e in lexicon.of_kind("condition") if e.defining}
        self.required = {e.key: set(e.required) for e in lexicon.of_kind("condition") if e.required}
        self.not_against = lexicon.complication_findings | {
            f"relief:{v}" for v in FINDING_VALUES["relief"]}
        self.profiles: dict[str, dict[str, Link]] = {}
        for cause in CAUSE_IDS:
            profile: dict[str, Link] = {}
            for link in store.condition_links(f"condition:{cause}"):
                obj = link.object
                if link.predicate == "relieved_by":
                    obj = relief_of.get(obj, obj)
                if link.predicate in PROFILE_PREDICATES and obj.split(":")[0] in TYPE_WEIGHT:
                    previous = profile.get(obj)
                    sources = (previous.sources if previous else ()) + link.sources
                    profile[obj] = Link(link.subject, link.predicate, obj, tuple(dict.fromkeys(sources)))
            self.profiles[cause] = profile
        df: dict[str, int] = defaultdict(int)
        for profile in self.profiles.values():
            for finding in profile:
                df[finding] += 1
        n = len(CAUSE_IDS)
        self.weight = {f: TYPE_WEIGHT[f.split(":")[0]] * math.log(1 + n / d) for f, d in df.items()}
        self.norm = {c: math.sqrt(sum(self.weight[f] ** 2 for f in p)) or 1.0
                     for c, p in self.profiles.items()}

    def rank(self, facts: Facts) -> list[RankedCause]:
        told = facts.told()
        # both legs said: a cause that "usually affects one leg" has that against it
        absent = facts.absent | ({ONE_SIDED} if "side:both" in told and ONE_SIDED not in told else set())
        user_mass = sum(self.weight.get(f, 0.3) ** 2 for f in told) or 1.0
        user_norm = math.sqrt(user_mass)
        ranked = []
        for cause, profile in self.profiles.items():
            if cause in self.required and not self.required[cause] & told:
                continue  # a side effect is not suggested without a medicine
            evidence, total = [], 0.0
            for finding, link in profile.items():
                w = self.weight[finding]
                if finding in told:
                    total += w * w
                    evidence.append(Evidence(finding, True, link.predicate, link.sources))
                elif finding in absent and finding not in self.not_against:
                    # a remedy that failed ("a hot bath didn't help") says little about the
                    # cause, nor does a complication ruled out ("no chest pain")
                    total -= AGAINST * w * w
                    evidence.append(Evidence(finding, False, link.predicate, link.sources))
            coverage = total / user_mass
            cosine = total / (self.norm[cause] * user_norm)
            score = COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * cosine
            if cause in self.defining and not self.defining[cause] & told:
                score *= WITHOUT_DEFINING
            if score >= MIN_SCORE and any(e.supports for e in evidence):
                concept = self.store.concept(f"condition:{cause}")
                ranked.append(RankedCause(cause, concept.name if concept else cause, score, tuple(evidence)))
        return sorted(ranked, key=lambda r: -r.score)
