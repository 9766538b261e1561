"""Answers to follow-up questions, from the knowledge store, each with its source."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bot.contract import CAUSE_IDS
from bot.dialogue.replies import Reply, cite
from bot.knowledge.store import Citation, KnowledgeStore
from bot.lexicon import get_lexicon
from bot.matching import TermMatcher
from bot.nlp import fold_text, get_nlp
from bot.triage.redflags import care_criteria
from bot.understanding.text import clean_text

# When nothing points elsewhere, relief and prevention questions are about night cramps,
# the commonest cause of legs aching at night in the sources.
DEFAULT_CAUSE = "muscle_cramps"
MAX_QUOTES = 3


@lru_cache(maxsize=1)
def _condition_matcher() -> TermMatcher:
    return TermMatcher.from_entries(get_lexicon().of_kind("condition"))


def conditions_named(text: str) -> list[str]:
    """Cause ids named in a message ("tell me more about restless legs" -> RLS)."""
    doc = get_nlp()(fold_text(clean_text(text, 2000).text))
    found = [c.split(":", 1)[1] for m in _condition_matcher()(doc) for c in m.concepts]
    return list(dict.fromkeys(found))


def _quotes(citations: Iterable[Citation], limit: int = MAX_QUOTES) -> str:
    out = []
    for c in list(dict.fromkeys(citations))[:limit]:
        q = cite(c)
        out.append(f"\u201c{q['quote']}\u201d ({q['source']})")
    return "\n".join(out)


def _custom(citations: Iterable[Citation]) -> dict:
    return {"legbot": {"sources": [cite(c) for c in list(dict.fromkeys(citations))[:MAX_QUOTES]]}}


def condition_info(cause: str, store: KnowledgeStore) -> Reply:
    concept = store.concept(f"condition:{cause}")
    links = store.condition_links(f"condition:{cause}")
    order = ("has_symptom", "occurs_at", "risk_factor", "triggered_by", "relieved_by", "treated_by")
    citations = [c for p in order for lk in links if lk.predicate == p for c in lk.sources]
    if not citations:
        return Reply("utter_no_information", {"name": concept.name if concept else cause})
    return Reply("utter_condition_info", {"name": concept.name, "facts": _quotes(citations)},
                 _custom(citations))


def remedies(causes: list[str], predicate: str, store: KnowledgeStore) -> Reply:
    causes = [c for c in causes if c in CAUSE_IDS] or [DEFAULT_CAUSE]
    citations, names = [], []
    for cause in causes[:2]:
        for link in store.remedies_for(f"condition:{cause}", predicate):
            concept = store.concept(link.object)
            if concept and concept.name not in names:
                names.append(concept.name)
                citations.extend(link.sources)
    response = "utter_relief_now" if predicate == "relieved_by" else "utter_prevention"
    condition = store.concept(f"condition:{causes[0]}")
    if not names:
        return Reply("utter_no_information", {"name": condition.name if condition else causes[0]})
    return Reply(response, {"name": condition.name, "tips": ", ".join(n.lower() for n in names[:5]),
                            "quotes": _quotes(citations)}, _custom(citations))


def when_to_see_doctor(store: KnowledgeStore) -> Reply:
    citations = care_criteria(store, ("emergency", "urgent", "see_doctor"))
    return Reply("utter_when_to_see_doctor", {"quotes": _quotes(citations, 6)}, _custom(citations))


def ache_vs_cramp(store: KnowledgeStore) -> Reply:
    """Passages that speak of both aches and cramps, and their neighbours in that section."""
    lexicon = get_lexicon()
    ache = lexicon.by_id("symptom:aching").terms
    cramp = lexicon.by_id("symptom:cramping").terms

    def mentions(text: str, terms: tuple[str, ...]) -> bool:
        words = set(fold_text(text.lower()).replace(",", " ").replace(".", " ").split())
        return any(t in words for t in terms if " " not in t)

    both = [c for c in store.passages() if mentions(c.quote, ache) and mentions(c.quote, cramp)]
    # a section whose heading names both ("Muscle Ache Vs. Cramp") says it best
    headed = {c.section for c in store.passages()
              if c.section and mentions(c.section, ache) and mentions(c.section, cramp)}
    sections = headed or {c.section for c in both if c.section}
    near = [c for c in store.passages() if c.section in sections]
    citations = near or both
    if not citations:
        return Reply("utter_no_information", {"name": "aches and cramps"})
    return Reply("utter_ache_vs_cramp", {"quotes": _quotes(citations, 4)}, _custom(citations))


def causes_overview(store: KnowledgeStore) -> Reply:
    names = []
    citations: list[Citation] = []
    for cause in CAUSE_IDS:
        concept = store.concept(f"condition:{cause}")
        links = [lk for lk in store.condition_links(f"condition:{cause}") if lk.predicate == "has_symptom"]
        if concept and links:
            names.append(concept.name.lower())
            citations.append(links[0].sources[0])
    return Reply("utter_causes_overview", {"causes": ", ".join(names), "quotes": _quotes(citations, 2)},
                 _custom(citations))
