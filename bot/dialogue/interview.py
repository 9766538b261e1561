"""The interview: accumulate findings over turns and choose the next question.

Questions are asked only when their answer is missing and would change the assessment, one
at a time, at most ``MAX_QUESTIONS``. Each question has a slot ``q_<id>`` in the form and a
response ``utter_ask_q_<id>`` with buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bot.triage.facts import Facts

MAX_QUESTIONS = 6


def merge_findings(old: Iterable[Mapping], new: Iterable[Mapping]) -> list[dict]:
    """Findings of all turns, one per (type, value); a later mention wins, so "actually it
    is swollen" corrects an earlier "no swelling"."""
    merged: dict[tuple[str, str], dict] = {}
    for f in list(old or []) + list(new or []):
        if not isinstance(f, Mapping) or "type" not in f or "value" not in f:
            continue
        key = (str(f["type"]), str(f["value"]))
        merged.pop(key, None)
        merged[key] = {"type": key[0], "value": key[1], "present": bool(f.get("present", True))}
    return list(merged.values())


@dataclass(frozen=True)
class Question:
    id: str
    # Asked while this holds (the answer is missing and would change the assessment).
    needed: Callable[[Facts], bool]
    # For yes/no questions: the findings a "yes" or "no" answer sets.
    yes_no: tuple[str, ...] = ()

    @property
    def slot(self) -> str:
        return f"q_{self.id}"


def _unknown(facts: Facts, *keys: str) -> bool:
    return not any(facts.knows(k) for k in keys)


def _none_of_type(ftype: str) -> Callable[[Facts], bool]:
    return lambda facts: not any(k.startswith(ftype + ":") for k in facts.present | facts.absent)


def _clot_relevant(facts: Facts) -> bool:
    return (facts.has("symptom:swelling") or facts.has("body_part:calf")) and _unknown(
        facts, "trigger:long_travel", "risk_factor:recent_surgery")


def _risk_relevant(facts: Facts) -> bool:
    return not any(k.split(":")[0] in ("risk_factor", "medication") for k in facts.present | facts.absent)


QUESTIONS: tuple[Question, ...] = (
    Question("location", _none_of_type("body_part")),
    Question("side", _none_of_type("side")),
    Question("swelling", lambda f: _unknown(f, "symptom:swelling", "symptom:redness", "symptom:warmth")),
    Question("timing", _none_of_type("timing")),
    Question("relief", _none_of_type("relief")),
    Question("duration", _none_of_type("duration")),
    Question("travel", _clot_relevant, yes_no=("trigger:long_travel",)),
    Question("risk", _risk_relevant),
    Question("weakness", lambda f: _unknown(f, "symptom:weakness"), yes_no=("symptom:weakness",)),
)
BY_SLOT = {q.slot: q for q in QUESTIONS}


def next_question(facts: Facts, asked: Iterable[str]) -> Question | None:
    """The first question still needed and not yet asked, or None when enough is known."""
    asked = set(asked)
    if len(asked) >= MAX_QUESTIONS:
        return None
    for question in QUESTIONS:
        if question.id not in asked and question.needed(facts):
            return question
    return None


def answer_findings(question_slot: str | None, intent: str | None) -> list[dict]:
    """A bare yes or no to a yes/no question becomes its findings."""
    question = BY_SLOT.get(question_slot or "")
    if question is None or not question.yes_no or intent not in ("affirm", "deny"):
        return []
    return [{"type": k.split(":")[0], "value": k.split(":")[1], "present": intent == "affirm"}
            for k in question.yes_no]
