"""Turn an assessment or an answer into response names and their variables.

The words live in domain.yml; this module chooses which responses to send and fills in the
parts that come from the knowledge store (condition names, quotes, sources).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.entities import ONE_SIDED
from bot.knowledge.store import Citation
from bot.lexicon import get_lexicon
from bot.triage.assess import Assessment
from bot.triage.ranking import RankedCause
from bot.triage.redflags import Triage

MAX_QUOTE = 220


@dataclass(frozen=True)
class Reply:
    response: str
    values: dict = field(default_factory=dict)
    custom: dict | None = None


def cite(citation: Citation) -> dict:
    quote = citation.quote if len(citation.quote) <= MAX_QUOTE else citation.quote[:MAX_QUOTE - 1] + "\u2026"
    source = citation.document + (f" ({citation.author})" if citation.author else "")
    return {"quote": quote, "source": source}


def words(keys) -> str:
    """Findings named the way a person would say them, joined with commas and "and". Body
    parts only scope a reason ("a calf is swollen") and are not named, nor are qualifiers that
    hold unless the user said otherwise ("over a few days"): the user did not say them."""
    lexicon = get_lexicon()
    names = list(dict.fromkeys(lexicon.say(k) for k in keys if not k.startswith("body_part:")
                               and (not k.startswith("qualifier:") or k == ONE_SIDED)))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def triage_replies(triage: Triage) -> list[Reply]:
    deciding = [r for r in triage.reasons if r.level == triage.level]  # not lower levels' reasons
    reasons = words(k for r in deciding for k in r.findings)
    custom = {"legbot": {"triage": triage.level,
                         "sources": [cite(c) for r in deciding for c in r.sources][:3]}}
    if triage.level == "self_care" or not reasons:
        return [Reply(f"utter_triage_{triage.level}", {}, custom)]
    return [Reply(f"utter_triage_{triage.level}_because", {"reasons": reasons}, custom)]


def cause_reply(cause: RankedCause) -> Reply:
    why = words(e.finding for e in cause.supporting) or "what you described"
    sources = cause.sources(1)
    if sources:
        c = cite(sources[0])
        return Reply("utter_possible_cause", {"name": cause.name, "why": why, **c},
                     {"legbot": {"cause": cause.id, "sources": [cite(s) for s in cause.sources()]}})
    return Reply("utter_possible_cause_unsourced", {"name": cause.name, "why": why})


def tip_text(assessment: Assessment, kind: str) -> str:
    """The tips of one kind, then the passage of the first as its source."""
    tips = [t for t in assessment.tips if t.kind == kind and t.sources]
    if not tips:
        return ""
    first = cite(tips[0].sources[0])
    names = ", ".join(t.text[0].lower() + t.text[1:] for t in tips)
    return f"{names}. As the source puts it: \u201c{first['quote']}\u201d ({first['source']})"


WORTH_NAMING = 0.25


def assessment_replies(assessment: Assessment) -> list[Reply]:
    """In order: triage and why; up to three possible causes; tips; when to get help; the
    line that this is information, not a diagnosis."""
    replies = triage_replies(assessment.triage)
    if assessment.triage.level == "emergency":
        return replies  # nothing may distract from calling for help
    # A cause explaining under a quarter of what the best one does is not worth naming to a
    # worried person ("a blood clot?" for plain night cramps); `legbot assess` lists them all.
    shown = [c for c in assessment.causes if c.score >= WORTH_NAMING * assessment.causes[0].score]
    if shown:
        replies.append(Reply("utter_causes_intro"))
        replies.extend(cause_reply(c) for c in shown)
    else:
        replies.append(Reply("utter_no_clear_cause"))
    relief = tip_text(assessment, "relief_now")
    prevention = tip_text(assessment, "prevention")
    if relief:
        replies.append(Reply("utter_tips_relief", {"tips": relief}))
    if prevention:
        replies.append(Reply("utter_tips_prevention", {"tips": prevention}))
    treatment = tip_text(assessment, "treatment")
    if treatment:
        replies.append(Reply("utter_tips_treatment", {"tips": treatment}))
    replies.append(Reply("utter_seek_care"))
    replies.append(Reply("utter_disclaimer"))
    return replies
