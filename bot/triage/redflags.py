"""Red flags: the escalation criteria in the knowledge store, applied to the facts.

A criterion fires when every finding it requires is present (a denied finding never counts),
its qualifiers hold and, for advice about the pain itself, the user has not denied the pain
("if the pain is ... associated with swelling" does not fire for "puffy ankles, no pain", but
does for "no pain, just cramps when I walk"). Advice to book a doctor about a finding that a
sign shows to come and go harmlessly ("puffy by evening, normal by morning") is set aside, and
so is advice at any level that a sign shows not to apply (the lexicon's set_aside section: a
swollen ankle told with its injury is not a clot's one swollen leg).
The most urgent level that fires decides; with none, self_care. The concern model's sign (a
message that reads like cases needing such care, bot/understanding/concern.py) is a reason only
where no named warning sign reaches its level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.contract import TRIAGE_LEVELS
from bot.knowledge.store import Citation, EscalationCriterion, KnowledgeStore
from bot.lexicon import SetAside
from bot.triage.facts import Facts
from bot.understanding.concern import CONCERN_SIGNS


@dataclass(frozen=True)
class Reason:
    level: str
    criterion: str
    findings: tuple[str, ...]
    sources: tuple[Citation, ...]

    def describe(self) -> str:
        words = [f.split(":", 1)[1].replace("_", " ") for f in self.findings]
        return ", ".join(words)

    def as_dict(self) -> dict:
        return {"level": self.level, "because": list(self.findings), "text": self.describe(),
                "sources": [c.as_dict() for c in self.sources]}


@dataclass(frozen=True)
class Triage:
    level: str
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {"level": self.level, "reasons": [r.as_dict() for r in self.reasons]}


def qualifier_holds(qualifier: str, facts: Facts) -> bool:
    if qualifier == "qualifier:one_sided":
        return facts.one_sided()
    # "over a few days", "for the first time": they hold unless the user said otherwise (when in
    # doubt, escalate); "constant" or "every night since yesterday" is not otherwise
    if qualifier == "qualifier:over_days":
        return not facts.has("history:weeks_or_more")
    if qualifier == "qualifier:new":  # "the swelling is new": not months or years of it, said so
        return not facts.has("history:old_swelling")
    if qualifier == "qualifier:in_days":  # said in so many words: "this week", "since Monday"
        return facts.has("history:recent") and not facts.has("history:weeks_or_more")
    if qualifier == "qualifier:first_time":
        return not any(facts.has(k) for k in ("history:weeks_or_more", "history:recurring",
                                              "history:joint_wear"))
    return False  # an unknown qualifier never fires silently ... nor escalates by accident


PARTS = {"foot": ("toes",)}


def site_holds(sites: set[str], facts: Facts) -> bool:
    """A criterion that names a place ("a calf is swollen") holds for that place, for the leg
    in general, or when the user named no place but the leg (when in doubt, escalate); not
    for another place ("my big toe is red and swollen", "my left calf is red ... the right leg
    is fine")."""
    told = facts.of_type("body_part") - {"leg"}
    # every body part of the contract is part of the leg: "one leg is swollen" holds for a calf;
    # the toes are part of the foot: "a foot turning black" holds for a toe
    sites = sites | {part for whole, parts in PARTS.items() if whole in sites for part in parts}
    return not sites or "leg" in sites or not told or bool(told & sites)


def aside_by_sign(criterion: EscalationCriterion, facts: Facts, rules: Iterable[SetAside]) -> bool:
    """Does a sign the user told show that this advice does not apply (Lexicon.set_aside)?"""
    about = set(criterion.requires) | set(criterion.qualifiers)
    told = facts.of_type("body_part") - {"leg"}
    return any(facts.has(r.sign) and criterion.level in r.levels and r.advice_needing <= about
               and not any(facts.has(k) for k in r.unless)
               and (not r.at or (bool(told) and told <= r.at)) for r in rules)


def fires(criterion: EscalationCriterion, facts: Facts,
          settled: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
          rules: Iterable[SetAside] = ()) -> bool:
    """``settled``: findings shown to come and go harmlessly, for any advice to book a doctor
    and for advice about the pain itself; ``rules``: advice that a sign sets aside at any level."""
    for_any, for_pain = settled
    sites = {r.split(":", 1)[1] for r in criterion.requires if r.startswith("body_part:")}
    needed = [r for r in criterion.requires if not r.startswith("body_part:")]
    set_aside = criterion.level == "see_doctor" and bool(
        (for_any | (for_pain if criterion.pain else frozenset())) & set(needed))
    return (all(facts.has(r) for r in needed) and site_holds(sites, facts)
            and all(qualifier_holds(q, facts) for q in criterion.qualifiers)
            and not _pain_denied(criterion.pain, facts) and not set_aside
            and not aside_by_sign(criterion, facts, rules))


def _pain_denied(pain: tuple[str, ...], facts: Facts) -> bool:
    """The pain denied ("no pain") and no kind of it named ("no pain, just a dead feeling" names
    numbness, a kind)."""
    return bool(pain) and pain[0] in facts.absent and not any(facts.has(k) for k in pain[1:])


def check_red_flags(facts: Facts, store: KnowledgeStore,
                    settles: Mapping[str, tuple[frozenset[str], frozenset[str]]],
                    rules: Iterable[SetAside] = ()) -> Triage:
    """``settles``: for a sign, the findings it shows to come and go harmlessly, for any advice
    to book a doctor and for advice about the pain only (Lexicon.settles); ``rules``: advice a
    sign sets aside at any level (Lexicon.set_aside)."""
    present = [settles[s] for s in facts.alarms if s in settles]
    settled = (frozenset().union(*(a for a, _ in present)), frozenset().union(*(p for _, p in present)))
    rules = tuple(rules)
    fired = [c for c in store.escalation_criteria() if fires(c, facts, settled, rules)]
    fired = [c for c in fired if not _redundant(c, fired)]
    if not fired:
        return Triage("self_care", ())
    level = min((c.level for c in fired), key=TRIAGE_LEVELS.index)
    ordered = sorted(fired, key=lambda c: (TRIAGE_LEVELS.index(c.level), -len(c.requires)))
    reasons = tuple(Reason(c.level, c.id, c.requires + c.qualifiers, c.sources) for c in ordered)
    return Triage(level, reasons)


def _redundant(criterion: EscalationCriterion, fired: list[EscalationCriterion]) -> bool:
    """The concern model's sign adds nothing where a named warning sign gives its level or a
    more urgent one: the reason to show is the named one."""
    if not set(criterion.requires) & CONCERN_SIGNS:
        return False
    rank = TRIAGE_LEVELS.index(criterion.level)
    return any(TRIAGE_LEVELS.index(c.level) <= rank for c in fired
               if not set(c.requires) & CONCERN_SIGNS)


def care_criteria(store: KnowledgeStore, levels: tuple[str, ...] = ("emergency", "urgent")) -> list[Citation]:
    """The passages that say when to get help, most urgent first, each once."""
    out: list[Citation] = []
    for level in levels:
        for criterion in store.escalation_criteria():
            if criterion.level == level:
                out.extend(c for c in criterion.sources if c not in out)
    return out
